import InfraKit

/// The credential scanner's prefilters as first written: a test a byte with early returns, nested
/// needle loops, names lowercased as strings. Kept as the oracle the table-driven prefilters are
/// compared with (`ScannerEquivalenceTests`); not used by the tool. The shapes themselves have one
/// implementation, checked against the credential corpus (`CredentialCorpusTests`).
enum PlainScanner {
    /// Names that announce a credential when a literal is assigned to them.
    static let credentialNames = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                                  "access_key", "accesskey", "secret_key", "private_key", "privatekey", "private-key", "passphrase",
                                  "_pass", "-pass"]

    /// Whether raw text could hold a credential at all: a separator for an assignment, a long run of
    /// token characters, or a key block's dashes. Most strings (ids, enum values, short names) fail
    /// this cheap test and are never decoded or scanned.
    static func mayContainCredential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        var run = 0
        var dashes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") { return true }
            dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
            if dashes >= 5 { return true }
            if isTokenByte(byte) {
                run += 1
                if run >= 20 { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    /// Whether a raw key may name a credential (cheap byte test before `isCredentialName`).
    private static let nameNeedles: [[UInt8]] = ["pass", "pwd", "secret", "token", "key"].map { Array($0.utf8) }

    static func mayNameCredential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let needles = nameNeedles
        guard bytes.count >= 3 else { return false }
        for start in 0..<bytes.count {
            for needle in needles where start + needle.count <= bytes.count {
                var matches = true
                for (offset, expected) in needle.enumerated() where bytes[start + offset] | 0x20 != expected {
                    matches = false
                    break
                }
                if matches { return true }
            }
        }
        return false
    }

    /// Whether a key (a JSON member name) names a credential: `password`, `dbPassword`, `api_token`.
    static func isCredentialName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return credentialNames.contains { lowered.hasSuffix($0) || lowered.hasPrefix($0) }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "_-+/=".utf8.contains(byte)
    }
}

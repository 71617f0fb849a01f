/// Finds credential-looking text and shows it redacted, never as it is.
///
/// It knows four shapes: private key blocks, cloud access key ids (AWS `AKIA…`/`ASIA…`),
/// assignments of a literal to a password-, secret-, token- or key-named variable
/// (`DB_PASSWORD=hunter2`, `token: abc123`), and high-entropy tokens (24+ characters mixing upper
/// case, lower case and digits, at least 4 bits of entropy per character).
///
/// It sits in `Source/`, the lowest layer, because every layer that carries inventory text uses it:
/// the model decodes free text redacted, the linter redacts what findings say, and the renderers
/// redact what they print. Redacting is idempotent, so doing it twice is harmless.
public enum CredentialScanner {
    public enum Kind: String, Sendable {
        case privateKey = "a private key block"
        case accessKeyID = "a cloud access key id"
        case assignment = "a literal credential"
        case highEntropyToken = "a high-entropy token"
    }

    public struct Match: Sendable, Equatable {
        public let kind: Kind
        /// The range of the credential in the scanned text, in UTF-8 offsets.
        public let range: Range<Int>
        /// What may be shown: a non-secret prefix, an ellipsis and a short SHA-256 fingerprint.
        public let redacted: String
    }

    /// Names that announce a credential when a literal is assigned to them.
    static let credentialNames = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                                  "access_key", "accesskey", "secret_key", "private_key", "privatekey", "private-key", "passphrase"]

    /// Whether raw text could hold a credential at all: a separator for an assignment, a long run of
    /// token characters, or a key block's dashes. Most strings (ids, enum values, short names) fail
    /// this cheap test and are never decoded or scanned.
    public static func mayContainCredential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        return byteClasses.withUnsafeBufferPointer { classes in
            var run = 0
            var dashes = 0
            for byte in bytes {
                let byteClass = classes[Int(byte)]
                if byteClass & separatorClass != 0 { return true }
                if byteClass & tokenClass != 0 {
                    run += 1
                    if run >= 20 { return true }
                } else {
                    run = 0
                }
                dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
                if dashes >= 5 { return true }
            }
            return false
        }
    }

    /// Whether a raw key may name a credential: it holds `pass`, `pwd`, `secret`, `token` or `key`
    /// in any ASCII case (a cheap byte test before `isCredentialName`).
    public static func mayNameCredential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for start in bytes.indices {
            let found: Bool
            // `| 0x20` folds an ASCII capital onto its small letter, so each needle is one comparison a byte.
            switch bytes[start] | 0x20 {
            case UInt8(ascii: "p"): found = hasFolded("ass", in: bytes, at: start + 1) || hasFolded("wd", in: bytes, at: start + 1)
            case UInt8(ascii: "s"): found = hasFolded("ecret", in: bytes, at: start + 1)
            case UInt8(ascii: "t"): found = hasFolded("oken", in: bytes, at: start + 1)
            case UInt8(ascii: "k"): found = hasFolded("ey", in: bytes, at: start + 1)
            default: found = false
            }
            if found { return true }
        }
        return false
    }

    /// Whether `bytes` holds the small-letter ASCII `needle` at `start`, in any ASCII case.
    private static func hasFolded(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        let expected = needle.utf8Start
        for offset in 0..<count where bytes[start + offset] | 0x20 != expected[offset] { return false }
        return true
    }

    /// Every credential in `text`, in order, not overlapping.
    public static func scan(_ text: String) -> [Match] {
        var text = text
        return text.withUTF8(scan)
    }

    /// Every credential in UTF-8 `bytes`, in order, not overlapping.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        // One pass says which shapes can occur at all; the detailed shapes run only for those.
        let possible = Shapes(bytes)
        var matches: [Match] = []
        if possible.contains(.privateKey) { matches += privateKeys(bytes) }
        if possible.contains(.accessKeyID) { matches += accessKeyIDs(bytes) }
        if possible.contains(.assignment) { matches += assignments(bytes) }
        if possible.contains(.highEntropyToken) { matches += highEntropyTokens(bytes) }
        guard matches.count > 1 else { return matches }
        // Keep the first (by position, then by the order above) of overlapping matches.
        var result: [Match] = []
        for match in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = result.last, last.range.overlaps(match.range) { continue }
            result.append(match)
        }
        return result
    }

    /// Whether a key (a JSON member name) names a credential: `password`, `dbPassword`, `api_token`.
    public static func isCredentialName(_ name: String) -> Bool {
        var name = name
        if let ascii = name.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? isCredentialName(ascii: $0) : nil }) { return ascii }
        let lowered = name.lowercased()
        return credentialNames.contains { lowered.hasSuffix($0) || lowered.hasPrefix($0) }
    }

    /// `isCredentialName` for an ASCII name, without building strings: ASCII lowercases byte by byte,
    /// and between ASCII strings a prefix or suffix is a byte prefix or suffix.
    private static func isCredentialName(ascii name: UnsafeBufferPointer<UInt8>) -> Bool {
        credentialNameBytes.contains { candidate in
            guard candidate.count <= name.count else { return false }
            let suffixStart = name.count - candidate.count
            return candidate.indices.allSatisfy { lowercased(name[$0]) == candidate[$0] }
                || candidate.indices.allSatisfy { lowercased(name[suffixStart + $0]) == candidate[$0] }
        }
    }

    private static let credentialNameBytes = credentialNames.map { Array($0.utf8) }

    /// `text` with every credential replaced by its redacted form.
    public static func redact(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard mayContainCredential(bytes) else { return nil }
            let matches = scan(bytes)
            guard !matches.isEmpty else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var position = 0
            for match in matches {
                output += bytes[position..<match.range.lowerBound]
                output += match.redacted.utf8
                position = match.range.upperBound
            }
            output += bytes[position...]
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }

    /// What every redacted form starts with after its shown prefix (an assignment's value ends at
    /// the comma, so no more than this can be required).
    private static let redactionMark = Array("…(redacted".utf8)

    /// `prefix…(redacted, sha256:1a2b3c4d)`.
    public static func redacted(_ secret: some Collection<UInt8>, showing prefix: String = "") -> String {
        "\(prefix)…(redacted, sha256:\(SHA256.hex(secret).prefix(8)))"
    }

    // MARK: Shapes

    /// The shapes a text may hold, from one pass over its bytes: each flag is a condition every
    /// match of its shape needs (a key block starts with dashes, an access key id with `AKIA` or
    /// `ASIA`, an assignment has a separator, a high-entropy token is a long run of token bytes).
    private struct Shapes: OptionSet {
        let rawValue: UInt8

        static let privateKey = Shapes(rawValue: 1)
        static let accessKeyID = Shapes(rawValue: 2)
        static let assignment = Shapes(rawValue: 4)
        static let highEntropyToken = Shapes(rawValue: 8)

        init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var shapes: Shapes = []
            byteClasses.withUnsafeBufferPointer { classes in
                var run = 0
                var dashes = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    let byteClass = classes[Int(byte)]
                    if byteClass & separatorClass != 0 { shapes.insert(.assignment) }
                    if byteClass & tokenClass != 0 {
                        run += 1
                        if run >= 24 { shapes.insert(.highEntropyToken) }
                    } else {
                        run = 0
                    }
                    dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
                    if dashes >= 5 { shapes.insert(.privateKey) }
                    if byte == UInt8(ascii: "A"), index + 20 <= bytes.count, bytes[index + 2] == UInt8(ascii: "I"),
                       bytes[index + 3] == UInt8(ascii: "A"), bytes[index + 1] == UInt8(ascii: "K") || bytes[index + 1] == UInt8(ascii: "S") {
                        shapes.insert(.accessKeyID)
                    }
                }
            }
            self = shapes
        }
    }

    private static func privateKeys(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        let begin: StaticString = "-----BEGIN "
        let marker: StaticString = "PRIVATE KEY-----"
        let endMarker: StaticString = "-----END "
        var matches: [Match] = []
        var index = 0
        while let start = find(begin, in: bytes, from: index) {
            // The header is looked for near its BEGIN only: a text of many BEGINs stays linear.
            guard let header = find(marker, in: bytes, from: start, startingBefore: start + 40) else {
                index = start + 1
                continue
            }
            let headerEnd = header + marker.utf8CodeUnitCount
            // Already redacted (`-----BEGIN RSA PRIVATE KEY-----…(redacted, ...)`): redacting is idempotent.
            if bytes[headerEnd...].starts(with: redactionMark) {
                index = headerEnd
                continue
            }
            var end = bytes.count
            if let footer = find(endMarker, in: bytes, from: headerEnd),
               let close = find("-----", in: bytes, from: footer + endMarker.utf8CodeUnitCount) {
                end = close + 5
            }
            let shown = String(decoding: bytes[start..<headerEnd], as: UTF8.self)
            matches.append(Match(kind: .privateKey, range: start..<end, redacted: redacted(bytes[start..<end], showing: shown)))
            index = end
        }
        return matches
    }

    private static func accessKeyIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index + 20 <= bytes.count {
            let startsKey = bytes[index] == UInt8(ascii: "A") && bytes[index + 2] == UInt8(ascii: "I") && bytes[index + 3] == UInt8(ascii: "A")
                && (bytes[index + 1] == UInt8(ascii: "K") || bytes[index + 1] == UInt8(ascii: "S"))
            if startsKey, index == 0 || !isWordByte(bytes[index - 1]),
               bytes[index + 4..<index + 20].allSatisfy({ isUpper($0) || isDigit($0) }),
               index + 20 == bytes.count || !isWordByte(bytes[index + 20]) {
                let range = index..<index + 20
                matches.append(Match(kind: .accessKeyID, range: range,
                                     redacted: redacted(bytes[range], showing: String(decoding: bytes[index..<index + 4], as: UTF8.self))))
                index += 20
            } else {
                index += 1
            }
        }
        return matches
    }

    private static func assignments(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // A variable name: a run of word bytes.
            guard isWordByte(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else { index += 1; continue }
            var nameEnd = index
            while nameEnd < bytes.count, isWordByte(bytes[nameEnd]) { nameEnd += 1 }
            var cursor = nameEnd
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            // Only a name followed by '=' or ':' is an assignment; test that before reading the name.
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":"),
                  isCredentialName(ascii: UnsafeBufferPointer(rebasing: bytes[index..<nameEnd])) else {
                index = nameEnd
                continue
            }
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            var valueStart = cursor
            var quote: UInt8?
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                quote = bytes[cursor]
                valueStart += 1
            }
            var valueEnd = valueStart
            while valueEnd < bytes.count {
                let byte = bytes[valueEnd]
                if let quote, byte == quote { break }
                if quote == nil, byte == 0x20 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
                    || byte == UInt8(ascii: ")") || byte == 0x0A { break }
                valueEnd += 1
            }
            let value = bytes[valueStart..<valueEnd]
            if isLiteralValue(value) {
                let shown = String(decoding: bytes[index..<valueStart], as: UTF8.self)
                matches.append(Match(kind: .assignment, range: index..<valueEnd, redacted: redacted(value, showing: shown)))
            }
            index = max(valueEnd, nameEnd)
        }
        return matches
    }

    /// A value that is a real literal, not a placeholder (`${DB_PASSWORD}`, `{{ vault_pw }}`,
    /// `<token>`, `YOUR_TOKEN`, `***`) or a reference to where the secret lives (`~/.ssh/deis`, `/etc/key`).
    private static func isLiteralValue(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard value.count >= 4, let first = value.first,
              value.contains(where: { isUpper($0) || isLower($0) || isDigit($0) }) else { return false }
        // A value redacted before (`password=…(redacted, ...)`) is not redacted again.
        if value.starts(with: redactionMark) { return false }
        if [UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "<"), UInt8(ascii: "%"), UInt8(ascii: "*"),
            UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "~"), UInt8(ascii: "/")].contains(first) { return false }
        // ALL_CAPS_WITH_UNDERSCORES reads as a variable name or a placeholder, not a value.
        if value.allSatisfy({ isUpper($0) || $0 == UInt8(ascii: "_") || isDigit($0) }), value.contains(where: isUpper) { return false }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        let placeholders = ["redacted", "changeme", "xxxx", "none", "null", "true", "false", "env", "lookup", "vault", "secret", "example"]
        return !placeholders.contains { text.hasPrefix($0) }
    }

    private static func highEntropyTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            guard isTokenByte(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
            let token = bytes[index..<end]
            if token.count >= 24, token.contains(where: isUpper), token.contains(where: isLower),
               token.contains(where: isDigit), entropy(token) >= 4.0 {
                matches.append(Match(kind: .highEntropyToken, range: index..<end, redacted: redacted(token)))
            }
            index = end
        }
        return matches
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: some Collection<UInt8>) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let probability = Double(count) / total
            return sum - probability * log2(probability)
        }
    }

    private static func log2(_ value: Double) -> Double {
        // Natural log through the series is not needed: Foundation-free log2 via exponent and mantissa.
        let exponent = Double(value.exponent)
        let mantissa = value.significand  // in [1, 2)
        // log2(m) for m in [1,2) by a short series on ln: ln(m) = 2 atanh((m-1)/(m+1)).
        let y = (mantissa - 1) / (mantissa + 1)
        var term = y
        var sum = 0.0
        var power = 1.0
        for _ in 0..<12 {
            sum += term / power
            term *= y * y
            power += 2
        }
        return exponent + 2 * sum / 0.693_147_180_559_945_3
    }

    /// Where `needle` first starts in `bytes` at or after `start`, and before `limit`.
    private static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                             startingBefore limit: Int = .max) -> Int? {
        let length = needle.utf8CodeUnitCount
        guard length <= bytes.count, start <= bytes.count - length else { return nil }
        let expected = UnsafeBufferPointer(start: needle.utf8Start, count: length)
        var index = start
        while index <= bytes.count - length, index < limit {
            if bytes[index] == expected[0], UnsafeBufferPointer(rebasing: bytes[index..<index + length]).elementsEqual(expected) {
                return index
            }
            index += 1
        }
        return nil
    }

    // MARK: Bytes

    /// Byte classes, by byte value: `separatorClass` for what an assignment needs, `tokenClass` for
    /// what a token (and an access key id) is made of.
    private static let byteClasses: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        return (byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") ? separatorClass : 0) | (isTokenByte(byte) ? tokenClass : 0)
    }
    private static let separatorClass: UInt8 = 1
    private static let tokenClass: UInt8 = 2

    private static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isUpper(byte) || isLower(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }
}

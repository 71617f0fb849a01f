@testable import InfraKit

/// The credential scanner as first written: four passes over a copied array, prefilters with
/// nested needle loops, names lowercased as strings. Kept as the oracle the fast scanner is
/// compared with (`ScannerEquivalenceTests`); not used by the tool.
enum PlainScanner {
    typealias Kind = CredentialScanner.Kind
    typealias Match = CredentialScanner.Match

    /// Names that announce a credential when a literal is assigned to them.
    static let credentialNames = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                                  "access_key", "accesskey", "secret_key", "private_key", "privatekey", "private-key", "passphrase"]

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

    /// Every credential in `text`, in order, not overlapping.
    static func scan(_ text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var matches: [Match] = []
        matches += privateKeys(bytes)
        matches += accessKeyIDs(bytes)
        matches += assignments(bytes)
        matches += highEntropyTokens(bytes)
        // Keep the first (by position, then by the order above) of overlapping matches.
        var result: [Match] = []
        for match in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let last = result.last, last.range.overlaps(match.range) { continue }
            result.append(match)
        }
        return result
    }

    /// Whether a key (a JSON member name) names a credential: `password`, `dbPassword`, `api_token`.
    static func isCredentialName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return credentialNames.contains { lowered.hasSuffix($0) || lowered.hasPrefix($0) }
    }

    /// `text` with every credential replaced by its redacted form.
    /// Redacted again until nothing changes (at most `CredentialScanner.redactionPasses` times, then
    /// nothing of the text is shown).
    static func redact(_ text: String) -> String {
        var current = text
        for _ in 0..<CredentialScanner.redactionPasses {
            let next = redactOnce(current)
            if next == current { return current }
            current = next
        }
        return redacted(Array(text.utf8))
    }

    private static func redactOnce(_ text: String) -> String {
        var text = text
        guard text.withUTF8(mayContainCredential) else { return text }
        let matches = scan(text)
        guard !matches.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var position = 0
        for match in matches {
            output += bytes[position..<match.range.lowerBound]
            output += Array(match.redacted.utf8)
            position = match.range.upperBound
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// What every redacted form starts with after its shown prefix (an assignment's value ends at
    /// the comma, so no more than this can be required).
    private static let redactionMark = Array("…(redacted".utf8)

    /// `prefix…(redacted, sha256:1a2b3c4d)`.
    static func redacted(_ secret: some Collection<UInt8>, showing prefix: String = "") -> String {
        "\(prefix)…(redacted, sha256:\(SHA256.hex(secret).prefix(8)))"
    }

    // MARK: Shapes

    private static func privateKeys(_ bytes: [UInt8]) -> [Match] {
        let begin = Array("-----BEGIN ".utf8)
        let marker = Array("PRIVATE KEY-----".utf8)
        var matches: [Match] = []
        var index = 0
        while let start = find(begin, in: bytes, from: index) {
            // The header is looked for near its BEGIN only: a text of many BEGINs stays linear.
            guard let header = find(marker, in: bytes, from: start, startingBefore: start + 40) else {
                index = start + 1
                continue
            }
            let headerEnd = header + marker.count
            // Already redacted (`-----BEGIN RSA PRIVATE KEY-----…(redacted, ...)`): redacting is idempotent.
            if bytes[headerEnd...].starts(with: redactionMark) {
                index = headerEnd
                continue
            }
            let endMarker = Array("-----END ".utf8)
            var end = bytes.count
            if let footer = find(endMarker, in: bytes, from: headerEnd),
               let close = find(Array("-----".utf8), in: bytes, from: footer + endMarker.count) {
                end = close + 5
            }
            let shown = String(decoding: bytes[start..<headerEnd], as: UTF8.self)
            matches.append(CredentialScanner.Match(kind: .privateKey, range: start..<end, redacted: redacted(bytes[start..<end], showing: shown)))
            index = end
        }
        return matches
    }

    private static func accessKeyIDs(_ bytes: [UInt8]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index + 20 <= bytes.count {
            let prefix = bytes[index..<index + 4]
            let startsKey = prefix.elementsEqual("AKIA".utf8) || prefix.elementsEqual("ASIA".utf8)
            if startsKey, index == 0 || !isWordByte(bytes[index - 1]),
               bytes[index + 4..<index + 20].allSatisfy({ isUpper($0) || isDigit($0) }),
               index + 20 == bytes.count || !isWordByte(bytes[index + 20]) {
                let range = index..<index + 20
                matches.append(CredentialScanner.Match(kind: .accessKeyID, range: range,
                                     redacted: redacted(bytes[range], showing: String(decoding: prefix, as: UTF8.self))))
                index += 20
            } else {
                index += 1
            }
        }
        return matches
    }

    private static func assignments(_ bytes: [UInt8]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // A variable name: a run of word bytes.
            guard isWordByte(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else { index += 1; continue }
            var nameEnd = index
            while nameEnd < bytes.count, isWordByte(bytes[nameEnd]) { nameEnd += 1 }
            var cursor = nameEnd
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            // Only a name followed by '=' or ':' is an assignment; test that before building a string.
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":"),
                  isCredentialName(String(decoding: bytes[index..<nameEnd], as: UTF8.self)) else {
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
                matches.append(CredentialScanner.Match(kind: .assignment, range: index..<valueEnd, redacted: redacted(value, showing: shown)))
            }
            index = max(valueEnd, nameEnd)
        }
        return matches
    }

    /// A value that is a real literal, not a placeholder (`${DB_PASSWORD}`, `{{ vault_pw }}`,
    /// `<token>`, `YOUR_TOKEN`, `***`) or a reference to where the secret lives (`~/.ssh/deis`, `/etc/key`).
    private static func isLiteralValue(_ value: ArraySlice<UInt8>) -> Bool {
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

    private static func highEntropyTokens(_ bytes: [UInt8]) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            guard isTokenByte(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
            let token = bytes[index..<end]
            if token.count >= 24, token.contains(where: isUpper), token.contains(where: isLower),
               token.contains(where: isDigit), entropy(token) >= 4.0 {
                matches.append(CredentialScanner.Match(kind: .highEntropyToken, range: index..<end, redacted: redacted(token)))
            }
            index = end
        }
        return matches
    }

    /// Shannon entropy in bits per byte.
    static func entropy(_ bytes: ArraySlice<UInt8>) -> Double {
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

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, startingBefore limit: Int = .max) -> Int? {
        guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count, index < limit {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

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

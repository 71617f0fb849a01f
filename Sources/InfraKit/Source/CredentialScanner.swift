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
        // Most strings are short (ids, names, enum values: 7.6 bytes on average in a large inventory)
        // and too short for a run of 20 token bytes: only a separator or five dashes in a row can
        // pass them. Adding up one weight a byte tells both apart without a branch a byte; only a
        // short text with five dashes somewhere needs the exact walk.
        guard bytes.count < 20 else { return mayContainCredentialExactly(bytes) }
        let tally = byteWeights.withUnsafeBufferPointer { weights in
            var tally: UInt32 = 0
            for byte in bytes { tally &+= UInt32(weights[Int(byte)]) }
            return tally
        }
        if tally >= separatorWeight { return true }
        return tally >= 5 && mayContainCredentialExactly(bytes)
    }

    /// `mayContainCredential`, byte by byte, with no branch a byte. Findings' messages (one a
    /// finding, redacted on one core once every rule is done) and long inventory strings take this
    /// path; the walk that tested each condition at each byte and returned at the first hit cost
    /// about 11 instructions a byte, this one about 6 (callgrind, hosts-10000.json).
    ///
    /// `counters` holds the length of the current run of token bytes (bits 0-15) and of dashes
    /// (bits 16-31): each byte adds one to both, and sets bit 47, and its `byteSteps` entry keeps
    /// only the counts it continues, and bit 47 for a separator. Adding `thresholds` sets bit 15
    /// once the run reaches 20 and bit 31 once the dashes reach 5; `seen` keeps every such bit and
    /// bit 47. A count past 32,767 can carry into its neighbour, and a separator's bit 47 carries
    /// out at the next byte (into bit 48, which no entry keeps), but only after `seen` kept them.
    private static func mayContainCredentialExactly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        byteSteps.withUnsafeBufferPointer { steps in
            let thresholds: UInt64 = (0x8000 - 20) | (0x8000 - 5) << 16
            var counters: UInt64 = 0
            var seen: UInt64 = 0
            for byte in bytes {
                counters = (counters &+ 0x8000_0001_0001) & steps[Int(byte)]
                seen |= counters &+ thresholds
            }
            return seen & 0x8000_8000_8000 != 0
        }
    }

    /// Whether a raw key may name a credential: it holds `pass`, `pwd`, `secret`, `token` or `key`
    /// in any ASCII case (a cheap byte test before `isCredentialName`).
    ///
    /// The five needles are matched side by side (shift-and): each bit of `state` says that a
    /// needle's first letters end at this byte, and one table lookup a byte moves them all on.
    public static func mayNameCredential(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        return nameLetterMasks.withUnsafeBufferPointer { masks in
            var state: UInt32 = 0
            for byte in bytes {
                state = (state << 1 | nameNeedleStarts) & masks[Int(byte)]
                if state & nameNeedleEnds != 0 { return true }
            }
            return false
        }
    }

    /// The needles `mayNameCredential` looks for, small letters, laid end to end: bit `n` of the masks
    /// below stands for letter `n` of this text.
    static let nameNeedles = ["pass", "pwd", "secret", "token", "key"]

    /// Bit `n` of `nameLetterMasks[byte]` is set when `byte`, in either ASCII case, is letter `n` of
    /// the needles. Written out, as `byteClasses` (`ScannerEquivalenceTests` checks it).
    static let nameLetterMasks: [UInt32] = [
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0x000002, 0, 0x000200, 0x000040, 0x090900, 0, 0,
        0, 0, 0, 0x048000, 0, 0, 0x020000, 0x004000,
        0x000011, 0, 0x000400, 0x00008C, 0x003000, 0, 0, 0x000020,
        0, 0x100000, 0, 0, 0, 0, 0, 0,
        0, 0x000002, 0, 0x000200, 0x000040, 0x090900, 0, 0,
        0, 0, 0, 0x048000, 0, 0, 0x020000, 0x004000,
        0x000011, 0, 0x000400, 0x00008C, 0x003000, 0, 0, 0x000020,
        0, 0x100000, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
    ]

    /// The bit of each needle's first letter, and of its last.
    static let nameNeedleStarts: UInt32 = 0b100_0010_0000_1001_0001
    static let nameNeedleEnds: UInt32 = 0b1_0010_0001_0000_0100_1000

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
    ///
    /// A scan keeps the first of overlapping matches, so a credential in the part of a dropped match
    /// that runs past the kept one (a key block behind `password=…`) is only found by scanning the
    /// result again: passes repeat until one changes nothing, which makes redacting idempotent.
    /// Text still changing after `redactionPasses` is not shown at all.
    public static func redact(_ text: String) -> String {
        var current = text
        for _ in 0..<redactionPasses {
            guard let next = redactedOnce(current) else { return current }
            current = next
        }
        return redacted(Array(text.utf8))
    }

    /// Passes `redact` makes before it gives up showing any of the text.
    static let redactionPasses = 4

    /// `text` with every credential one scan finds replaced by its redacted form; nil when it finds none.
    private static func redactedOnce(_ text: String) -> String? {
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
        }
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
    /// what a token (and an access key id) is made of. Written out, so that reading it needs no
    /// lazy initialisation at every call (`ScannerEquivalenceTests` checks it against the byte tests below).
    static let byteClasses: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 0, 0, 3, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
    private static let separatorClass: UInt8 = 1

    /// What `mayContainCredentialExactly` keeps of its counters at each byte value: 0xFFFF keeps
    /// the run of a token byte, 0xFFFF_0000 the dashes of a dash, bit 47 a separator's mark. Written
    /// out, as `byteClasses` (`ScannerEquivalenceTests` checks it against the byte tests below).
    static let byteSteps: [UInt64] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFFFF, 0, 0xFFFF_FFFF, 0, 0xFFFF,
        0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0x8000_0000_0000, 0, 0, 0x8000_0000_FFFF, 0, 0,
        0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
        0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0, 0, 0, 0, 0xFFFF,
        0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
        0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
    private static let tokenClass: UInt8 = 2

    /// Weights, by byte value, whose sum over a text of under 20 bytes says whether it holds a
    /// separator (the sum reaches `separatorWeight`) and how many dashes (the sum below it): 1 a
    /// dash, `separatorWeight` a separator, nothing for other bytes.
    static let byteWeights: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0, 64, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
    static let separatorWeight: UInt32 = 64

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

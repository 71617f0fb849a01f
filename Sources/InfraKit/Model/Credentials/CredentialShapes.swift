/// The shapes of real credentials: private key blocks, provider tokens with a known prefix
/// (`PrefixedToken.all`), passwords and secrets in URLs, Slack webhooks, and high-entropy tokens.
///
/// Every shape needs what `CredentialScanner.mayContainCredential` looks for — five dashes, a `:`
/// or `=`, or a run of 20 token bytes — so a text that fails the prefilter holds none of them.
enum CredentialShapes {
    typealias Match = CredentialScanner.Match

    /// Every match of a shape in `bytes`, shape by shape (key blocks, prefixed tokens, URLs,
    /// assignments, high-entropy tokens): the scan keeps the first of overlapping matches by
    /// position, then in this order, so the more specific shape names a credential.
    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        let possible = Possible(bytes)
        var matches: [Match] = []
        if possible.keyBlock { matches += keyBlocks(bytes) }
        if possible.longRun { matches += PrefixedToken.matches(in: bytes) }
        if possible.separator || possible.longRun { matches += CredentialURLs.matches(in: bytes) }
        if possible.separator { matches += CredentialAssignments.matches(in: bytes) }
        if possible.longRun { matches += highEntropyTokens(bytes) }
        return matches
    }

    /// What one pass over the bytes says the text may hold: five dashes in a row (a key block), a
    /// separator (URLs), a run of 20 token bytes (every token shape).
    private struct Possible {
        var keyBlock = false
        var separator = false
        var longRun = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var run = 0
            var dashes = 0
            for byte in bytes {
                if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=") { separator = true }
                run = CredentialScanner.isTokenByte(byte) ? run + 1 : 0
                if run >= 20 { longRun = true }
                dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
                if dashes >= 5 { keyBlock = true }
            }
        }
    }

    // MARK: Key blocks

    /// PEM, OpenSSH and PGP private key blocks: `-----BEGIN … PRIVATE KEY-----` (or `… PRIVATE KEY
    /// BLOCK-----`) to its `-----END …-----`, or to the end of the text. The header is shown.
    static func keyBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while let start = find("-----BEGIN ", in: bytes, from: index) {
            // The header is looked for near its BEGIN only: a text of many BEGINs stays linear.
            guard let marker = find("PRIVATE KEY", in: bytes, from: start, startingBefore: start + 40),
                  let close = find("-----", in: bytes, from: marker + 11, startingBefore: marker + 18) else {
                index = start + 1
                continue
            }
            let headerEnd = close + 5
            // Already redacted (`-----BEGIN RSA PRIVATE KEY-----…(redacted, ...)`): redacting is idempotent.
            if bytes[headerEnd...].starts(with: CredentialScanner.redactionMark) {
                index = headerEnd
                continue
            }
            var end = bytes.count
            if let footer = find("-----END ", in: bytes, from: headerEnd), let footerClose = find("-----", in: bytes, from: footer + 9) {
                end = footerClose + 5
            }
            let header = String(decoding: bytes[start..<headerEnd], as: UTF8.self)
            matches.append(Match(kind: .privateKey, range: start..<end,
                                 redacted: CredentialScanner.redacted(bytes[start..<end], showing: header)))
            index = end
        }
        return matches
    }

    // MARK: High-entropy tokens

    /// Runs of 24 or more token bytes that mix upper case, lower case and digits at 4 bits of
    /// entropy a byte or more. Inside a URL or an ARN a `/` separates path segments, each judged
    /// alone. Public keys and checksums are not credentials. A run of exactly 40 base64 characters
    /// is named for the AWS secret access key it most often is.
    static func highEntropyTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        let publicBlocks = publicBlocks(bytes)
        var index = 0
        while index < bytes.count {
            guard CredentialScanner.isTokenByte(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, CredentialScanner.isTokenByte(bytes[end]) { end += 1 }
            if end - index >= 24, !publicBlocks.contains(where: { $0.contains(index) }) {
                for token in tokens(in: index..<end, of: bytes) {
                    let kind: CredentialScanner.Kind = isAWSSecretKeyShaped(bytes[token]) ? .awsSecretKey : .highEntropyToken
                    matches.append(Match(kind: kind, range: token, redacted: CredentialScanner.redacted(bytes[token])))
                }
            }
            index = end
        }
        return matches
    }

    /// Blocks that are public by design: `-----BEGIN PUBLIC KEY-----`, `CERTIFICATE`, `PGP PUBLIC
    /// KEY BLOCK` (any header without `PRIVATE`), to their `-----END …-----`.
    private static func publicBlocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var index = 0
        while let start = find("-----BEGIN ", in: bytes, from: index) {
            guard let close = find("-----", in: bytes, from: start + 11, startingBefore: start + 60) else {
                index = start + 1
                continue
            }
            let isPrivate = find("PRIVATE", in: bytes, from: start, startingBefore: close) != nil
            let end = find("-----END ", in: bytes, from: close + 5).flatMap { find("-----", in: bytes, from: $0 + 9) }.map { $0 + 5 } ?? bytes.count
            if !isPrivate { blocks.append(start..<end) }
            index = max(end, close + 5)
        }
        return blocks
    }

    /// The high-entropy tokens of a run of token bytes. A `=` inside the run (not base64's padding
    /// at its end) separates a key from its value (`session=eyJ…`). Inside a URL or an ARN each
    /// `/`-separated segment is judged alone (`/services/T02G54U79/…` is a path), but a token found
    /// there is taken with the whole `/`-run it is part of, so no piece of it is left shown.
    private static func tokens(in run: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let inURL = isInURLOrARN(bytes, at: run.lowerBound)
        return split(run, at: UInt8(ascii: "="), in: bytes, keepingTrailing: true).compactMap { piece in
            let segments = inURL ? split(piece, at: UInt8(ascii: "/"), in: bytes, keepingTrailing: false) : [piece]
            let found = segments.contains { isHighEntropy(bytes[$0]) && !isPublicByDesign($0, in: bytes) }
            return found ? piece : nil
        }
    }

    private static func isHighEntropy(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        token.count >= 24 && token.contains(where: CredentialScanner.isUpper) && token.contains(where: CredentialScanner.isLower)
            && token.contains(where: CredentialScanner.isDigit) && entropy(token) >= 4.0
    }

    private static func isAWSSecretKeyShaped(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        token.count == 40 && token.allSatisfy { CredentialScanner.isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") }
    }

    /// A public key's base64 (`ssh-ed25519 AAAAC3Nza…`) or a checksum (`sha256-…`, `md5: …`).
    private static func isPublicByDesign(_ token: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = bytes[token]
        if publicKeyStarts.contains(where: { text.starts(with: $0) }) { return true }
        if checksumStarts.contains(where: { text.starts(with: $0) }) { return true }
        // The word before the token, past `:`, `=`, quotes and spaces: `sha256: …`, `checksum = …`.
        var cursor = token.lowerBound
        while cursor > 0, " :=\"'".utf8.contains(bytes[cursor - 1]) { cursor -= 1 }
        let wordEnd = cursor
        while cursor > 0, CredentialScanner.isWordByte(bytes[cursor - 1]) { cursor -= 1 }
        let word = bytes[cursor..<wordEnd].map(CredentialScanner.lowercased)
        return checksumWords.contains { word.elementsEqual($0) }
    }

    /// OpenSSH public keys in base64: the length and name of their type (`ssh-ed25519`, `ssh-rsa`, …).
    private static let publicKeyStarts: [[UInt8]] = ["AAAAC3NzaC1lZDI1NTE5", "AAAAB3NzaC1yc2E", "AAAAB3NzaC1kc3M", "AAAAE2VjZHNh",
                                                     "AAAAGnNrLXNzaC1lZDI1NTE5", "AAAAInNrLWVjZHNh"].map { Array($0.utf8) }
    /// Subresource-integrity and npm checksums: `sha512-<base64>`.
    private static let checksumStarts: [[UInt8]] = ["sha1-", "sha256-", "sha384-", "sha512-", "md5-"].map { Array($0.utf8) }
    private static let checksumWords: [[UInt8]] = ["sha1", "sha256", "sha384", "sha512", "md5", "checksum", "digest", "integrity",
                                                   "etag", "crc32c", "fingerprint"].map { Array($0.utf8) }

    /// Whether the token at `start` is part of a URL (`scheme://` before it, no space between) or of
    /// an ARN (`arn:` before it).
    private static func isInURLOrARN(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var cursor = start
        while cursor > 0, !" \t\r\n\"'<>(".utf8.contains(bytes[cursor - 1]) { cursor -= 1 }
        // The token may start with the scheme's slashes (`s3://bucket/…`).
        let before = UnsafeBufferPointer(rebasing: bytes[cursor..<min(start + 2, bytes.count)])
        return find("://", in: before, from: 0) != nil || before.starts(with: "arn:".utf8)
    }

    /// The pieces of `range` between `separator`s; with `keepingTrailing`, separators at the end of
    /// the range (base64 padding) stay with the last piece.
    private static func split(_ range: Range<Int>, at separator: UInt8, in bytes: UnsafeBufferPointer<UInt8>,
                              keepingTrailing: Bool) -> [Range<Int>] {
        var upper = range.upperBound
        if keepingTrailing { while upper > range.lowerBound, bytes[upper - 1] == separator { upper -= 1 } }
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for index in range.lowerBound..<upper where bytes[index] == separator {
            if start < index { pieces.append(start..<index) }
            start = index + 1
        }
        if start < range.upperBound { pieces.append(start..<(keepingTrailing ? range.upperBound : upper)) }
        return pieces
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
        // Foundation-free log2 via exponent and mantissa.
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
    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, startingBefore limit: Int = .max) -> Int? {
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
}

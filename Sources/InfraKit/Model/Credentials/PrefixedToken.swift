/// A provider's token, told by its prefix and the length and alphabet of what follows:
/// `ghp_` and 36 letters and digits is a GitHub token, `AKIA` and 16 capitals and digits an AWS
/// access key id. `all` is the table; its order decides between two entries matching at one place.
///
/// Every entry's shortest token is a run of 20 token bytes or holds a `:`, so text that fails
/// `CredentialScanner.mayContainCredential` holds none (`CredentialCorpusTests` checks the table).
struct PrefixedToken: Sendable {
    typealias Kind = CredentialScanner.Kind

    /// What may follow the prefix.
    enum Alphabet: Sendable {
        /// Letters and digits.
        case alphanumeric
        /// Letters, digits, `_` and `-`.
        case word
        /// Capital letters and digits.
        case capitalsAndDigits
        /// Lower-case hexadecimal digits.
        case hex
        /// Standard base64: letters, digits, `+`, `/`, `=`.
        case base64
        /// Dot-separated URL-safe base64 (a JWT, a SendGrid key): letters, digits, `_`, `-`, `.`.
        case dottedBase64URL
        /// Lower-case hexadecimal digits and `:` (a Twilio account SID joined to its auth token).
        case hexPair

        func contains(_ byte: UInt8) -> Bool {
            switch self {
            case .alphanumeric: CredentialScanner.isAlphanumeric(byte)
            case .word: CredentialScanner.isWordByte(byte)
            case .capitalsAndDigits: CredentialScanner.isUpper(byte) || CredentialScanner.isDigit(byte)
            case .hex: CredentialScanner.isHexDigit(byte)
            case .base64: CredentialScanner.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
            case .dottedBase64URL: CredentialScanner.isWordByte(byte) || byte == UInt8(ascii: ".")
            case .hexPair: CredentialScanner.isHexDigit(byte) || byte == UInt8(ascii: ":")
            }
        }
    }

    let prefix: [UInt8]
    let kind: Kind
    let alphabet: Alphabet
    /// How many bytes of the alphabet must follow the prefix.
    let length: ClosedRange<Int>
    /// Whether the token is a fixed shape that a word byte may not follow (`AKIA…` of exactly 20).
    let bounded: Bool
    /// A further check of the body, for shapes with parts (a JWT's three segments).
    let isWellFormed: @Sendable ([UInt8]) -> Bool

    init(_ prefix: String, _ kind: Kind, _ alphabet: Alphabet, _ length: ClosedRange<Int>, bounded: Bool = false,
         isWellFormed: @escaping @Sendable ([UInt8]) -> Bool = { _ in true }) {
        self.prefix = Array(prefix.utf8)
        self.kind = kind
        self.alphabet = alphabet
        self.length = length
        self.bounded = bounded
        self.isWellFormed = isWellFormed
    }

    static let all: [PrefixedToken] = [
        PrefixedToken("AKIA", .awsAccessKeyID, .capitalsAndDigits, 16...16, bounded: true),
        PrefixedToken("ASIA", .awsAccessKeyID, .capitalsAndDigits, 16...16, bounded: true),
        PrefixedToken("ghp_", .gitHubToken, .alphanumeric, 30...255),
        PrefixedToken("gho_", .gitHubToken, .alphanumeric, 30...255),
        PrefixedToken("ghu_", .gitHubToken, .alphanumeric, 30...255),
        PrefixedToken("ghs_", .gitHubToken, .alphanumeric, 30...255),
        PrefixedToken("ghr_", .gitHubToken, .alphanumeric, 30...255),
        PrefixedToken("github_pat_", .gitHubToken, .word, 50...255),
        PrefixedToken("glpat-", .gitLabToken, .word, 20...255),
        PrefixedToken("gldt-", .gitLabToken, .word, 20...255),
        PrefixedToken("glrt-", .gitLabToken, .word, 20...255),
        PrefixedToken("GR1348941", .gitLabToken, .word, 20...255),
        PrefixedToken("xoxa-", .slackToken, .word, 15...255),
        PrefixedToken("xoxb-", .slackToken, .word, 15...255),
        PrefixedToken("xoxp-", .slackToken, .word, 15...255),
        PrefixedToken("xoxo-", .slackToken, .word, 15...255),
        PrefixedToken("xoxs-", .slackToken, .word, 15...255),
        PrefixedToken("xoxr-", .slackToken, .word, 15...255),
        PrefixedToken("sk_live_", .stripeKey, .alphanumeric, 20...255),
        PrefixedToken("rk_live_", .stripeKey, .alphanumeric, 20...255),
        PrefixedToken("AIza", .googleAPIKey, .word, 35...35, bounded: true),
        PrefixedToken("SG.", .sendGridKey, .dottedBase64URL, 60...80, isWellFormed: isSendGridKey),
        PrefixedToken("SK", .twilioKey, .hex, 32...32, bounded: true),
        PrefixedToken("AC", .twilioKey, .hexPair, 65...65, bounded: true, isWellFormed: isTwilioAccountPair),
        PrefixedToken("npm_", .npmToken, .alphanumeric, 36...36, bounded: true),
        PrefixedToken("pypi-", .pypiToken, .word, 50...255),
        // Base64 of `{"auths":`, as a `.dockerconfigjson` holds it, before the JWT's `eyJ`.
        PrefixedToken("eyJhdXRocyI6", .registryAuth, .base64, 8...8_192),
        PrefixedToken("ewogICJhdXRocyI6", .registryAuth, .base64, 4...8_192),
        PrefixedToken("eyJ", .jwt, .dottedBase64URL, 40...8_192, isWellFormed: isJWT),
    ]

    /// Every prefixed token in `bytes`, in order; a token starts where a word does.
    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [CredentialScanner.Match] {
        var matches: [CredentialScanner.Match] = []
        var index = 0
        while index < bytes.count {
            guard index == 0 || !CredentialScanner.isWordByte(bytes[index - 1]),
                  let (entry, end) = firstMatch(in: bytes, at: index) else {
                index += 1
                continue
            }
            let shown = String(decoding: entry.prefix.prefix(4), as: UTF8.self)
            matches.append(CredentialScanner.Match(kind: entry.kind, range: index..<end,
                                                   redacted: CredentialScanner.redacted(bytes[index..<end], showing: shown)))
            index = end
        }
        return matches
    }

    /// The first entry of the table that matches at `start`, and where its token ends.
    private static func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (PrefixedToken, Int)? {
        let first = bytes[start]
        for entry in all where entry.prefix[0] == first {
            if let end = entry.end(in: bytes, at: start) { return (entry, end) }
        }
        return nil
    }

    /// Where this token ends when one starts at `start`.
    private func end(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let bodyStart = start + prefix.count
        guard bodyStart <= bytes.count, bytes[start..<bodyStart].elementsEqual(prefix) else { return nil }
        var end = bodyStart
        while end < bytes.count, end - bodyStart < length.upperBound, alphabet.contains(bytes[end]) { end += 1 }
        // A sentence's full stop is not part of a dotted token.
        while alphabet == .dottedBase64URL, end > bodyStart, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard length.contains(end - bodyStart) else { return nil }
        if bounded, end < bytes.count, CredentialScanner.isWordByte(bytes[end]) || alphabet.contains(bytes[end]) { return nil }
        return isWellFormed(Array(bytes[bodyStart..<end])) ? end : nil
    }

    /// `SG.` then 22 and 43 URL-safe base64 characters, dot-separated.
    private static func isSendGridKey(_ body: [UInt8]) -> Bool {
        let parts = body.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 22 && parts[1].count >= 40
    }

    /// `AC`, 32 hex digits (the account SID), `:` and the 32 hex digits of the auth token.
    private static func isTwilioAccountPair(_ body: [UInt8]) -> Bool {
        body[32] == UInt8(ascii: ":") && body.filter { $0 == UInt8(ascii: ":") }.count == 1
    }

    /// The rest of `eyJ…` header, `.`, `eyJ…` payload, `.`, signature; one segment of 20 or more
    /// (which the prefilter's run needs), and a signature of 16 or more.
    private static func isJWT(_ body: [UInt8]) -> Bool {
        let parts = body.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 7, parts[1].count >= 10, parts[1].starts(with: "eyJ".utf8),
              parts[2].count >= 16 else { return false }
        return parts[0].count + 3 >= 20 || parts[1].count >= 20 || parts[2].count >= 20
    }
}

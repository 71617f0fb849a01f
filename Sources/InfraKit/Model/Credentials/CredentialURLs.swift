/// Credentials inside URLs: the password of the userinfo in any scheme (`postgres://app:pw@db`,
/// `redis://:pw@cache`, `https://user:pw@host`), a secret-named query parameter
/// (`?password=…`, `&access_token=…`, `&sig=…`), and the secret segment of a Slack webhook
/// (`hooks.slack.com/services/T…/B…/<secret>`). Only the secret is replaced: the scheme, user, host
/// and path stay readable.
enum CredentialURLs {
    typealias Match = CredentialScanner.Match

    /// Every credential in a URL in `bytes`, in order of the URLs.
    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while let separator = CredentialShapes.find("://", in: bytes, from: index) {
            let end = urlEnd(in: bytes, from: separator + 3)
            if schemeStart(in: bytes, before: separator) < separator {
                if let password = userinfoPassword(in: bytes, authorityFrom: separator + 3, to: end) { matches.append(password) }
                matches += querySecrets(in: bytes, url: separator + 3..<end)
            }
            index = separator + 3
        }
        return matches + slackWebhooks(in: bytes)
    }

    /// Where the scheme ending at `separator` starts: a letter, then letters, digits, `+`, `-`, `.`.
    private static func schemeStart(in bytes: UnsafeBufferPointer<UInt8>, before separator: Int) -> Int {
        var start = separator
        while start > 0, CredentialScanner.isAlphanumeric(bytes[start - 1]) || "+-.".utf8.contains(bytes[start - 1]) { start -= 1 }
        while start < separator, !CredentialScanner.isLower(bytes[start]) && !CredentialScanner.isUpper(bytes[start]) { start += 1 }
        return start
    }

    /// Where a URL ends: at white space, a quote, an angle bracket or a backtick.
    private static func urlEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, !urlEnds.contains(bytes[end]) { end += 1 }
        return end
    }

    private static let urlEnds: Set<UInt8> = Set(" \t\r\n\"'<>`".utf8)

    /// The password of `user:password@host`, unless it is a placeholder (`${DB_PASSWORD}`, `***`).
    private static func userinfoPassword(in bytes: UnsafeBufferPointer<UInt8>, authorityFrom start: Int, to urlEnd: Int) -> Match? {
        var authorityEnd = start
        while authorityEnd < urlEnd, !"/?#".utf8.contains(bytes[authorityEnd]) { authorityEnd += 1 }
        guard let at = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
              let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at else { return nil }
        let password = bytes[colon + 1..<at]
        guard CredentialValues.isLiteral(password) else { return nil }
        return Match(kind: .urlPassword, range: colon + 1..<at, redacted: CredentialScanner.redacted(password))
    }

    /// `name=value` parameters of the query whose name says the value is a secret.
    private static func querySecrets(in bytes: UnsafeBufferPointer<UInt8>, url: Range<Int>) -> [Match] {
        guard let question = bytes[url].firstIndex(of: UInt8(ascii: "?")) else { return [] }
        let queryEnd = bytes[question..<url.upperBound].firstIndex(of: UInt8(ascii: "#")) ?? url.upperBound
        var matches: [Match] = []
        var start = question + 1
        while start < queryEnd {
            var end = start
            while end < queryEnd, bytes[end] != UInt8(ascii: "&"), bytes[end] != UInt8(ascii: ";") { end += 1 }
            if let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")), isSecretParameter(bytes[start..<equals]) {
                let value = bytes[equals + 1..<end]
                if value.count >= 4, CredentialValues.isLiteral(value) {
                    let label = String(decoding: bytes[start...equals], as: UTF8.self)
                    matches.append(Match(kind: .urlQuerySecret, range: start..<end, redacted: CredentialScanner.redacted(value, showing: label)))
                }
            }
            start = end + 1
        }
        return matches
    }

    private static func isSecretParameter(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard name.allSatisfy(CredentialScanner.isWordByte) else { return false }
        let lowered = name.map(CredentialScanner.lowercased)
        return secretParameters.contains(lowered) || CredentialScanner.isCredentialName(ascii: UnsafeBufferPointer(rebasing: name))
    }

    /// Query parameters that carry a secret though their name holds none of the credential names.
    private static let secretParameters: Set<[UInt8]> = Set(["key", "pass", "sig", "signature", "auth", "access-token", "client-secret"]
        .map { Array($0.utf8) })

    /// `hooks.slack.com/services/T…/B…/<secret>` with the secret written out: from `hooks` to the
    /// end of the secret. An elided secret (`…`, `XXXX…`) is not a credential, nor are the ids.
    private static func slackWebhooks(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while let start = CredentialShapes.find("hooks.slack.com/services/", in: bytes, from: index) {
            var cursor = start + 25
            var segments: [Range<Int>] = []
            while segments.count < 3 {
                let segmentStart = cursor
                while cursor < bytes.count, CredentialScanner.isAlphanumeric(bytes[cursor]) { cursor += 1 }
                segments.append(segmentStart..<cursor)
                guard segments.count < 3, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") else { break }
                cursor += 1
            }
            if segments.count == 3, segments[2].count >= 16, CredentialValues.isLiteral(bytes[segments[2]]) {
                let range = start..<segments[2].upperBound
                matches.append(Match(kind: .slackWebhook, range: range, redacted: CredentialScanner.redacted(bytes[range], showing: "hook")))
            }
            index = max(cursor, start + 1)
        }
        return matches
    }
}

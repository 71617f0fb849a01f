/// Finds credential-looking text and shows it redacted, never as it is.
///
/// It knows the shapes of real credentials (`CredentialShapes`: key blocks, provider tokens with a
/// known prefix, JWTs, passwords in URLs, Slack webhooks), assignments of a literal to a
/// secret-named key (`CredentialAssignments`: `DB_PASSWORD=hunter2`, `"password": "hunter2"`), and
/// high-entropy tokens. Placeholders, references to a secret store, public keys and checksums are
/// not credentials (`CredentialValues`).
///
/// It sits in `Source/`, the lowest layer, because every layer that carries inventory text uses it:
/// the model decodes free text redacted, the linter redacts what findings say, and the renderers
/// redact what they print. Redacting is idempotent, so doing it twice is harmless.
public enum CredentialScanner {
    /// What a credential is, in words a finding can say.
    public enum Kind: String, Sendable, CaseIterable {
        case privateKey = "a private key block"
        case awsAccessKeyID = "an AWS access key id"
        case awsSecretKey = "an AWS secret access key"
        case gitHubToken = "a GitHub token"
        case gitLabToken = "a GitLab token"
        case slackToken = "a Slack token"
        case slackWebhook = "a Slack webhook URL"
        case stripeKey = "a Stripe secret key"
        case googleAPIKey = "a Google API key"
        case sendGridKey = "a SendGrid API key"
        case twilioKey = "a Twilio credential"
        case npmToken = "an npm token"
        case pypiToken = "a PyPI token"
        case azureStorageKey = "an Azure storage account key"
        case registryAuth = "a container registry auth blob"
        case jwt = "a JWT"
        case urlPassword = "a password in a URL"
        case urlQuerySecret = "a secret in a URL query"
        case assignment = "a literal credential"
        case highEntropyToken = "a high-entropy token"
    }

    public struct Match: Sendable, Equatable {
        public let kind: Kind
        /// The range of the credential in the scanned text, in UTF-8 offsets.
        public let range: Range<Int>
        /// What may be shown: a label that is not the value (`DB_PASSWORD=`, a key block's header) or
        /// at most the value's first four characters (`ghp_`), an ellipsis and a short SHA-256 fingerprint.
        public let redacted: String
    }

    /// Names that announce a credential when a literal is assigned to them (as a prefix or a suffix
    /// of the name: `DB_PASSWORD`, `ansible_become_pass`, `tokenFile` alike).
    static let credentialNames = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                                  "access_key", "accesskey", "secret_key", "private_key", "privatekey", "private-key", "passphrase",
                                  "_pass", "-pass"]

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
                // A non-ASCII name goes to the full check: lowercasing folds some letters onto the
                // needles' (the Kelvin sign onto `k`), which bytes cannot see.
                if byte >= 0x80 { return true }
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
    /// the needles. Written out, as `byteClasses` (`CredentialScannerTests` checks it).
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
    package static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        let matches = CredentialShapes.matches(in: bytes)
        guard matches.count > 1 else { return matches }
        // Keep the first of overlapping matches: by position, then the more specific shape (in the
        // order `CredentialShapes` looks for them).
        var result: [Match] = []
        let ordered = matches.enumerated().sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
        for match in ordered.map(\.element) {
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

    /// Whether `value`, written under a credential-named key, is the secret itself rather than a
    /// placeholder (`${DB_PASSWORD}`, `YOUR_TOKEN`), a reference to a secret store (`vault:…`,
    /// `op://…`) or the name of a secret (`vault_become_pass`).
    public static func isLiteralSecret(_ value: String) -> Bool { CredentialValues.isLiteral(value.utf8) }

    /// `isCredentialName` for an ASCII name, without building strings: ASCII lowercases byte by byte,
    /// and between ASCII strings a prefix or suffix is a byte prefix or suffix.
    static func isCredentialName(ascii name: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static let redactionMark = Array("…(redacted".utf8)

    /// `prefix…(redacted, sha256:1a2b3c4d)`.
    public static func redacted(_ secret: some Collection<UInt8>, showing prefix: String = "") -> String {
        "\(prefix)…(redacted, sha256:\(SHA256.hex(secret).prefix(8)))"
    }

    // MARK: Bytes

    /// Byte classes, by byte value: `separatorClass` for what an assignment needs, `tokenClass` for
    /// what a token (and an access key id) is made of. Written out, so that reading it needs no
    /// lazy initialisation at every call (`CredentialScannerTests` checks it against the byte tests below).
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
    /// out, as `byteClasses` (`CredentialScannerTests` checks it against the byte tests below).
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

    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) }
    /// A byte of a name or a prefixed token: letters, digits, `_` and `-`.
    static func isWordByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
    /// A byte of a token or a base64 blob: a word byte, `+`, `/` or `=`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }
}

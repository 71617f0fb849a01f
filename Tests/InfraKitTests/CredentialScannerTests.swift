import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The credential scanner's prefilters never turn away a text (or a key) that holds (or names) a
/// credential, on tricky and on generated text, and redacting is idempotent.
@Suite("Credential scanner")
struct CredentialScannerTests {
    static let tricky: [String] = [
        "", "a", "AKIA", "key AKIAIOSFODNN7EXAMPLE, DB_PASSWORD=hunter2go and token: 'Zx9Qw8Er7Ty6Ui5Op4As3Df2'",
        "AKIAIOSFODNN7EXAMPLE", "xAKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLEX", "ASIA0123456789ABCDEF-",
        "AKIAAKIAIOSFODNN7EXAMPLE", "AAKIAIOSFODNN7EXAMPLE AKIAiosfodnn7example", "ÄKIAIOSFODNN7EXAMPLE éAKIAIOSFODNN7EXAMPLE",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----…(redacted, sha256:1a2b3c4d)", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "----", "-----", "------BEGIN  PRIVATE KEY-----",
        "-----BEGIN -----BEGIN EC PRIVATE KEY----- x -----END", "password=…(redacted, sha256:1a2b3c4d)",
        "set DEIS_PASSWORD=${DEIS_PASSWORD} in ~/.bash_profile", "password: {{ vault_db_password }}", "export DO_API_TOKEN=YOUR_TOKEN",
        "deis auth:login --username=... --password=...", "settings.py: SECRET_KEY = 'q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU'",
        "passwd=changeme pwd: hunter2go Passphrase=Tr0ub4dor&3 x_private_key=/etc/key access_key=ALLCAPS_VALUE",
        "MY_TOKEN:abcd1234 OTHER_SECRET : 'ab cd' token=\"abc def\" apiKey=\"quoted-Value-1\"", "tokenX=abcd1234 Xtoken=abcd1234",
        "url https://user:Sup3rS3cretPassw0rd@host:5432/db?sslmode=require", "commit bf1c8e4a1204405d9289c786c89a76424185048a",
        "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9 Zx9Qw8Er7Ty6Ui5Op4As3Df2Zx9Qw8Er7Ty6 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1A",
        "café password=crème-brûlée-42 naïve", "éétoken=Abcdef123456", "to\u{212A}en=Abcdef123456", "PASSWORD=Abcdef123456",
        "a=b", "::::", "====", "x:y:z", "12345678901234567890", "abcdefghijklmnopqrst", "abcdefghijklmnopqrs",
        "redis://:pw@host", "SG.abcdefghijklmnopqrstuv.", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "xoxb-123456789012345",
        "hooks.slack.com/services/T1/B2/abcdefghijklmnop", "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    ]

    @Test func trickyTextIsNeverTurnedAwayHoldingACredential() {
        for text in Self.tricky { expectNoCredentialTurnedAway(text) }
    }

    /// The prefilter reads eight bytes at a time: separators and runs of dashes are placed at every
    /// offset across the first words, in texts of every length up to three words.
    @Test func prefilterLetsCredentialsThroughAcrossWordBoundaries() {
        for length in 0...26 {
            for start in 0..<max(1, length) {
                for pattern in ["=", ":", "-----", "----", "--", "é-----", "aaaaaaaaaaaaaaaaaaaa", "AKIA"] {
                    var text = Array(repeating: UInt8(ascii: "x"), count: length)
                    let bytes = Array(pattern.utf8)
                    for (offset, byte) in bytes.enumerated() where start + offset < length { text[start + offset] = byte }
                    let candidate = String(decoding: text, as: UTF8.self)
                    expectNoCredentialTurnedAway(candidate)
                }
                // Two runs of dashes split by one byte never make five.
                var split = Array(repeating: UInt8(ascii: "-"), count: length)
                if start < length { split[start] = UInt8(ascii: "x") }
                let candidate = String(decoding: split, as: UTF8.self)
                expectNoCredentialTurnedAway(candidate)
            }
        }
    }

    @Test func generatedTextIsNeverTurnedAwayHoldingACredential() {
        // Pieces that start, end or break each shape, joined at random (seeded: failures reproduce).
        let pieces = ["A", "K", "I", "S", "AKIA", "ASIA", "IOSFODNN7EXAMPLE", "0123456789", "=", ":", " ", "-", "-----", "BEGIN ",
                      "PRIVATE KEY-----", "-----END ", "'", "\"", ",", ";", ")", "\n", "_", "password", "Token", "api-key", "SECRET",
                      "pwd", "key", "${X}", "…(redacted", "xQ9", "Zz8Yy7", "é", "\u{212A}", "+/=", "changeme", "/etc",
                      "ghp_", "xoxb-", "glpat-", "GR1348941", "AIza", "SG.", "SK", "AC", "0123456789abcdef", "eyJ", ".", "://", "@",
                      "postgres", "?token=", "&", "hooks.slack.com/services/", "T02G54U79/", "auth", "AccountKey", "dXNlcjpwYXNz", "\"",
                      "PGP PRIVATE KEY BLOCK-----", "npm_", "pypi-", "sk_live_"]
        var generator = SeededGenerator(seed: 0x1F2E_3D4C)
        for _ in 0..<4_000 {
            let count = Int.random(in: 1...16, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            expectNoCredentialTurnedAway(text)
        }
    }

    @Test func credentialNamesPassTheKeyPrefilter() {
        let names = ["password", "dbPassword", "api_token", "API_KEY", "apikeys", "Secret", "secretary", "tokenizer", "pwd",
                     "passphrase_file", "id", "", "pässword", "to\u{212A}en", "PASS\u{0301}WORD", "keys", "private-key", "privatekey1"]
        #expect(names.filter(CredentialScanner.isCredentialName)
            == ["password", "dbPassword", "api_token", "API_KEY", "apikeys", "Secret", "secretary", "tokenizer", "pwd", "passphrase_file",
                "to\u{212A}en", "private-key", "privatekey1"])
        // Every credential name passes, a non-ASCII spelling the lowercasing folds onto a needle
        // (the Kelvin sign in "to\u{212A}en") included.
        for name in names where CredentialScanner.isCredentialName(name) {
            #expect(bytes(name, CredentialScanner.mayNameCredential), "\(name)")
        }
    }

    @Test func shortTextsAreNeverTurnedAwayHoldingACredential() {
        // Texts under 20 bytes are judged by a sum of byte weights: dashes apart or together, a
        // separator anywhere, and lengths either side of 4 and of 20.
        let texts = ["a-b-c-d-e", "a-b-c-d-e-f-g-h-i-j", "ab-----", "-----", "----x-", "x-----y", "-- -- -- --", "abc:", ":abc",
                     "ab=c", "abc", "ab:", "a\u{1F}=b", "é-----", "ééé", "1234567890123456789", "12345678901234567890",
                     "1234567890123456789-", "123456789012345678:", "----------------+", "host-0", "aws-us-east-1", "10.0.0.0"]
        for text in texts {
            expectNoCredentialTurnedAway(text)
        }
        // Every short text over a small alphabet that has all the bytes the weights tell apart.
        let alphabet: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "a"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: " "), 0xC3]
        var generator = SeededGenerator(seed: 0x5EED_0005)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...22, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            expectNoCredentialTurnedAway(String(decoding: text, as: UTF8.self))
        }
    }

    @Test func writtenOutTablesMatchTheirDefinitions() {
        // The scanner's tables are literals (read without lazy initialisation); each is what its
        // definition says, byte value by byte value.
        let needleLetters = Array(CredentialScanner.nameNeedles.joined().utf8)
        for value in 0...255 {
            let byte = UInt8(value)
            let isSeparator = byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":")
            let isToken = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || "_-+/=".utf8.contains(byte)
            #expect(CredentialScanner.byteClasses[value] == (isSeparator ? 1 : 0) | (isToken ? 2 : 0), "\(value)")
            let weight = isSeparator ? CredentialScanner.separatorWeight : byte == UInt8(ascii: "-") ? 1 : 0
            #expect(UInt32(CredentialScanner.byteWeights[value]) == weight, "\(value)")
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            var mask: UInt32 = 0
            for (bit, letter) in needleLetters.enumerated() where letter == folded { mask |= 1 << UInt32(bit) }
            #expect(CredentialScanner.nameLetterMasks[value] == mask, "\(value)")
            let step = (isToken ? 0xFFFF : 0) | (byte == UInt8(ascii: "-") ? 0xFFFF_0000 : 0) | (isSeparator ? 1 << 47 : 0)
            #expect(CredentialScanner.byteSteps[value] == UInt64(step), "\(value)")
        }
        var (starts, ends, bit): (UInt32, UInt32, Int) = (0, 0, 0)
        for needle in CredentialScanner.nameNeedles {
            starts |= 1 << UInt32(bit)
            bit += needle.utf8.count
            ends |= 1 << UInt32(bit - 1)
        }
        #expect(CredentialScanner.nameNeedleStarts == starts && CredentialScanner.nameNeedleEnds == ends)
        #expect(CredentialScanner.byteClasses.count == 256 && CredentialScanner.byteWeights.count == 256
            && CredentialScanner.nameLetterMasks.count == 256 && CredentialScanner.byteSteps.count == 256)
    }

    @Test func longTextsAreNeverTurnedAwayHoldingACredential() {
        // Texts of 20 bytes and more are judged by counters packed side by side: runs and dashes
        // just under and at their thresholds, anywhere in the text, and runs long enough to carry
        // out of their 16 bits.
        let alphabet: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "a"), UInt8(ascii: "Z"), UInt8(ascii: "7"), UInt8(ascii: "+"),
                                 UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "'"), 0xC3]
        var generator = SeededGenerator(seed: 0x5EED_0006)
        for _ in 0..<5_000 {
            // Mostly token bytes and spaces, so that runs end just short of 20 as often as they reach it.
            let separators = Bool.random(using: &generator)
            let text = (0..<Int.random(in: 20...90, using: &generator)).map { _ -> UInt8 in
                let byte = alphabet.randomElement(using: &generator) ?? 0
                if !separators && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=")) { return UInt8(ascii: " ") }
                return Int.random(in: 0..<6, using: &generator) == 0 ? UInt8(ascii: " ") : byte
            }
            expectNoCredentialTurnedAway(String(decoding: text, as: UTF8.self))
        }
        let runs = [String(repeating: "a", count: 19) + " " + String(repeating: "b", count: 19),
                    String(repeating: "ab ", count: 30), String(repeating: "a-", count: 40), "---- ---- ---- ---- ---- ----",
                    String(repeating: "x ----", count: 6), String(repeating: "q", count: 19) + "-----",
                    String(repeating: "a", count: 70_000), String(repeating: "-", count: 70_000) + " x",
                    String(repeating: "ab ", count: 30_000) + "=", String(repeating: "a", count: 65_540) + " " + String(repeating: "b ", count: 20),
                    String(repeating: "-", count: 4) + String(repeating: "é", count: 20), String(repeating: "é", count: 30)]
        for text in runs {
            expectNoCredentialTurnedAway(text)
        }
    }

    @Test func generatedCredentialNamesPassTheKeyPrefilter() {
        // Needles overlapping, cut short, in either case, and next to bytes that fold onto letters.
        let pieces = ["p", "P", "a", "s", "S", "pas", "pass", "PaSs", "pw", "pwd", "pWD", "sec", "secret", "SECRE", "t", "tok", "token",
                      "ToKeN", "k", "ke", "key", "KEY", "x", "_", "-", "@", "`", "0", "é", "ey", "ret", "oken"]
        var generator = SeededGenerator(seed: 0x4B45_5953)
        for _ in 0..<4_000 {
            let key = (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            if CredentialScanner.isCredentialName(key) { #expect(bytes(key, CredentialScanner.mayNameCredential), "\(key)") }
        }
    }

    private func bytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var text = text
        return text.withUTF8(body)
    }

    /// The prefilter never turns away text that holds a credential, and redacting twice redacts nothing more.
    private func expectNoCredentialTurnedAway(_ text: String) {
        if !bytes(text, CredentialScanner.mayContainCredential) { #expect(CredentialScanner.scan(text).isEmpty, "\(text.debugDescription)") }
        let redacted = CredentialScanner.redact(text)
        #expect(CredentialScanner.redact(redacted) == redacted, "\(text.debugDescription)")
    }
}

/// SplitMix64: a small seeded generator, so generated cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

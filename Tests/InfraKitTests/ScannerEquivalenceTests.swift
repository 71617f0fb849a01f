import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The credential scanner and the rules' fast paths give the answers of their plain versions.
///
/// `PlainScanner` holds the prefilters as first written (a test a byte, needle loops, names
/// lowercased as strings): slow, easy to read, and the oracle the table-driven prefilters must
/// agree with on tricky and on generated text. The scan itself must never find a credential in a
/// text the prefilter turns away, and redacting must be idempotent.
@Suite("Fast paths agree with their plain versions")
struct ScannerEquivalenceTests {
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

    @Test func scannerAgreesOnTrickyText() {
        for text in Self.tricky { expectSameAnswers(text) }
    }

    /// The prefilter reads eight bytes at a time: separators and runs of dashes are placed at every
    /// offset across the first words, in texts of every length up to three words.
    @Test func prefilterAgreesAcrossWordBoundaries() {
        for length in 0...26 {
            for start in 0..<max(1, length) {
                for pattern in ["=", ":", "-----", "----", "--", "é-----", "aaaaaaaaaaaaaaaaaaaa", "AKIA"] {
                    var text = Array(repeating: UInt8(ascii: "x"), count: length)
                    let bytes = Array(pattern.utf8)
                    for (offset, byte) in bytes.enumerated() where start + offset < length { text[start + offset] = byte }
                    let candidate = String(decoding: text, as: UTF8.self)
                    #expect(self.bytes(candidate, CredentialScanner.mayContainCredential) == self.bytes(candidate, PlainScanner.mayContainCredential),
                            "\(candidate.debugDescription)")
                }
                // Two runs of dashes split by one byte never make five.
                var split = Array(repeating: UInt8(ascii: "-"), count: length)
                if start < length { split[start] = UInt8(ascii: "x") }
                let candidate = String(decoding: split, as: UTF8.self)
                #expect(self.bytes(candidate, CredentialScanner.mayContainCredential) == self.bytes(candidate, PlainScanner.mayContainCredential),
                        "\(candidate.debugDescription)")
            }
        }
    }

    @Test func scannerAgreesOnGeneratedText() {
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
            expectSameAnswers(text)
        }
    }

    @Test func credentialNamesAgree() {
        let names = ["password", "dbPassword", "api_token", "API_KEY", "apikeys", "Secret", "secretary", "tokenizer", "pwd",
                     "passphrase_file", "id", "", "pässword", "to\u{212A}en", "PASS\u{0301}WORD", "keys", "private-key", "privatekey1"]
        for name in names {
            #expect(CredentialScanner.isCredentialName(name) == PlainScanner.isCredentialName(name), "\(name)")
            #expect(bytes(name, CredentialScanner.mayNameCredential) == bytes(name, PlainScanner.mayNameCredential), "\(name)")
        }
    }

    @Test func prefiltersAgreeAroundTheShortTextPath() {
        // Texts under 20 bytes are judged by a sum of byte weights: dashes apart or together, a
        // separator anywhere, and lengths either side of 4 and of 20.
        let texts = ["a-b-c-d-e", "a-b-c-d-e-f-g-h-i-j", "ab-----", "-----", "----x-", "x-----y", "-- -- -- --", "abc:", ":abc",
                     "ab=c", "abc", "ab:", "a\u{1F}=b", "é-----", "ééé", "1234567890123456789", "12345678901234567890",
                     "1234567890123456789-", "123456789012345678:", "----------------+", "host-0", "aws-us-east-1", "10.0.0.0"]
        for text in texts {
            #expect(bytes(text, CredentialScanner.mayContainCredential) == bytes(text, PlainScanner.mayContainCredential), "\(text)")
        }
        // Every short text over a small alphabet that has all the bytes the weights tell apart.
        let alphabet: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "a"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: " "), 0xC3]
        var generator = SeededGenerator(seed: 0x5EED_0005)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...22, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? 0
            }
            let fast = text.withUnsafeBufferPointer(CredentialScanner.mayContainCredential)
            #expect(fast == text.withUnsafeBufferPointer(PlainScanner.mayContainCredential), "\(text)")
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

    @Test func prefiltersAgreeOnLongText() {
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
            let fast = text.withUnsafeBufferPointer(CredentialScanner.mayContainCredential)
            #expect(fast == text.withUnsafeBufferPointer(PlainScanner.mayContainCredential), "\(text)")
        }
        let runs = [String(repeating: "a", count: 19) + " " + String(repeating: "b", count: 19),
                    String(repeating: "ab ", count: 30), String(repeating: "a-", count: 40), "---- ---- ---- ---- ---- ----",
                    String(repeating: "x ----", count: 6), String(repeating: "q", count: 19) + "-----",
                    String(repeating: "a", count: 70_000), String(repeating: "-", count: 70_000) + " x",
                    String(repeating: "ab ", count: 30_000) + "=", String(repeating: "a", count: 65_540) + " " + String(repeating: "b ", count: 20),
                    String(repeating: "-", count: 4) + String(repeating: "é", count: 20), String(repeating: "é", count: 30)]
        for text in runs {
            #expect(bytes(text, CredentialScanner.mayContainCredential) == bytes(text, PlainScanner.mayContainCredential),
                    "\(text.prefix(40)) (\(text.utf8.count) bytes)")
        }
    }

    @Test func keyPrefilterAgreesOnGeneratedKeys() {
        // Needles overlapping, cut short, in either case, and next to bytes that fold onto letters.
        let pieces = ["p", "P", "a", "s", "S", "pas", "pass", "PaSs", "pw", "pwd", "pWD", "sec", "secret", "SECRE", "t", "tok", "token",
                      "ToKeN", "k", "ke", "key", "KEY", "x", "_", "-", "@", "`", "0", "é", "ey", "ret", "oken"]
        var generator = SeededGenerator(seed: 0x4B45_5953)
        for _ in 0..<4_000 {
            let key = (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(bytes(key, CredentialScanner.mayNameCredential) == bytes(key, PlainScanner.mayNameCredential), "\(key)")
        }
    }

    @Test func textSearchAnswersAsFoundation() {
        let texts = ["runs everything", "deploys releases", "", "Service", "e\u{301}verything", "café app", "process", "pro"]
        let words = ["everything", "service", "app", "", "proc", "é", "e", "process"]
        for text in texts {
            for word in words { #expect(TextSearch.contains(text, word) == text.contains(word), "\(text) / \(word)") }
        }
    }

    @Test func lowercasedSearchAnswersAsLowercasingFirst() {
        let texts = ["Runs EVERYTHING", "deploys releases", "", "SERVICE account", "É\u{301}VERYTHING", "Café APP", "PROCESS",
                     "İstanbul daemon", "ﬁle Service", "pro", "Everything\u{301}"]
        let words = ["everything", "service", "app", "", "proc", "é", "e", "process", "Service", "daemon", "i̇"]
        for text in texts {
            for word in words {
                #expect(TextSearch.lowercasedContains(text, word) == text.lowercased().contains(word), "\(text) / \(word)")
            }
        }
    }

    @Test func hostsAndProductionAnswerTheWalk() throws {
        // `same` is both a host and a service, and `loop` runs on itself: the shortcuts must keep the walk's answers.
        let (inventory, _) = try decode("""
        {"infractl": 1, "name": "shop",
         "environments": [{"id": "prod", "kind": "production"}, {"id": "dev", "kind": "development"}],
         "providers": [{"id": "p", "kind": "linode", "region": "london"}],
         "hosts": [{"id": "h1", "environment": "prod", "provider": "p"}, {"id": "h2", "environment": "dev", "provider": "p"},
                   {"id": "same", "environment": "dev", "provider": "p"}],
         "clusters": [{"id": "c", "environment": "prod", "kind": "redis", "members": [{"host": "h2"}, {"host": "h1"}]}],
         "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["h2", "h1", "h2"]},
                      {"id": "pooled", "environment": "dev", "kind": "web", "runsOn": ["c", "h1"]},
                      {"id": "same", "environment": "prod", "kind": "web", "runsOn": ["h1"]},
                      {"id": "loop", "environment": "prod", "kind": "web", "runsOn": ["loop", "h2"]}]}
        """)
        let index = InventoryIndex(inventory)
        #expect(index.hostIDs(of: "app") == ["h1", "h2"])
        #expect(index.hostIDs(of: "pooled") == ["h1", "h2"])
        #expect(index.hostIDs(of: "same") == ["same"])
        #expect(index.hostIDs(of: "loop") == ["h2"])
        #expect(index.isProduction("app") && index.isProduction("c") && index.isProduction("prod"))
        #expect(!index.isProduction("same") && !index.isProduction("h2") && !index.isProduction("pooled"))
    }

    @Test func rulesSideBySideGiveTheSequentialFindings() throws {
        // Two seeds, and an inventory with a credential written in it (no seed has one).
        let credential = #"{"infractl": 1, "environments": [{"id": "prod", "kind": "production"}], "hosts": [{"id": "web", "environment": "prod", "description": "deploy key AKIAIOSFODNN7EXAMPLE is in the user data"}]}"#
        for name in ["classroom7", "impero-paas", "credential"] {
            let text = name == "credential" ? credential
                : try String(contentsOfFile: "\(repositoryRoot)/inventories/\(name).json", encoding: .utf8)
            let (inventory, _) = try decode(text, path: name)
            let context = RuleContext(inventory: inventory, settings: RuleSettings(asOf: try #require(Day(parsing: "2026-11-23"))))
            // The linter redacts the entity and field a finding names as the rules return them, and
            // messages only once findings are kept (`Linter.lint(_:structural:keeping:)`).
            var sequential = RuleCatalog.all.flatMap { $0.init().check(context) }
            Linter.redactNames(&sequential)
            var sideBySide: [Finding] = []
            Linter.check(RuleCatalog.all, context, concurrently: true, appendingTo: &sideBySide)
            #expect(sideBySide == sequential)
            var alone: [Finding] = []
            Linter.check(RuleCatalog.all, context, appendingTo: &alone)
            #expect(alone == sequential)
            // With the inventory-only rules started before the index is built, too.
            var early: [Finding] = []
            _ = Linter.check(RuleCatalog.all, inventory, settings: context.settings, concurrently: true, appendingTo: &early)
            #expect(early == sequential)
            #expect(early.contains { $0.ruleID == CredentialLiteralRule.description.identifier } == (name == "credential"))
        }
    }

    /// Keeping the most severe findings before their messages are redacted keeps the findings, and
    /// the order, that redacting every finding first and then keeping them gives.
    @Test func keepingBeforeRedactingKeepsWhatRedactingFirstKeeps() throws {
        let credential = #"{"infractl": 1, "name": "c", "environments": [{"id": "prod", "kind": "production"}], "hosts": [{"id": "web", "environment": "prod", "provider": "p", "description": "deploy key AKIAIOSFODNN7EXAMPLE is in the user data", "os": {"name": "ubuntu", "version": "16.04"}}, {"id": "db", "environment": "prod", "description": "DB_PASSWORD=hunter2go"}]}"#
        for name in ["classroom7", "human-essentials", "credential"] {
            let text = name == "credential" ? credential
                : try String(contentsOfFile: "\(repositoryRoot)/inventories/\(name).json", encoding: .utf8)
            let (inventory, structural) = try decode(text, path: name)
            let linter = Linter(options: LintOptions(settings: RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))))
            let all = linter.lint(inventory, structural: structural)
            #expect(!all.findings.contains { $0.message.contains("AKIAIOSFODNN7EXAMPLE") || $0.message.contains("hunter2go") })
            for limit in [0, 1, 3, all.findings.count / 2, all.findings.count - 1, all.findings.count, all.findings.count + 5] where limit >= 0 {
                let kept = linter.lint(inventory, structural: structural, keeping: limit)
                let expected = all.findings.count > limit
                    ? all.findings.sortedInReportOrder(mostSevereFirst: true, keeping: limit) : all.findings
                #expect(kept.findings == expected, "\(name), keeping \(limit)")
                #expect(kept.omitted == max(0, all.findings.count - limit))
            }
        }
    }

    /// Findings at one place of one rule are ordered by their messages as reported (redacted), even
    /// when a message is not redacted yet: "…" sorts after "Z", "I" before it.
    @Test func reportOrderComparesRedactedMessages() {
        let place = Location(file: "a.json", line: 3, column: 5)
        let secret = Finding(ruleID: "r", severity: .error, message: "x AKIAIOSFODNN7EXAMPLE", location: place)
        let plain = Finding(ruleID: "r", severity: .error, message: "x AKIAZ", location: place)
        #expect([secret, plain].sortedInReportOrder(keeping: 2).map(\.message) == ["x AKIAZ", "x AKIAIOSFODNN7EXAMPLE"])
        #expect([plain, secret].sortedInReportOrder(keeping: 1).map(\.message) == ["x AKIAZ"])
        #expect([secret, plain].map(Linter.redacted).sortedInReportOrder(keeping: 2).map(\.message)
            == [plain, secret].map(Linter.redacted).map(\.message))
    }

    private func bytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var text = text
        return text.withUTF8(body)
    }

    private func expectSameAnswers(_ text: String) {
        #expect(bytes(text, CredentialScanner.mayContainCredential) == bytes(text, PlainScanner.mayContainCredential), "\(text.debugDescription)")
        // The prefilter never turns away text that holds a credential.
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

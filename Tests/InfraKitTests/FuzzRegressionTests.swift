import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules

/// Every failure `scripts/fuzz` found, as its minimized input, so it stays fixed. Each says when and
/// by which target it was found, what went wrong and what changed.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    /// `scripts/fuzz validate`, first run (crash after 340 executions; minimized from a mutation of
    /// `Fixtures/hostile/bom-then-inventory.json` to 42 bytes). A high-entropy token under an
    /// unknown key: credential-literal reports it as "… holds a high-entropy token: …(redacted,
    /// sha256:…)", which reads like a `token: value` assignment, and the linter redacts every
    /// message once more — so the message was redacted twice and came out mangled
    /// ("…(redacted, sha256:3b27ec12), sha256:8da3b455)"). Redaction is now idempotent: a value
    /// that already starts with the redaction mark is not redacted again.
    @Test func aRedactedMessageIsNotRedactedAgain() throws {
        let input = #"{"fs": [{"":"2L4pW9sYb3HcJ6fDg1AeUion"}]"# + "\n}"
        let run = runCLI(["validate", "--as-of", "2026-11-23", "-"], stdin: input)
        #expect(run.code == 1)
        #expect(run.stdout.contains("<stdin>:1:14: error: 'fs[0].' holds a high-entropy token: …(redacted, sha256:3f53862d) [credential-literal]\n"))
        #expect(!run.stdout.contains("2L4pW9sYb3HcJ6fDg1AeUion"))

        // The property the fuzz target checks: a reported message is its own redaction.
        let document = try JSONReader().read(path: "fuzz.json", text: input)
        let decoded = InventoryDecoder().decode(document)
        let findings = Linter(options: LintOptions(settings: RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))))
            .lint(decoded.inventory, structural: decoded.findings).findings
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(CredentialScanner.redact(finding.message) == finding.message)
        }
    }

    /// `scripts/fuzz validate`, 2026-11-23 (crash after 6,393 executions; the 22 KB input is kept as
    /// `Fuzz/seeds/validate-redaction-c67f7309`, minimized here by hand). An id holding `password=`
    /// followed by two private key blocks: the scan kept the assignment and dropped the first key
    /// block, which overlapped it and ran to the end of the text, so the second block was never looked
    /// at and was shown as written; redacting the message again found it. Redaction now repeats until a pass changes nothing.
    @Test func aCredentialBehindADroppedMatchIsRedacted() throws {
        let text = "password=a-----BEGIN RSA PRIVATE KEY----- -----BEGIN RSA PRIVATE KEY-----k"
        let once = CredentialScanner.redact(text)
        #expect(CredentialScanner.redact(once) == once)
        #expect(!once.contains("KEY-----k"))

        let input = #"{"infractl": 2, "name": "x", "environments": [{"id": "prod", "kind": "production"}], "hosts": [{"id": "\#(text)"}]}"#
        let run = runCLI(["validate", "--as-of", "2026-11-23", "-"], stdin: input)
        #expect(run.code == 1)
        #expect(!run.stdout.contains("KEY-----k"))
        let document = try JSONReader().read(path: "fuzz.json", text: input)
        let decoded = InventoryDecoder().decode(document)
        let findings = Linter(options: LintOptions(settings: RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))))
            .lint(decoded.inventory, structural: decoded.findings).findings
        #expect(findings.contains { $0.ruleID == CredentialLiteralRule.description.identifier })
        for finding in findings {
            #expect(CredentialScanner.redact(finding.message) == finding.message, "\(finding.ruleID)")
        }
    }

    /// Key blocks and assignments layered one behind the other: redacted in a few passes, nothing of
    /// the last block shown, and redacting again changes nothing.
    @Test func layeredCredentialsAreRedactedForGood() {
        let layers = (0...CredentialScanner.redactionPasses).map { "k\($0)=a-----BEGIN RSA PRIVATE KEY----- " }.joined()
        let text = "password=" + layers + "-----BEGIN RSA PRIVATE KEY-----z"
        let redacted = CredentialScanner.redact(text)
        #expect(CredentialScanner.redact(redacted) == redacted)
        #expect(!redacted.contains("KEY-----z"))
    }

    /// `scripts/fuzz reader`, the first run after the tape became one allocation reserved at its
    /// largest size (a heap overflow on the seed corpus, 33 bytes). The room was worked out as half
    /// the bytes, true of valid JSON; but an opening bracket is a value of one byte that the next value
    /// may follow at once, so 33 unclosed brackets (within the fuzz target's depth limit of 64) are 33
    /// values. The room now adds the brackets that can stay open (`JSONTape.capacity(for:maxDepth:)`).
    @Test func unclosedBracketsFitTheTape() {
        for (count, maxDepth) in [(33, 64), (64, 64), (65, 64), (511, 512), (600, 512)] {
            let text = String(repeating: "[", count: count)
            #expect(JSONTape.capacity(for: count, maxDepth: maxDepth) >= min(count, maxDepth))
            do {
                _ = try JSONReader(maxDepth: maxDepth).read(path: "fuzz.json", text: text)
                Issue.record("accepted \(count) unclosed brackets")
            } catch {
                #expect(error.message.contains(count <= maxDepth ? "unexpected end of file" : "nesting is deeper"))
            }
        }
    }

    /// Redacting twice equals redacting once, for every shape the scanner knows.
    @Test(arguments: [
        "key AKIAIOSFODNN7EXAMPLE in use",
        "holds a high-entropy token: q8Zr2LmX7vTn4KpW9sYb3HcJ6fDg1AeU",
        "DB_PASSWORD=s3cr3t-Passw0rd, then token: abc123xyz",
        "password = \"hunter2hunter2\"",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA",
    ])
    func redactionIsIdempotent(_ text: String) {
        let once = CredentialScanner.redact(text)
        #expect(once != text)
        #expect(CredentialScanner.redact(once) == once)
    }
}

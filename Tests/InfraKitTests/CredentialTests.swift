import Testing
@testable import InfraModel

@Suite("Credential scanning and redaction")
struct CredentialTests {
    @Test func findsEachShapeAndRedactsIt() {
        let text = "key AKIAIOSFODNN7EXAMPLE, DB_PASSWORD=hunter2go and token: 'Zx9Qw8Er7Ty6Ui5Op4As3Df2'"
        let matches = CredentialScanner.scan(text)
        #expect(matches.map(\.kind) == [.awsAccessKeyID, .assignment, .assignment])
        let redacted = CredentialScanner.redact(text)
        #expect(!redacted.contains("IOSFODNN7EXAMPLE"))
        #expect(!redacted.contains("hunter2go"))
        #expect(!redacted.contains("Zx9Qw8Er7Ty6Ui5Op4As3Df2"))
        #expect(redacted.hasPrefix("key AKIA…(redacted, sha256:"))
        #expect(redacted.contains("DB_PASSWORD=…(redacted, sha256:"))
    }

    @Test func fingerprintIsTheFirstEightHexDigitsOfSHA256() {
        let redacted = CredentialScanner.redacted(Array("hunter2go".utf8))
        #expect(redacted == "…(redacted, sha256:\(SHA256.hex(Array("hunter2go".utf8)).prefix(8)))")
    }

    @Test(arguments: [
        "commit bf1c8e4a1204405d9289c786c89a76424185048a",
        "set DEIS_PASSWORD=${DEIS_PASSWORD} in ~/.bash_profile",
        "password: {{ vault_db_password }}",
        "export DO_API_TOKEN=YOUR_TOKEN",
        "https://github.com/rubyforgood/human-essentials/blob/main/config/database.yml",
        "deis auth:login --username=... --password=...",
        "uses the /webapps/altvr-todomvc-django_venv/run/gunicorn.sock socket",
    ])
    func ignoresPlaceholdersAndOrdinaryText(_ text: String) {
        #expect(CredentialScanner.scan(text).isEmpty, "\(CredentialScanner.scan(text))")
    }

    /// What the scanner missed before it knew real shapes, each with the kind it is reported as.
    @Test(arguments: [
        ("postgres://user:pw@host/db", CredentialScanner.Kind.urlPassword),
        ("redis://:pw@host", .urlPassword),
        ("https://user:pw@host", .urlPassword),
        ("ansible_become_pass: hunter2", .assignment),
        (#"{"password": "hunter2"}"#, .assignment),
        ("xox" + "b-1234567890-1234567890123-AbCdEfGhIjKlMnOp", .slackToken),
        ("-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0x\n-----END PGP PRIVATE KEY BLOCK-----", .privateKey),
    ])
    func findsWhatItOnceMissed(_ text: String, _ kind: CredentialScanner.Kind) {
        #expect(CredentialScanner.scan(text).map(\.kind) == [kind], "\(text)")
    }

    @Test func theRedactedFormShowsAtMostFourCharactersOfTheValue() {
        let token = "gh" + "p_" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb"
        #expect(CredentialScanner.scan("uses \(token)").map(\.redacted).first?.hasPrefix("ghp_…(redacted, sha256:") == true)
        let url = CredentialScanner.redact("postgres://app:Sup3rSecret@db:5432/shop")
        #expect(url.hasPrefix("postgres://app:…(redacted, sha256:") && url.hasSuffix("@db:5432/shop"), "\(url)")
    }

    /// The key-named check of the rule leaves placeholders and references alone, as the scan does.
    @Test(arguments: [#""token": "vault:secret/data/x""#, #""password": "${DB_PASSWORD}""#, #""password": "op://Infra/db/password""#,
                      #""api_key": "YOUR_API_KEY""#, #""password": "vault_become_pass""#])
    func aPlaceholderUnderACredentialNamedKeyIsNotALiteral(_ member: String) {
        let text = minimalInventory.replacingOccurrences(of: "\"region\": \"london\"", with: "\"region\": \"london\", \(member)")
        let run = runCLI(["validate", "--rule", "credential-literal", "--as-of", "2025-01-01", "-"], stdin: text)
        #expect(run.code == 0, "\(run.stdout)")
    }

    @Test func aKnownShapeUnderACredentialNamedKeyIsNamedForItsShape() {
        let token = "gl" + "pat-" + "Zx9Qw8Er7Ty6Ui5Op4As"
        let text = minimalInventory.replacingOccurrences(of: "\"region\": \"london\"", with: "\"region\": \"london\", \"token\": \"\(token)\"")
        let run = runCLI(["validate", "--rule", "credential-literal", "--as-of", "2025-01-01", "-"], stdin: text)
        #expect(run.stdout.contains("holds a GitLab token: glpa…(redacted, sha256:"), "\(run.stdout)")
        #expect(!run.stdout.contains(token))
    }

    @Test func aCredentialNamedKeyIsReportedRedacted() throws {
        let text = minimalInventory.replacingOccurrences(of: "\"region\": \"london\"", with: "\"region\": \"london\", \"password\": \"hunter2go\"")
        let run = runCLI(["validate", "--as-of", "2025-01-01", "-"], stdin: text)
        #expect(run.stdout.contains("[credential-literal]"))
        #expect(run.stdout.contains("[unknown-key]"))
        #expect(!run.stdout.contains("hunter2go"))
    }

    @Test func seedInventoriesHoldNoCredentials() {
        let run = runCLI(["validate", "--rule", "credential-literal", "inventories/"])
        #expect(run.code == 0, "\(run.stdout)")
    }
}

import Testing
@testable import InfraKit

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

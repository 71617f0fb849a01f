import Foundation
import Testing
import InfraKit

/// The findings for each seed inventory, at a fixed `--as-of`, equal a reviewed golden file.
///
/// A golden starts with `#` lines that defend every finding against the seed document; the rest is
/// the exact output. `INFRACTL_RECORD=1 swift test` rewrites the output part (keeping the defence),
/// and the diff is reviewed before it is committed.
@Suite("Seed inventory goldens")
struct SeedGoldenTests {
    static let asOf = "2026-11-23"

    static func goldenPath(_ name: String) -> String {
        repositoryRoot + "/Tests/InfraKitTests/Goldens/\(name).txt"
    }

    @Test(arguments: SeedInventoryTests.names)
    func findingsMatchTheGolden(_ name: String) throws {
        let run = runCLI(["validate", "--as-of", Self.asOf, "--fail-on", "never", "inventories/\(name).json"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        let path = Self.goldenPath(name)
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let header = existing.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .joined(separator: "\n")
        let body = existing.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.hasPrefix("#") }
            .joined(separator: "\n")
        if ProcessInfo.processInfo.environment["INFRACTL_RECORD"] == "1" {
            let prefix = header.isEmpty ? "# \(name): defend every finding below against the seed document.\n" : header + "\n"
            try (prefix + run.stdout).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(!header.isEmpty, "the golden of \(name) has no header defending its findings")
        #expect(body == run.stdout, "output differs from \(path); rerun with INFRACTL_RECORD=1 and review the diff")
    }

    /// Each finding the issue names for a seed inventory is in its golden.
    @Test(arguments: [
        ("classroom7", ["secret-in-source", "plaintext-cross-domain", "append-only-without-compaction", "unsupervised-process",
                        "production-without-pipeline", "unmanaged-production-host", "email-only-alerting",
                        "single-point-of-failure", "end-of-life-software"]),
        ("altvr-todomvc", ["datastore-without-backup", "public-datastore", "secret-in-source"]),
        ("human-essentials", ["shared-datastore-across-environments", "backup-without-retention", "backup-not-offsite"]),
        ("impero-paas", ["secret-in-source"]),
    ])
    func expectedFindingsArePresent(_ name: String, _ rules: [String]) {
        let run = runCLI(["validate", "--as-of", Self.asOf, "--fail-on", "never", "inventories/\(name).json"])
        for rule in rules {
            #expect(run.stdout.contains("[\(rule)]"), "\(name) should have \(rule)")
        }
    }

    @Test(arguments: [
        ("altvr-todomvc", "monitor-threshold-mismatch"),
        ("impero-paas", "quorum-at-risk"),
    ])
    func findingsThatMustNotAppear(_ name: String, _ rule: String) {
        let run = runCLI(["validate", "--as-of", Self.asOf, "--fail-on", "never", "inventories/\(name).json"])
        #expect(!run.stdout.contains("[\(rule)]"))
    }

    @Test func impero3NodeSecretsAreTheDiscoveryURLAndTheDeisCredentials() {
        let run = runCLI(["validate", "--as-of", Self.asOf, "--rule", "secret-in-source", "--fail-on", "never", "inventories/impero-paas.json"])
        #expect(run.stdout.contains("secret 'prd-etcd-discovery-url' is kept in source code"))
        #expect(run.stdout.contains("secret 'deis-cli-credentials' is kept in a dotfile"))
    }
}

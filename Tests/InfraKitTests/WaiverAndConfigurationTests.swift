import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules

@Suite("Waivers, configuration, rules and explain")
struct WaiverAndConfigurationTests {
    /// An inventory with one secret in source code, and room for waivers.
    static func inventory(waivers: String = "") -> String {
        """
        {
          "infractl": 2, "name": "w",
          "environments": [{"id": "prod", "kind": "production"}],
          "secrets": [{"id": "db-password", "storage": "source-code", "environment": "prod"}]\(waivers.isEmpty ? "" : ",\n  \"waivers\": [\(waivers)]")
        }
        """
    }

    @Test func anActiveWaiverSuppressesItsFindingWithItsReason() {
        let text = Self.inventory(waivers: #"{"rule": "secret-in-source", "target": "db-password", "reason": "moving to vault in Q1", "expires": "2027-01-01", "owner": "ops"}"#)
        let run = runCLI(["validate", "--as-of", "2026-06-01", "-"], stdin: text)
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.contains("<stdin>:4:48: suppressed: secret 'db-password' is kept in source code [secret-in-source] (waived: moving to vault in Q1)"))
        #expect(run.stdout.contains("0 errors, 0 warnings, 0 notes; 1 suppressed by waivers"))
    }

    @Test func anExpiredWaiverStopsSilencingAndIsReported() {
        let text = Self.inventory(waivers: #"{"rule": "secret-in-source", "target": "db-password", "reason": "r", "expires": "2026-01-01"}"#)
        let run = runCLI(["validate", "--as-of", "2026-06-01", "-"], stdin: text)
        #expect(run.code == 1)
        #expect(run.stdout.contains("error: secret 'db-password' is kept in source code [secret-in-source]"))
        #expect(run.stdout.contains("warning: waiver of 'secret-in-source' on 'db-password' expired on 2026-01-01 [waiver-expired]"))
        // The waiver is still in force on its last day.
        let lastDay = runCLI(["validate", "--as-of", "2026-01-01", "-"], stdin: text)
        #expect(lastDay.code == 0)
    }

    /// A waiver cannot hide that another waiver has run out: findings of the waiver rules are not waived.
    @Test func aWaiverDoesNotSilenceTheWaiverRules() {
        let text = Self.inventory(waivers: #"{"rule": "secret-in-source", "target": "db-password", "reason": "r", "expires": "2026-01-01"}, {"rule": "waiver-expired", "target": "db-password", "reason": "hide it"}"#)
        let run = runCLI(["validate", "--as-of", "2026-06-01", "-"], stdin: text)
        #expect(run.stdout.contains("warning: waiver of 'secret-in-source' on 'db-password' expired on 2026-01-01 [waiver-expired]"))
        #expect(!run.stdout.contains("suppressed: waiver of"))
    }

    @Test func anUnusedWaiverIsReported() {
        let text = Self.inventory(waivers: #"{"rule": "public-datastore", "target": "db-password", "reason": "r"}, {"rule": "secret-in-sorce", "target": "db-password", "reason": "typo"}"#)
        let run = runCLI(["validate", "--as-of", "2026-06-01", "--fail-on", "warning", "-"], stdin: text)
        #expect(run.stdout.contains("warning: waiver of 'public-datastore' on 'db-password' matches no finding [waiver-unused]"))
        #expect(run.stdout.contains("warning: waiver names unknown rule 'secret-in-sorce'; did you mean 'secret-in-source'? [waiver-unused]"))
        // With only other rules running, a waiver for a rule that did not run is not called unused.
        let narrowed = runCLI(["validate", "--as-of", "2026-06-01", "--rule", "secret-in-source", "--rule", "waiver-unused", "-"], stdin: text)
        #expect(!narrowed.stdout.contains("'public-datastore' on 'db-password' matches no finding"))
    }

    @Test func configurationDisablesRulesSetsSeveritiesAndThresholds() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory.json", Self.inventory())
        try directory.write(".infractl.json", #"{"asOf": "2026-02-01", "rules": {"secret-in-source": {"severity": "note"}}}"#)
        let run = runCLI(["validate", "inventory.json"], directory: directory.path)
        #expect(run.code == 0)
        #expect(run.stdout.contains("note: secret 'db-password' is kept in source code [secret-in-source]"))
        #expect(runCLI(["validate", "--fail-on", "note", "inventory.json"], directory: directory.path).code == 1)

        try directory.write("off.json", #"{"rules": {"secret-in-source": {"enabled": false}}}"#)
        let off = runCLI(["validate", "--config", "off.json", "inventory.json"], directory: directory.path)
        #expect(off.code == 0)
        #expect(!off.stdout.contains("secret-in-source"))
    }

    @Test func configurationThresholdsReachTheRules() throws {
        let text = """
        {"rules": {}, "thresholds": {"restoreTestMaxAge": "30d", "failoverTTL": 60, "storageLimitPercent": 50}, "asOf": "2026-03-01"}
        """
        let document = try JSONReader().read(path: "c.json", text: text)
        let (configuration, findings) = Configuration.decode(document)
        #expect(findings.isEmpty)
        var options = LintOptions(settings: RuleSettings(asOf: RuleExample.asOf))
        configuration.apply(to: &options)
        #expect(options.settings.restoreTestMaxAge == Duration(seconds: 30 * 86_400))
        #expect(options.settings.failoverTTLSeconds == 60)
        #expect(options.settings.storageLimitPercent == 50)
        #expect(configuration.asOf == Day(year: 2026, month: 3, day: 1))
    }

    @Test func mistakesInTheConfigurationAreLocatedFindings() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory.json", Self.inventory())
        try directory.write(".infractl.json", """
        {
          "rules": {"secret-in-sauce": {"enabled": false}, "public-datastore": {"severity": "fatal"}},
          "treshold": {}
        }
        """)
        let run = runCLI(["validate", "inventory.json"], directory: directory.path)
        #expect(run.code == 1)
        #expect(run.stdout.contains(".infractl.json:2:13: error: unknown rule 'secret-in-sauce' in the configuration; did you mean 'secret-in-source'? [unknown-key]"))
        #expect(run.stdout.contains(".infractl.json:2:85: error: 'rules.public-datastore.severity' of the configuration is 'fatal', which is not one of note, warning, error [invalid-enum]"))
        #expect(run.stdout.contains(".infractl.json:3:3: error: unknown key 'treshold' in the configuration; did you mean 'thresholds'? [unknown-key]"))
    }

    @Test func aMalformedConfigurationStopsTheCommand() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory.json", Self.inventory())
        try directory.write("bad.json", "{\"rules\": }")
        let run = runCLI(["validate", "--config", "bad.json", "inventory.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "bad.json:1:11: error: expected a value, found '}'\n")
        let missing = runCLI(["validate", "--config", "nope.json", "inventory.json"], directory: directory.path)
        #expect(missing.code == 2)
        #expect(missing.stderr == "nope.json: error: cannot read: no such file or directory\n")
    }

    @Test func ruleAndSkipSelectRules() {
        let text = Self.inventory()
        #expect(runCLI(["validate", "--skip", "secret-in-source", "-"], stdin: text).code == 0)
        let only = runCLI(["validate", "--rule", "public-datastore", "-"], stdin: text)
        #expect(only.code == 0)
        let unknown = runCLI(["validate", "--rule", "secret-in-sorce", "-"], stdin: text)
        #expect(unknown.code == 2)
        #expect(unknown.stderr.hasPrefix("error: unknown rule 'secret-in-sorce'; did you mean 'secret-in-source'?"))
    }

    @Test func rulesListsTheCatalog() throws {
        let run = runCLI(["rules"])
        #expect(run.code == 0)
        let operational = RuleCatalog.all.count
        #expect(operational >= 30)
        #expect(run.stdout.contains("backup-exceeds-rpo"))
        let json = runCLI(["rules", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == operational + StructuralRule.allCases.count)
        #expect(rows.contains { $0["id"] as? String == "quorum-at-risk" && $0["family"] as? String == "availability" })
        let family = runCLI(["rules", "--family", "backups"])
        #expect(family.stdout.split(separator: "\n").filter { $0.contains(" backups ") }.count == 6)
    }

    @Test func explainPrintsRationaleRemediationAndExamples() {
        let run = runCLI(["explain", "backup-exceeds-rpo"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("backup-exceeds-rpo — "))
        #expect(run.stdout.contains("WHY IT MATTERS"))
        #expect(run.stdout.contains("HOW TO FIX IT"))
        #expect(run.stdout.contains("FINDS (↓ marks where the finding points)"))
        #expect(run.stdout.contains("DOES NOT FIND"))
        #expect(run.stdout.contains("↓"))
        let structural = runCLI(["explain", "unknown-key"])
        #expect(structural.code == 0)
        let unknown = runCLI(["explain", "backup-exceeds-rp"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("did you mean 'backup-exceeds-rpo'?"))
    }

    // MARK: Failing closed

    static let waivedSecret = RuleExample.inventory("""
        "secrets": [{"id": "k", "storage": "source-code", "environment": "prod"}],
        "waivers": [{"rule": "secret-in-source", "target": "k", "reason": "throwaway", "expires": "EXPIRES"}]
        """)

    /// A waiver whose end date is no real day silences nothing, and the report says why.
    @Test func aWaiverWithAnInvalidExpiryDoesNotSuppress() {
        let valid = runCLI(["validate", "--as-of", "2026-01-01", "-"], stdin: Self.waivedSecret.replacingOccurrences(of: "EXPIRES", with: "2030-02-28"))
        #expect(valid.stdout.contains("suppressed: secret 'k' is kept in source code"))
        let invalid = runCLI(["validate", "--as-of", "2026-01-01", "-"], stdin: Self.waivedSecret.replacingOccurrences(of: "EXPIRES", with: "2030-02-30"))
        #expect(invalid.code == 1)
        #expect(!invalid.stdout.contains("suppressed"))
        #expect(invalid.stdout.contains("error: secret 'k' is kept in source code [secret-in-source]"))
        #expect(invalid.stdout.contains("which is not a real day written YYYY-MM-DD [invalid-date]"))
        let report = runCLI(["report", "--as-of", "2026-01-01", "--fail-on", "never", "-"],
                            stdin: Self.waivedSecret.replacingOccurrences(of: "EXPIRES", with: "2030-02-30"))
        #expect(report.stdout.contains("invalid-expiry"), "\(report.stdout)")
    }

    /// A key given twice in the configuration: which value was meant? Nothing of it is applied.
    @Test func aConfigurationWithARepeatedKeyIsNotApplied() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory.json", Self.waivedSecret.replacingOccurrences(of: "EXPIRES", with: "2030-02-28"))
        try directory.write(".infractl.json", #"{"rules": {"secret-in-source": {"enabled": false}, "secret-in-source": {"enabled": true}}}"#)
        for command in ["validate", "report", "docs"] {
            let run = runCLI([command, "inventory.json"], directory: directory.path)
            #expect(run.code == 2, "\(command)")
            #expect(run.stderr.hasPrefix(".infractl.json:1:52: error: the configuration gives 'rules.secret-in-source' twice; the configuration is not applied"),
                    "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        try directory.write(".infractl.json", #"{"asOf": "2026-01-01", "asOf": "2026-02-01"}"#)
        #expect(runCLI(["validate", "inventory.json"], directory: directory.path).stderr.contains("gives 'asOf' twice"))
    }

    @Test func configurationFindingsAreCappedByMaxFindings() throws {
        let directory = try TemporaryDirectory()
        let rules = (0..<500).map { #""unknown-\#($0)": {"enabled": false}"# }.joined(separator: ", ")
        try directory.write("config.json", #"{"rules": {\#(rules)}}"#)
        let run = runCLI(["validate", "--config", "config.json", "--max-findings", "20", "--fail-on", "never", "-"],
                         stdin: minimalInventory, directory: directory.path)
        let configLines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("config.json:") }
        #expect(configLines.count == 20, "\(run.stdout)")
        #expect(run.stderr.contains("config.json: warning: 480 more configuration findings not reported: at most 20"), "\(run.stderr)")
    }

    /// `"rules": []` is one mistake, reported once, with one fingerprint.
    @Test func aRulesArrayIsReportedOnce() throws {
        let directory = try TemporaryDirectory()
        try directory.write("config.json", #"{"rules": []}"#)
        let run = runCLI(["validate", "--config", "config.json", "--format", "json", "--fail-on", "never", "-"],
                         stdin: minimalInventory, directory: directory.path)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = (report["findings"] as? [[String: Any]] ?? []).filter { ($0["location"] as? [String: Any])?["file"] as? String == "config.json" }
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.first?["ruleId"] as? String == "wrong-type")
    }
}

import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The linter: the findings of every rule, whether the rules run on one thread or side by side,
/// and the most severe findings kept when a report keeps only some.
@Suite("Linter")
struct LinterTests {
    @Test func rulesRunSideBySideGiveTheFindingsOfOneThread() throws {
        // Two seeds, and an inventory with a credential written in it (no seed has one).
        let credential = #"{"infractl": 2, "environments": [{"id": "prod", "kind": "production"}], "hosts": [{"id": "web", "environment": "prod", "description": "deploy key AKIAIOSFODNN7EXAMPLE is in the user data"}]}"#
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
        let credential = #"{"infractl": 2, "name": "c", "environments": [{"id": "prod", "kind": "production"}], "hosts": [{"id": "web", "environment": "prod", "provider": "p", "description": "deploy key AKIAIOSFODNN7EXAMPLE is in the user data", "os": {"name": "ubuntu", "version": "16.04"}}, {"id": "db", "environment": "prod", "description": "DB_PASSWORD=hunter2go"}]}"#
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
}

import Foundation
import Testing
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

/// `infractl rules` and `infractl explain RULE-ID` as the output layer renders them from rule descriptions.
struct RuleListRendererTests {
    static func rule(_ identifier: String, family: RuleFamily = .backups, severity: SeverityPolicy = .fixed(.warning),
                     summary: String = "a backup nobody restores", reference: Bool = false) -> RuleDescription {
        RuleDescription(
            identifier: identifier, name: "Name of \(identifier)", family: family, examines: [.backup], severity: severity,
            summary: summary, rationale: "Untested backups fail.\n\nSecond paragraph.", remediation: "Restore one.",
            triggeringExamples: ["\"backups\": [↓{\"id\": \"b\"}]"], nonTriggeringExamples: ["\"backups\": []"])
    }

    @Test func textAlignsTheColumnsMarksErrorInProductionAndCountsTheRules() {
        let text = RuleListRenderer([
            Self.rule("short", severity: .inProduction(.error)),
            Self.rule("a-longer-id", family: .availability, severity: .fixed(.note), summary: "something else"),
        ]).text()
        #expect(text == """
            short        backups       error*   a backup nobody restores
            a-longer-id  availability  note     something else

            2 rules. * = in production; one step lower elsewhere (error to warning, warning to note).

            """)
    }

    @Test func aWarningInProductionIsANoteElsewhere() {
        let policy = SeverityPolicy.inProduction(.warning)
        #expect(policy.label == "warning (note outside production)")
        #expect(policy.severity(inProduction: true) == .warning && policy.severity(inProduction: false) == .note)
        #expect(SeverityPolicy.inProduction(.note).severity(inProduction: false) == .note)
        #expect(RuleListRenderer([Self.rule("w", severity: policy)]).text().hasPrefix("w  backups       warning* a backup nobody restores"))
    }

    @Test func jsonGivesEachRuleItsFullSeverityLabel() throws {
        let json = RuleListRenderer([Self.rule("short", severity: .inProduction(.error))]).json()
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(rows == [["id": "short", "name": "Name of short", "family": "backups",
                          "severity": "error (warning outside production)", "summary": "a backup nobody restores"]])
        #expect(json.hasSuffix("]\n"))
    }

    @Test func textShowsControlCharactersOfADescriptionVisibly() {
        let text = RuleListRenderer([Self.rule("odd", summary: "title \u{1B}]0;owned\u{07} \u{202E}x\nsecond line")]).text()
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        // The row, the blank line and the count: the summary's line break is shown, not made.
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
    }

    @Test func anExplanationHasItsSectionsIndentedExamplesAndReference() {
        let text = RuleExplanationRenderer(Self.rule("short", severity: .inProduction(.error)), reference: "table\nrow").text()
        #expect(text.hasPrefix("short — Name of short\nfamily: backups    severity: error (warning outside production): "
                               + "data can be lost or exposed, or production goes down without warning\n\na backup nobody restores\n"))
        #expect(text.contains("WHY IT MATTERS\n  Untested backups fail.\n\n  Second paragraph.\n\nHOW TO FIX IT\n  Restore one.\n"))
        #expect(text.contains("FINDS (↓ marks where the finding points)\n  \"backups\": [↓{\"id\": \"b\"}]\n\nDOES NOT FIND\n  \"backups\": []\n\n"))
        #expect(text.hasSuffix("REFERENCE\n  table\n  row\n"))
        #expect(!RuleExplanationRenderer(Self.rule("short")).text().contains("REFERENCE"))
    }

    @Test func aStructuralCheckIsExplainedByTheFormat() throws {
        let description = try #require(RuleCatalog.description("dangling-reference"))
        #expect(RuleExplanationRenderer(description).text() == """
            dangling-reference (structure, error)

            a reference to an id no entity has.
            Structural findings come from reading the inventory against its format (docs/format.md); each
            points at the value that caused it.

            """)
    }

    @Test func theCommandsPrintWhatTheRenderersRenderFromTheCatalog() throws {
        #expect(runCLI(["rules"]).stdout == RuleListRenderer(RuleCatalog.descriptions).text())
        let backups = RuleCatalog.descriptions.filter { $0.family == .backups }
        #expect(runCLI(["rules", "--family", "backups", "--format", "json"]).stdout == RuleListRenderer(backups).json())
        let endOfLife = try #require(RuleCatalog.description("end-of-life-software"))
        let explained = runCLI(["explain", "end-of-life-software"]).stdout
        #expect(explained == RuleExplanationRenderer(endOfLife, reference: RuleCatalog.reference("end-of-life-software")).text())
        #expect(explained.contains("REFERENCE\n"))
    }
}

import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

@Suite("GitHub Actions reporter")
struct GitHubReporterTests {
    @Test func messagesEscapePercentAndShowLineBreaksAndControlsVisibly() {
        // Inventory text never adds a line to the log: line breaks and escape sequences are shown.
        #expect(GitHubReporter.escapeData("100% a:b, c\r\nd") == "100%25 a:b, c\\r\\nd")
        #expect(GitHubReporter.escapeData("%0A") == "%250A")
        #expect(GitHubReporter.escapeData("x\u{1B}]0;t\u{7}\u{202E}") == "x\\u{1B}]0;t\\u{7}\\u{202E}")
    }

    @Test func propertiesAlsoEscapeColonAndComma() {
        #expect(GitHubReporter.escapeProperty("100% a:b, c\r\nd") == "100%25 a%3Ab%2C c\\r\\nd")
        #expect(GitHubReporter.escapeProperty("dir:x/shop, 1%.json") == "dir%3Ax/shop%2C 1%25.json")
    }

    @Test func oneCommandPerFindingBySeverityThenTheSummary() {
        let lines = GitHubReporter().render(ReporterFixtures.mixedReport).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6, "\(lines)")
        #expect(lines[0] == "::error file=broken%2C really.json,line=2,col=14,title=malformed-json::expected a value after ','")
        #expect(lines[1] == "::error file=dir%3Ax/shop%2C 1%25.json,line=3,col=7,title=plaintext-cross-domain::"
            + "100%25 sure: a, b <c> & \"d\" 'e'\\r\\n::error::injected\\ttab \\u{0}\\u{1B}[31m\\u{7} 🙂 \u{FFFF} end")
        #expect(lines[2] == "::warning file=shop.json,line=5,col=3,title=unmonitored-service::service 'app' is watched by no monitor")
        #expect(lines[3] == "::notice file=shop.json,line=9,col=1,title=unknown-key::a note about the file")
        #expect(lines[4] == "0 files checked, 0 entities: 1 error, 1 warning, 1 note; 1 suppressed by waivers; 1 file could not be read")
        #expect(lines[5] == "")
    }

    @Test func waivedFindingsAreNotAnnotated() {
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "github", "inventories/human-essentials.json"])
        let lines = run.stdout.split(separator: "\n")
        // 28 findings, 14 errors, 13 warnings and 1 note: 10 of each severity annotated, the other 4
        // errors and 3 warnings listed as text.
        #expect(lines.filter { $0.hasPrefix("::error file=inventories/human-essentials.json,line=") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::warning file=") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::notice file=") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("inventories/human-essentials.json:") && $0.contains(": error: ") }.count == 4)
        #expect(lines.filter { $0.hasPrefix("inventories/human-essentials.json:") && $0.contains(": warning: ") }.count == 3)
        #expect(lines.filter { $0.hasPrefix("::notice title=infractl::7 more findings not annotated (4 errors, 3 warnings)") }.count == 1)
        #expect(!run.stdout.contains("ci-test-postgres-password"))
        #expect(lines.last?.hasSuffix("; 1 suppressed by waivers") == true)
    }

    /// The five bundled inventories hold 115 findings; GitHub shows 10 error, 10 warning and 10 notice annotations of a step.
    @Test func annotationsStayWithinGitHubsLimitsAndOneNoticeCountsTheRest() {
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "github", "inventories/"])
        #expect(run.code == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("::error ") }
        let warnings = lines.filter { $0.hasPrefix("::warning ") }
        let notes = lines.filter { $0.hasPrefix("::notice file=") }
        let notices = lines.filter { $0.hasPrefix("::notice title=infractl::") }
        #expect(errors.count == 10)
        #expect(warnings.count == 10)
        #expect(notes.count == 9, "GitHub shows 10 notices a step: 9 notes and ours")
        #expect(notices == ["::notice title=infractl::86 more findings not annotated (33 errors, 51 warnings, 2 notes): GitHub shows at most 10 error, "
            + "10 warning and 10 notice annotations per step. Every finding is listed in this step's log and in the job summary; "
            + "--format sarif uploads them all to code scanning"])
        // Every finding is in the log: annotated, or a text line.
        let listed = lines.filter { $0.hasPrefix("inventories/") && ($0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": note: ")) }
        #expect(errors.count + warnings.count + notes.count + listed.count == 115)
        #expect(lines.last == "5 files checked, 197 entities: 43 errors, 61 warnings, 11 notes; 1 suppressed by waivers")
    }

    @Test func notesLeaveRoomForTheRemainderNotice() {
        var report = ValidationReport()
        report.findings = (1...12).map { line in
            Finding(ruleID: "unknown-key", severity: .note, message: "a note", location: Location(file: "a.json", line: line, column: 1))
        }
        let lines = GitHubReporter().render(report).split(separator: "\n")
        let notices = lines.filter { $0.hasPrefix("::notice ") }
        #expect(notices.count == GitHubReporter.annotationsPerStep, "GitHub shows 10 notices a step: 9 notes and ours")
        #expect(notices.last?.hasPrefix("::notice title=infractl::3 more findings not annotated (3 notes)") == true)
        #expect(lines.filter { $0.hasPrefix("a.json:") }.count == 3)
    }

    @Test func fewFindingsNeedNoNotice() {
        // learn-ide: 5 errors and 3 warnings.
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "github", "inventories/learn-ide.json"])
        #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }.count == 5)
        #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning ") }.count == 3)
        #expect(!run.stdout.contains("::notice title=infractl"))
        #expect(run.stdout.split(separator: "\n").dropLast().allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
    }

    @Test func theStepSummaryIsAppendedWhenGitHubAsksForIt() throws {
        let directory = try TemporaryDirectory()
        let summary = try directory.write("summary.md", "## an earlier step\n")
        let environment = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary]
        let run = runCLI(["validate", "--as-of", "2026-11-23", "inventories/"], environment: environment)
        #expect(run.code == 1)
        #expect(run.stdout.hasPrefix("::warning ") && run.stdout.contains("\n::error "), "github is the default format on GitHub Actions")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("## an earlier step\n## infractl: 115 findings (43 errors, 61 warnings, 11 notes)\n"))
        #expect(text.contains("| error | 43 |\n| warning | 61 |\n| note | 11 |\n"))
        #expect(text.contains("| `secret-in-source` | "))
        // Every finding has its row (115 is under the limit of rows).
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("| error | `") || $0.hasPrefix("| warning | `") || $0.hasPrefix("| note | `") }.count == 115)
        #expect(text.contains("- Baseline: none.\n- Waivers: 1 finding suppressed.\n- Files: 5 checked.\n"))
        // A second step appends again.
        _ = runCLI(["validate", "--as-of", "2026-11-23", "inventories/classroom7.json"], environment: environment)
        let again = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(again.hasPrefix(text))
        #expect(again.dropFirst(text.count).hasPrefix("## infractl: 33 findings"))
        // Not on GitHub, nothing is written.
        let other = try directory.write("other.md", "")
        _ = runCLI(["validate", "--format", "github", "inventories/classroom7.json"], environment: ["GITHUB_STEP_SUMMARY": other + ".absent"])
        #expect(FileManager.default.fileExists(atPath: other + ".absent"), "the format asks for it, so it is written")
        _ = runCLI(["validate", "--format", "text", "inventories/classroom7.json"], environment: ["GITHUB_STEP_SUMMARY": other])
        #expect(try String(contentsOfFile: other, encoding: .utf8).isEmpty, "text output writes no summary")
    }

    @Test func theStepSummaryEscapesInventoryTextAndIsBounded() {
        var report = ValidationReport()
        report.findings = (0..<(GitHubStepSummary.maxRows + 20)).map { number in
            Finding(ruleID: "unknown-key", severity: number == 0 ? .note : .error,
                    message: "| cell | <img src=x> [link](http://evil) \n# heading " + String(repeating: "x", count: 1_000),
                    entityID: "web-\(number)", location: Location(file: "a|b.json", line: number + 1, column: 1))
        }
        let text = GitHubStepSummary().render(report)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| error | `") || $0.hasPrefix("| note | `") }
        #expect(rows.count == GitHubStepSummary.maxRows)
        #expect(!rows.contains { $0.hasPrefix("| note | ") }, "the most severe are kept")
        #expect(text.contains("20 more findings are not listed here"))
        // Markup is escaped (`\<img`), and the link is a code span, which nothing links.
        #expect(text.contains("\\<img src=x\\>"))
        #expect(!text.contains("[link]("))
        #expect(text.contains("\\[`link](http://evil`)"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("#") && !$0.hasPrefix("## infractl") && !$0.hasPrefix("### ") })
        // Each row has exactly its five cells: no unescaped `|` from the inventory.
        func unescapedPipes(_ row: Substring) -> Int {
            var (count, escaped) = (0, false)
            for character in row {
                if character == "|", !escaped { count += 1 }
                escaped = character == "\\" && !escaped
            }
            return count
        }
        #expect(rows.allSatisfy { unescapedPipes($0) == 6 })
        #expect(text.utf8.count < 1 << 20)
    }

    @Test func longPathsAndIdsStopTheTableBeforeGitHubsLimit() {
        var report = ValidationReport()
        let long = String(repeating: "|<x>", count: 1_000)
        report.findings = (0..<GitHubStepSummary.maxRows).map { number in
            Finding(ruleID: "unknown-key", severity: .error, message: long, entityID: long,
                    location: Location(file: "\(number)" + long + ".json", line: 1, column: 1))
        }
        let text = GitHubStepSummary().render(report)
        #expect(text.utf8.count < GitHubStepSummary.maxTableBytes + 4_096)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| error | `") }
        #expect(rows.count > 100 && rows.count < GitHubStepSummary.maxRows)
        #expect(text.contains("\n\(GitHubStepSummary.maxRows - rows.count) more findings are not listed here"))
    }

    @Test func outputIsDeterministic() {
        let report = ReporterFixtures.mixedReport
        #expect(GitHubReporter().render(report) == GitHubReporter().render(report))
    }
}

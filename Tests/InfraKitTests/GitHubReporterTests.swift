import Testing
@testable import InfraKit

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
        #expect(lines.filter { $0.hasPrefix("::") }.count == 28)
        #expect(!run.stdout.contains("ci-test-postgres-password"))
        #expect(lines.last?.hasSuffix("; 1 suppressed by waivers") == true)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::error file=inventories/human-essentials.json,line=") || $0.hasPrefix("::warning file=") })
    }

    @Test func outputIsDeterministic() {
        let report = ReporterFixtures.mixedReport
        #expect(GitHubReporter().render(report) == GitHubReporter().render(report))
    }
}

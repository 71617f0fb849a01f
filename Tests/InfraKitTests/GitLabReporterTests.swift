import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

/// `--format gitlab` against GitLab's Code Quality report format: the fields GitLab requires, each
/// of its type, and fingerprints equal to SARIF's.
@Suite("GitLab Code Quality reporter")
struct GitLabReporterTests {
    static func issues(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func everyIssueHasGitLabsFieldsWithTheirTypes() throws {
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "gitlab", "inventories/"])
        #expect(run.code == 0)
        let issues = try Self.issues(run.stdout)
        #expect(issues.count == 115)
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            #expect((issue["description"] as? String)?.isEmpty == false)
            let check = try #require(issue["check_name"] as? String)
            #expect(RuleCatalog.identifiers.contains(check) || StructuralRule(rawValue: check) != nil)
            let fingerprint = try #require(issue["fingerprint"] as? String)
            #expect(fingerprint.count == 16 && fingerprint.allSatisfy(\.isHexDigit))
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String))
            let location = try #require(issue["location"] as? [String: Any])
            #expect(Set(location.keys) == ["path", "lines"])
            let path = try #require(location["path"] as? String)
            #expect(path.hasPrefix("inventories/") && !path.hasPrefix("./"))
            let lines = try #require(location["lines"] as? [String: Any])
            let begin = try #require(lines["begin"] as? Int)
            #expect(begin >= 1)
        }
        // Written as integers, not floats or strings.
        let begins = run.stdout.split(separator: "\n").filter { $0.contains("\"begin\"") }
        #expect(begins.count == 115)
        #expect(begins.allSatisfy { line in
            let value = line.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            return !value.isEmpty && value.allSatisfy(\.isNumber) && value.first != "0"
        })
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == fingerprints.count, "GitLab needs each fingerprint once")
        // A literal credential is the most severe kind of security finding.
        #expect(issues.contains { $0["check_name"] as? String == "secret-in-source" && $0["severity"] as? String == "blocker" })
        #expect(issues.contains { $0["severity"] as? String == "major" })
    }

    @Test func fingerprintsEqualSARIFs() throws {
        let arguments = ["validate", "--as-of", "2026-11-23", "--fail-on", "never", "inventories/human-essentials.json"]
        let gitlab = try Self.issues(runCLI(arguments + ["--format", "gitlab"]).stdout)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(runCLI(arguments + ["--format", "sarif"]).stdout.utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let sarifPrints = results.compactMap { ($0["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] }
        #expect(gitlab.compactMap { $0["fingerprint"] as? String } == sarifPrints)
        #expect(sarifPrints.count == 28)
    }

    @Test func unreadableFilesAreBlockersAndHostileTextStaysJSON() throws {
        let issues = try Self.issues(GitLabReporter().render(ReporterFixtures.mixedReport))
        let first = try #require(issues.first)
        #expect(first["check_name"] as? String == "malformed-json")
        #expect(first["severity"] as? String == "blocker")
        #expect(((first["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int == 2)
        #expect(issues.contains { $0["description"] as? String == ReporterFixtures.hostile })
        // Waived findings are left out.
        #expect(!issues.contains { $0["check_name"] as? String == "secret-in-source" })
        #expect(!GitLabReporter().render(ReporterFixtures.mixedReport).unicodeScalars.contains { UntrustedText.isActive($0) && $0 != "\n" })
    }
}

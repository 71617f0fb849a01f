import Foundation
import Testing
@testable import InfraKit

@Suite("SARIF reporter")
struct SARIFReporterTests {
    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ sarif: [String: Any]) throws -> [String: Any] {
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        return runs[0]
    }

    static func rules(_ run: [String: Any]) throws -> [[String: Any]] {
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        return try #require(driver["rules"] as? [[String: Any]])
    }

    @Test func theDriverListsEveryStructuralAndOperationalRule() throws {
        let run = try Self.run(Self.parse(SARIFReporter().render(ValidationReport())))
        let rules = try Self.rules(run)
        let expected = StructuralRule.allCases.map(\.identifier) + RuleCatalog.all.map { $0.description.identifier }
        #expect(rules.compactMap { $0["id"] as? String } == expected)
        for rule in rules {
            #expect((rule["name"] as? String)?.isEmpty == false)
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let help = try #require(rule["help"] as? [String: Any])
            #expect((help["text"] as? String)?.isEmpty == false)
            #expect((help["markdown"] as? String)?.isEmpty == false)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level))
            #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String])?.isEmpty == false)
        }
        let secret = try #require(rules.first { $0["id"] as? String == "secret-in-source" })
        #expect(secret["name"] as? String == "SecretInSource")
        #expect((secret["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        #expect((secret["properties"] as? [String: Any])?["tags"] as? [String] == ["security"])
        let markdown = try #require((secret["help"] as? [String: Any])?["markdown"] as? String)
        #expect(markdown.contains("```json\n\"secrets\": [{\"id\": \"db-password\", \"storage\": ↓\"source-code\""))
        let structural = try #require(rules.first { $0["id"] as? String == "wrong-type" })
        #expect((structural["properties"] as? [String: Any])?["tags"] as? [String] == ["structure"])
    }

    @Test func resultsPointAtTheirRuleAndLocationWithAFingerprint() throws {
        let run = try Self.run(Self.parse(SARIFReporter().render(ReporterFixtures.mixedReport)))
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let rules = try Self.rules(run)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["infractlFingerprint/v1"]?.count == 16)
        }
        #expect(results.map { $0["level"] as? String } == ["error", "error", "warning", "note"])

        let hostile = results[0]
        #expect((hostile["message"] as? [String: Any])?["text"] as? String == ReporterFixtures.hostile)
        let physical = try #require(((hostile["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir%3Ax/shop%2C%201%25.json")
        #expect((physical["artifactLocation"] as? [String: Any])?["uriBaseId"] == nil)
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 7)
        #expect(hostile["properties"] as? [String: String] == ["entity": "web-1", "field": "tls"])
        // A finding about the file as a whole has neither entity nor field.
        #expect(results[3]["properties"] == nil)
    }

    @Test func waivedFindingsAreSuppressedResultsWithTheirReason() throws {
        let run = try Self.run(Self.parse(SARIFReporter().render(ReporterFixtures.mixedReport)))
        let results = try #require(run["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "inSource")
        #expect(suppression["justification"] as? String == "moving to vault <Q1> & \"soon\"")
        #expect(suppressed.first?["ruleId"] as? String == "secret-in-source")
    }

    @Test func aWaiverInAnInventoryBecomesASuppression() throws {
        let text = WaiverAndConfigurationTests.inventory(
            waivers: #"{"rule": "secret-in-source", "target": "db-password", "reason": "moving to vault in Q1", "owner": "ops"}"#)
        let cli = runCLI(["validate", "--as-of", "2026-06-01", "--format", "sarif", "-"], stdin: text)
        #expect(cli.code == 0)
        let results = try #require(try Self.run(Self.parse(cli.stdout))["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let suppression = try #require((results.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["justification"] as? String == "moving to vault in Q1")
        let physical = ((results.first?["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "%3Cstdin%3E")
    }

    @Test func unreadableFilesAreToolExecutionNotifications() throws {
        let run = try Self.run(Self.parse(SARIFReporter().render(ReporterFixtures.mixedReport)))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "error")
        #expect((notification["message"] as? [String: Any])?["text"] as? String == "expected a value after ','")
        let physical = ((notification["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "broken%2C%20really.json")
        #expect((physical?["region"] as? [String: Any])?["startLine"] as? Int == 2)

        let clean = try Self.run(Self.parse(SARIFReporter().render(ValidationReport())))
        let cleanInvocation = try #require((clean["invocations"] as? [[String: Any]])?.first)
        #expect(cleanInvocation["executionSuccessful"] as? Bool == true)
        #expect(cleanInvocation["toolExecutionNotifications"] == nil)
    }

    @Test(arguments: [
        ("Secret in source", "SecretInSource"),
        ("End-of-life software", "EndOfLifeSoftware"),
        ("Public endpoint without TLS", "PublicEndpointWithoutTLS"),
        ("wrong-reference-kind", "WrongReferenceKind"),
    ])
    func ruleNamesAreIdentifierLike(_ name: String, _ expected: String) {
        #expect(SARIFReporter.pascalCase(name) == expected)
    }

    @Test(arguments: [
        ("inventories/classroom7.json", "inventories/classroom7.json"),
        ("<stdin>", "%3Cstdin%3E"),
        ("/tmp/my inventories/a.json", "file:///tmp/my%20inventories/a.json"),
        ("sites/zürich.json", "sites/z%C3%BCrich.json"),
        ("c:odd#name?.json", "c%3Aodd%23name%3F.json"),
    ])
    func artifactURIs(_ path: String, _ uri: String) {
        #expect(SARIFReporter.artifactURI(path) == uri)
    }

    @Test func theDocumentHasTheSchemaAndVersionAndIsDeterministic() throws {
        let first = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "sarif", "inventories/human-essentials.json"])
        let second = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "sarif", "inventories/human-essentials.json"])
        #expect(first.stdout == second.stdout)
        let sarif = try Self.parse(first.stdout)
        #expect(sarif["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(sarif["version"] as? String == "2.1.0")
        let driver = try #require((try Self.run(sarif)["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "infractl")
        #expect(driver["version"] as? String == InfraKitVersion.current)
        #expect(driver["informationUri"] as? String == "https://github.com/infractl/infractl")
        #expect(!first.stdout.contains("Utc"), "no timestamps")
    }

    /// Moving every entity down keeps every fingerprint: code scanning keeps tracking the same alerts.
    @Test func fingerprintsSurviveMovedLines() throws {
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        let directory = try TemporaryDirectory()
        try directory.write("inventories/classroom7.json", original)
        let moved = try TemporaryDirectory()
        try moved.write("inventories/classroom7.json", String(repeating: "\n", count: 20) + original)
        func fingerprints(_ directory: String) throws -> [String] {
            let cli = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "sarif", "inventories/classroom7.json"],
                             directory: directory)
            let results = try #require(try Self.run(Self.parse(cli.stdout))["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["infractlFingerprint/v1"] }
        }
        let before = try fingerprints(directory.path)
        #expect(before.count == 32)
        #expect(Set(before).count == before.count)
        #expect(try fingerprints(moved.path) == before)
    }
}

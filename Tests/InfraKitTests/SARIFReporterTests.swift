import Foundation
import Testing
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

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
        #expect((secret["properties"] as? [String: Any])?["tags"] as? [String] == ["security", "infrastructure"])
        #expect((secret["properties"] as? [String: Any])?["precision"] as? String == "high")
        #expect((secret["properties"] as? [String: Any])?["security-severity"] as? String == "9.0")
        let markdown = try #require((secret["help"] as? [String: Any])?["markdown"] as? String)
        #expect(markdown.contains("```json\n\"secrets\": [{\"id\": \"db-password\", \"storage\": ↓\"source-code\""))
        let structural = try #require(rules.first { $0["id"] as? String == "wrong-type" })
        #expect((structural["properties"] as? [String: Any])?["tags"] as? [String] == ["structure", "correctness"])
        #expect((structural["properties"] as? [String: Any])?["precision"] as? String == "very-high")
        #expect((structural["properties"] as? [String: Any])?["security-severity"] == nil)
    }

    @Test func resultsPointAtTheirRuleAndLocationWithAFingerprint() throws {
        let run = try Self.run(Self.parse(SARIFReporter(options: Self.marking).render(ReporterFixtures.mixedReport)))
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let rules = try Self.rules(run)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["infractlFingerprint/v1"]?.count == 16)
            #expect(fingerprints["primaryLocationLineHash"] == fingerprints["infractlFingerprint/v1"])
        }
        #expect(results.map { $0["level"] as? String } == ["error", "error", "warning", "note"])

        let hostile = results[0]
        #expect((hostile["message"] as? [String: Any])?["text"] as? String == ReporterFixtures.hostile)
        let physical = try #require(((hostile["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir%3Ax/shop%2C%201%25.json")
        #expect((physical["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        #expect((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] != nil)
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 7)
        #expect(hostile["properties"] as? [String: String] == ["entity": "web-1", "field": "tls"])
        // A finding about the file as a whole has neither entity nor field.
        #expect(results[3]["properties"] == nil)
    }

    /// `--sarif-suppressed mark`.
    static var marking: ReportOptions {
        var options = ReportOptions()
        options.sarifMarksSuppressed = true
        return options
    }

    @Test func waivedFindingsAreLeftOutByDefault() throws {
        let run = try Self.run(Self.parse(SARIFReporter().render(ReporterFixtures.mixedReport)))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["suppressions"] == nil })
    }

    @Test func waivedFindingsAreSuppressedResultsWithTheirReason() throws {
        let run = try Self.run(Self.parse(SARIFReporter(options: Self.marking).render(ReporterFixtures.mixedReport)))
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
        let cli = runCLI(["validate", "--as-of", "2026-06-01", "--format", "sarif", "--sarif-suppressed", "mark", "-"], stdin: text)
        #expect(cli.code == 0)
        let results = try #require(try Self.run(Self.parse(cli.stdout))["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let omitted = runCLI(["validate", "--as-of", "2026-06-01", "--format", "sarif", "-"], stdin: text)
        #expect(try Self.run(Self.parse(omitted.stdout))["results"] as? [[String: Any]] != nil)
        #expect((try Self.run(Self.parse(omitted.stdout))["results"] as? [[String: Any]])?.count == 0)
        let suppression = try #require((results.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["justification"] as? String == "moving to vault in Q1")
        let physical = ((results.first?["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        #expect((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String == "%3Cstdin%3E")
    }

    @Test func aMovedLineKeepsItsLineHash() throws {
        let text = WaiverAndConfigurationTests.inventory(waivers: "")
        func hashes(_ inventory: String) throws -> [String: Int] {
            let cli = runCLI(["validate", "--as-of", "2026-06-01", "--format", "sarif", "--stdin-name", "inventories/shop.json", "-"], stdin: inventory)
            let results = try #require(try Self.run(Self.parse(cli.stdout))["results"] as? [[String: Any]])
            var lines: [String: Int] = [:]
            for result in results {
                let hash = try #require((result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"])
                let region = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
                lines[hash] = region?["startLine"] as? Int
            }
            return lines
        }
        let before = try hashes(text)
        let after = try hashes("\n\n\n" + text)
        #expect(!before.isEmpty)
        #expect(Set(before.keys) == Set(after.keys), "the same findings keep their hashes when every line moves down 3")
        for (hash, line) in before { #expect(after[hash] == line + 3) }
    }

    @Test func securitySeverityIsGradedPerRule() throws {
        let rules = try Self.rules(Self.run(Self.parse(SARIFReporter().render(ValidationReport()))))
        var scores: [String: String] = [:]
        for rule in rules {
            let properties = try #require(rule["properties"] as? [String: Any])
            #expect(["very-high", "high", "medium", "low"].contains(properties["precision"] as? String))
            let tags = try #require(properties["tags"] as? [String])
            if let score = properties["security-severity"] as? String {
                #expect(tags.contains("security"))
                scores[rule["id"] as? String ?? ""] = score
            }
        }
        #expect(scores["credential-literal"] == "9.5")
        #expect(scores["secret-in-source"] == "9.0")
        #expect(scores["shared-datastore-across-environments"] == "5.5")
        #expect(Set(scores.values).count >= 5, "scores differ between rules: \(scores)")
    }

    @Test func theCategoryIsTheAutomationID() throws {
        var options = ReportOptions()
        options.sarifCategory = "infractl-inventories"
        let run = try Self.run(Self.parse(SARIFReporter(options: options).render(ValidationReport())))
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "infractl-inventories/")
        let cli = runCLI(["validate", "--format", "sarif", "--sarif-category", "prod/nightly", "-"], stdin: minimalInventory)
        #expect((try Self.run(Self.parse(cli.stdout))["automationDetails"] as? [String: Any])?["id"] as? String == "prod/nightly")
        let plain = try Self.run(Self.parse(SARIFReporter().render(ValidationReport())))
        #expect(plain["automationDetails"] == nil)
    }

    @Test func resultsBeyondTheLimitAreLeftOutMostSevereKept() throws {
        var reporter = SARIFReporter()
        reporter.maxResults = 2
        let run = try Self.run(Self.parse(reporter.render(ReporterFixtures.mixedReport)))
        let results = try #require(run["results"] as? [[String: Any]])
        // Of an error, a warning and a note (the waived finding is left out), the note goes.
        #expect(results.map { $0["level"] as? String } == ["error", "warning"])
        let notifications = try #require((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
        let leftOut = try #require(notifications.first { ($0["descriptor"] as? [String: Any])?["id"] as? String == "results-left-out" })
        let text = try #require((leftOut["message"] as? [String: Any])?["text"] as? String)
        #expect(text.hasPrefix("1 result left out (1 note)"), "\(text)")
        #expect(SARIFReporter.maxResults == 25_000)
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
        #expect(before.count == 33)
        #expect(Set(before).count == before.count)
        #expect(try fingerprints(moved.path) == before)
    }
}

import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraOutput

@Suite("infractl validate, end to end in-process")
struct ValidateCommandTests {
    static let structuralRules = StructuralRule.allCases.map(\.identifier)
    /// Runs only the structural checks, for tests about loading rather than rules.
    static let structuralOnly = structuralRules.flatMap { ["--rule", $0] }

    @Test func seedInventoriesHaveNoStructuralFindings() {
        let run = runCLI(["validate", "inventories/"] + Self.structuralOnly)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("inventories/altvr-todomvc.json: 2 environments, "))
        #expect(lines[1].hasPrefix("inventories/classroom7.json: "))
        #expect(lines.last?.hasPrefix("5 files checked, ") == true)
        #expect(lines.last?.hasSuffix(": 0 errors, 0 warnings, 0 notes") == true)
    }

    @Test func mainCommandSummarisesEachInventory() {
        let run = runCLI(["validate", "--fail-on", "never", "inventories/"])
        #expect(run.code == 0)
        let summaries = run.stdout.split(separator: "\n").filter { $0.contains(".json: ") && $0.contains(" findings") }
        #expect(summaries.count == 5)
        #expect(run.stdout.split(separator: "\n").last?.hasPrefix("5 files checked, 197 entities: ") == true)
    }

    /// The acceptance case: a misspelled key, a reference to a missing id and a string where an
    /// array belongs give exactly those three findings, each at its place.
    @Test func threeMistakesInACopyOfClassroom7() throws {
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        var text = original
        text = text.replacingOccurrences(of: "\"logRotation\"", with: "\"logRotaton\"", options: [], range: text.range(of: "\"logRotation\""))
        let roles = try #require(text.range(of: #""roles": \[[^\]]*\]"#, options: .regularExpression))
        text.replaceSubrange(roles, with: #""roles": "web""#)
        let runsOn = try #require(text.range(of: "\"runsOn\": [\n        \"linode-production\""))
        text.replaceSubrange(runsOn, with: "\"runsOn\": [\n        \"linode-prod\"")
        let directory = try TemporaryDirectory()
        try directory.write("classroom7.json", text)

        let run = runCLI(["validate", "classroom7.json"], directory: directory.path)
        #expect(run.code == 1)
        let findings = run.stdout.split(separator: "\n").filter { line in
            line.contains(": error: ") && Self.structuralRules.contains { line.hasSuffix("[\($0)]") }
        }
        #expect(findings.count == 3, "\(run.stdout)")
        let source = SourceFile(path: "classroom7.json", text: text)
        func location(of needle: String) throws -> String {
            let range = try #require(text.range(of: needle))
            return source.location(at: text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)).description
        }
        #expect(findings.contains { $0.hasPrefix(try! location(of: "\"logRotaton\"") + ": error: unknown key 'logRotaton' in host ") && $0.hasSuffix("; did you mean 'logRotation'? [unknown-key]") })
        #expect(findings.contains { $0.hasPrefix(try! location(of: "\"web\"") + ": error: 'roles' of host ") && $0.hasSuffix("must be an array of strings, found a string [wrong-type]") })
        #expect(findings.contains { $0.hasPrefix(try! location(of: "\"linode-prod\"") + ": error: 'runsOn[0]' of service ") && $0.hasSuffix("refers to 'linode-prod', but no entity has that id (expected a host or cluster); did you mean 'linode-production'? [dangling-reference]") })
    }

    @Test func malformedJSONExitsTwoWithLocation() throws {
        let directory = try TemporaryDirectory()
        try directory.write("trailing.json", "{\n  \"a\": [1, 2,]\n}\n")
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/learn-ide.json", encoding: .utf8)
        try directory.write("truncated.json", String(original.prefix(200)))
        let run = runCLI(["validate", "trailing.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "trailing.json:2:14: error: expected a value after ',', found ']' (trailing commas are not allowed)\n")
        let truncated = runCLI(["validate", "truncated.json"], directory: directory.path)
        #expect(truncated.code == 2)
        #expect(truncated.stderr.hasPrefix("truncated.json:"))
        #expect(truncated.stderr.contains(": error: unexpected end of file"))
    }

    @Test func absurdNestingIsAClearErrorNotACrash() throws {
        let directory = try TemporaryDirectory()
        try directory.write("deep.json", String(repeating: "[", count: 1_000_000))
        let run = runCLI(["validate", "deep.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "deep.json:1:513: error: nesting is deeper than 512 levels\n")
    }

    @Test func binaryEmptyAndEmptyDirectoryGetClearMessages() throws {
        let directory = try TemporaryDirectory()
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00]).write(to: URL(fileURLWithPath: directory.path + "/binary.json"))
        try directory.write("empty.json", "")
        try FileManager.default.createDirectory(atPath: directory.path + "/nothing", withIntermediateDirectories: true)
        try directory.write("nothing/readme.txt", "not an inventory")

        let binary = runCLI(["validate", "binary.json"], directory: directory.path)
        #expect(binary.code == 2)
        #expect(binary.stderr == "binary.json:1:1: error: expected a value, found control character U+007F (is this a binary file?)\n")
        let empty = runCLI(["validate", "empty.json"], directory: directory.path)
        #expect(empty.code == 2)
        #expect(empty.stderr == "empty.json:1:1: error: file is empty: expected a JSON value\n")
        let none = runCLI(["validate", "nothing"], directory: directory.path)
        #expect(none.code == 2)
        #expect(none.stderr == "nothing: error: no inventories found (no *.json files below it)\n")
        let missing = runCLI(["validate", "missing.json"], directory: directory.path)
        #expect(missing.code == 2)
        #expect(missing.stderr == "missing.json: error: cannot read: no such file or directory\n")
    }

    @Test func directoriesAreWalkedInSortedOrderAndSymlinkLoopsEnd() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b/second.json", minimalInventory)
        try directory.write("a/first.json", minimalInventory)
        try directory.write(".hidden/skipped.json", "not json")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/a/loop", withDestinationPath: directory.path)
        let run = runCLI(["validate", "."] + Self.structuralOnly, directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        let files = run.stdout.split(separator: "\n").dropLast().map { $0.split(separator: ":")[0] }
        // Shown relative to the project root (here the working directory), without `./`.
        #expect(files == ["a/first.json", "b/second.json"])
    }

    @Test func readsStandardInput() {
        let run = runCLI(["validate", "-"] + Self.structuralOnly, stdin: minimalInventory)
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("<stdin>: 1 environment, 1 provider, 1 host, 1 service; 0 findings\n"))
        let broken = runCLI(["validate", "-"], stdin: "{\"infractl\": 2,")
        #expect(broken.code == 2)
        #expect(broken.stderr.hasPrefix("<stdin>:1:16: error: "))
    }

    @Test func failOnSetsTheThreshold() {
        let broken = minimalInventory.replacingOccurrences(of: "\"region\": \"london\"", with: "\"regoin\": \"london\"")
        #expect(runCLI(["validate", "-"] + Self.structuralOnly, stdin: minimalInventory).code == 0)
        #expect(runCLI(["validate", "-"] + Self.structuralOnly, stdin: broken).code == 1)
        #expect(runCLI(["validate", "--fail-on", "never", "-"] + Self.structuralOnly, stdin: broken).code == 0)
        #expect(runCLI(["validate", "--fail-on=warning", "-"] + Self.structuralOnly, stdin: broken).code == 1)
    }

    @Test func jsonFormatHasAStableShape() throws {
        let broken = minimalInventory.replacingOccurrences(of: "\"region\": \"london\"", with: "\"regoin\": \"london\"")
        let run = runCLI(["validate", "--format", "json", "-"] + Self.structuralOnly, stdin: broken)
        #expect(run.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["ruleId"] as? String == "unknown-key")
        #expect(findings.first?["entity"] as? String == "linode-london")
        #expect(findings.first?["field"] as? String == "regoin")
        let location = try #require(findings.first?["location"] as? [String: Any])
        #expect(location["file"] as? String == "<stdin>")
        #expect(location["line"] as? Int == 5)
        #expect(location["column"] as? Int == 59)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["error"] as? Int == 1)
        #expect(summary["entities"] as? Int == 4)
    }

    @Test func outputIsDeterministic() {
        let first = runCLI(["validate", "--format", "json", "inventories"])
        let second = runCLI(["validate", "--format", "json", "inventories"])
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test func helpAndVersion() {
        let help = runCLI(["--help"])
        #expect(help.code == 0)
        #expect(help.stdout.contains("USAGE: infractl <command>"))
        #expect(help.stdout.contains("validate"))
        let commandHelp = runCLI(["validate", "--help"])
        #expect(commandHelp.code == 0)
        #expect(commandHelp.stdout.contains("USAGE: infractl validate"))
        #expect(commandHelp.stdout.contains("--fail-on <severity>"))
        let version = runCLI(["--version"])
        #expect(version.code == 0)
        #expect(version.stdout == "infractl \(InfraKitVersion.current)\n")
    }

    @Test("argument errors print usage and exit 2", arguments: [
        (["validate"], "error: validate needs at least one PATH"),
        (["validate", "--format", "xml", "x"], "error: invalid value 'xml' for '--format': expected one of text, json"),
        (["validate", "--fial-on", "error", "x"], "error: unknown option '--fial-on' for 'validate'; did you mean '--fail-on'?"),
        (["validate", "--format"], "error: option '--format' needs a value"),
        (["valdate", "x"], "error: unknown command 'valdate'; did you mean 'validate'?"),
        ([], "OVERVIEW:"),
    ])
    func argumentErrors(_ arguments: [String], _ message: String) {
        let run = runCLI(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
        #expect(run.stderr.contains("USAGE: infractl"))
        #expect(run.stdout.isEmpty)
    }
}

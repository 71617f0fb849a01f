import Foundation
import Testing
@testable import InfraJSON
@testable import InfraRules

@Suite("infractl diff")
struct DiffTests {
    /// The location of the first `needle` in `text` (after `anchor`, when given), plus `shift` scalars.
    static func location(of needle: String, in text: String, path: String, after anchor: String? = nil, shift: Int = 0) throws -> String {
        var start = text.startIndex
        if let anchor { start = try #require(text.range(of: anchor)).upperBound }
        let range = try #require(text.range(of: needle, range: start..<text.endIndex))
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let location = SourceFile(path: path, text: text).location(at: offset)
        return Location(file: path, line: location.line, column: location.column + shift).description
    }

    static func replacing(_ text: String, _ old: String, with new: String) throws -> String {
        let range = try #require(text.range(of: old), "'\(old)' is not in the text")
        var text = text
        text.replaceSubrange(range, with: new)
        return text
    }

    /// Writes OLD and NEW into a fresh directory and runs `infractl diff ARGS old.json new.json` there.
    static func diff(_ old: String, _ new: String, _ arguments: [String] = []) throws -> (CLIRun, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        try directory.write("old.json", old)
        try directory.write("new.json", new)
        return (runCLI(["diff"] + arguments + ["old.json", "new.json"], directory: directory.path), directory)
    }

    static let sections = ["entities added", "entities removed", "entities changed", "topology consequences", "findings introduced", "findings resolved"]

    /// The lines of one section of the text output: after its heading, up to the next heading or the summary.
    static func lines(_ run: CLIRun, section: String) -> [String] {
        let all = run.stdout.split(separator: "\n").map(String.init).dropLast()
        guard let start = all.firstIndex(of: section + ":") else { return [] }
        return Array(all[(start + 1)...].prefix { line in !sections.contains { line == $0 + ":" } })
    }

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    // MARK: Acceptance

    /// The acceptance case: the Couch dependency moves to TLS; plaintext-cross-domain is resolved
    /// and the `tls` change is reported at its value in NEW.
    @Test func couchOverTLSResolvesPlaintextCrossDomain() throws {
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        let before = """
                  "target": "couchdb-cloudant",
                  "protocol": "http",
                  "tls": false,
        """
        let after = """
                  "target": "couchdb-cloudant",
                  "protocol": "https",
                  "tls": true,
        """
        let changed = try Self.replacing(original, before, with: after)
        let directory = try TemporaryDirectory()
        try directory.write("classroom7.json", original)
        try directory.write("next/classroom7.json", changed)

        let run = runCLI(["diff", "classroom7.json", "next/classroom7.json"], directory: directory.path)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let tls = try Self.location(of: "\"tls\": true", in: changed, path: "next/classroom7.json", after: "\"target\": \"couchdb-cloudant\"", shift: 7)
        let proto = try Self.location(of: "\"https\"", in: changed, path: "next/classroom7.json")
        let oldTLS = try Self.location(of: "\"tls\": false", in: original, path: "classroom7.json", after: "\"target\": \"couchdb-cloudant\"", shift: 7)
        #expect(run.stdout == """
            entities changed:
            \(proto): ~ service 'rails-production' dependsOn[target=couchdb-cloudant].protocol: "http" -> "https"
            \(tls): ~ service 'rails-production' dependsOn[target=couchdb-cloudant].tls: false -> true
            findings resolved:
            \(oldTLS): error: 'couchdb-cloudant' is reached over plain http from 'rails-production' across failure domains ('linode-london' to 'cloudant-holland') [plaintext-cross-domain]
            classroom7.json -> next/classroom7.json: 0 entities added, 0 removed, 1 changed (2 field changes); 0 findings introduced, 1 resolved

            """)
        #expect(tls == "next/classroom7.json:184:18")

        let json = try Self.json(runCLI(["diff", "--format", "json", "classroom7.json", "next/classroom7.json"], directory: directory.path))
        let entities = try #require(json["entities"] as? [String: Any])
        let changedEntities = try #require(entities["changed"] as? [[String: Any]])
        #expect(changedEntities.count == 1)
        #expect(changedEntities.first?["id"] as? String == "rails-production")
        let changes = try #require(changedEntities.first?["changes"] as? [[String: Any]])
        let tlsChange = try #require(changes.first { $0["path"] as? String == "dependsOn[target=couchdb-cloudant].tls" })
        #expect(tlsChange["old"] as? String == "false")
        #expect(tlsChange["new"] as? String == "true")
        let location = try #require(tlsChange["location"] as? [String: Any])
        #expect(location["file"] as? String == "next/classroom7.json")
        #expect(location["line"] as? Int == 184)
        #expect(location["column"] as? Int == 18)
        let findings = try #require(json["findings"] as? [String: Any])
        let resolved = try #require(findings["resolved"] as? [[String: Any]])
        #expect(resolved.map { $0["ruleId"] as? String } == ["plaintext-cross-domain"])
        #expect((findings["introduced"] as? [Any])?.isEmpty == true)
    }

    // MARK: Exit codes

    @Test func anIntroducedErrorExitsOne() throws {
        let new = try Self.replacing(minimalInventory, #""services": ["#, with: """
            "secrets": [{"id": "db-password", "storage": "source-code", "usedBy": ["app"]}],
              "services": [
            """)
        let (run, _) = try Self.diff(minimalInventory, new)
        #expect(run.code == 1, "\(run.stdout)\(run.stderr)")
        let introduced = Self.lines(run, section: "findings introduced")
        let storage = try Self.location(of: #""source-code""#, in: new, path: "new.json")
        let secret = try Self.location(of: #"{"id": "db-password""#, in: new, path: "new.json")
        #expect(introduced == ["\(storage): error: secret 'db-password' is kept in source code [secret-in-source]"])
        #expect(run.stdout.contains("\(secret): + secret 'db-password'\n"))
        #expect(run.stdout.hasSuffix("1 finding introduced (1 error, 0 warnings, 0 notes), 0 resolved\n"))

        let (lenient, _) = try Self.diff(minimalInventory, new, ["--fail-on", "never"])
        #expect(lenient.code == 0)
        // The other way round the finding is resolved: nothing introduced, exit 0.
        let (reverse, _) = try Self.diff(new, minimalInventory)
        #expect(reverse.code == 0)
        #expect(Self.lines(reverse, section: "findings resolved").count == 1)
    }

    /// More findings than `--max-findings` keeps: every one is matched, so a change that takes one
    /// away does not let another, present in both versions, read as introduced.
    @Test func everyFindingIsMatchedBeyondTheReportingLimit() throws {
        func inventory(rotatingFirst: Bool) -> String {
            let hosts = (0..<10_050).map { number in
                let rotates = rotatingFirst && number == 0 ? "true" : "false"
                return #"{"id": "h-\#(number)", "environment": "prod", "provider": "p", "managedBy": "ansible", "logRotation": \#(rotates)}"#
            }
            return #"{"infractl": 2, "name": "many", "environments": [{"id": "prod", "kind": "production"}], "providers": [{"id": "p", "kind": "aws"}],"#
                + "\n\"hosts\": [\n" + hosts.joined(separator: ",\n") + "]}\n"
        }
        let (run, _) = try Self.diff(inventory(rotatingFirst: false), inventory(rotatingFirst: true), ["--rule", "missing-log-rotation"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Self.lines(run, section: "findings introduced").isEmpty)
        #expect(Self.lines(run, section: "findings resolved").count == 1)
        // A limit given on the command line is kept, and diff says what it costs.
        let (limited, _) = try Self.diff(inventory(rotatingFirst: false), inventory(rotatingFirst: true),
                                         ["--rule", "missing-log-rotation", "--max-findings", "100"])
        #expect(limited.stderr.contains("findings over the limit of 100 were not matched"))
    }

    @Test func anIntroducedWarningFailsOnlyFromWarning() throws {
        let old = try Self.replacing(minimalInventory, #""kind": "production"}]"#, with: #""kind": "production"}, {"id": "qa", "kind": "qa"}]"#)
        let new = try Self.replacing(old, #""services": ["#, with: """
            "secrets": [{"id": "qa-password", "storage": "source-code", "environment": "qa"}],
              "services": [
            """)
        let (run, _) = try Self.diff(old, new)
        #expect(run.code == 0, "\(run.stdout)")
        #expect(Self.lines(run, section: "findings introduced").allSatisfy { $0.contains(": warning: ") })
        let (strict, _) = try Self.diff(old, new, ["--fail-on", "warning"])
        #expect(strict.code == 1)
    }

    @Test func errorsExitTwo() throws {
        let directory = try TemporaryDirectory()
        try directory.write("good.json", minimalInventory)
        try directory.write("broken.json", "{\n  \"a\": [1,]\n}\n")
        let missing = runCLI(["diff", "good.json", "missing.json"], directory: directory.path)
        #expect(missing.code == 2)
        #expect(missing.stderr == "missing.json: error: cannot read: no such file or directory\n")
        #expect(missing.stdout.isEmpty)
        let broken = runCLI(["diff", "broken.json", "good.json"], directory: directory.path)
        #expect(broken.code == 2)
        #expect(broken.stderr == "broken.json:2:11: error: expected a value after ',', found ']' (trailing commas are not allowed)\n")
        let one = runCLI(["diff", "good.json"], directory: directory.path)
        #expect(one.code == 2)
        #expect(one.stderr.hasPrefix("error: diff needs two inventories, OLD and NEW (or --git REV PATH), found 1\nUSAGE: infractl diff "))
        let help = runCLI(["diff", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Compare two versions of an inventory"))
        #expect(help.stdout.contains("--git <rev>"))
        #expect(runCLI(["--help"]).stdout.contains("  diff "))
    }

    // MARK: Entities

    @Test func addedRemovedAndKindChangedEntities() throws {
        let old = """
            {
              "infractl": 2,
              "name": "shop",
              "environments": [{"id": "prod", "kind": "production"}],
              "providers": [{"id": "linode-london", "kind": "linode"}],
              "hosts": [
                {"id": "web-1", "environment": "prod", "provider": "linode-london"},
                {"id": "web-2", "environment": "prod", "provider": "linode-london"},
                {"id": "cache", "environment": "prod", "provider": "linode-london"}
              ]
            }
            """
        let new = """
            {
              "infractl": 2,
              "name": "shop",
              "environments": [{"id": "prod", "kind": "production"}],
              "providers": [{"id": "linode-london", "kind": "linode"}],
              "hosts": [
                {"id": "web-1", "environment": "prod", "provider": "linode-london"},
                {"id": "web-3", "environment": "prod", "provider": "linode-london"}
              ],
              "services": [{"id": "cache", "environment": "prod", "kind": "external", "provider": "linode-london"}]
            }
            """
        let (run, _) = try Self.diff(old, new, ["--fail-on", "never"])
        #expect(Self.lines(run, section: "entities added") == ["new.json:8:5: + host 'web-3'", "new.json:10:16: + service 'cache'"])
        #expect(Self.lines(run, section: "entities removed") == ["old.json:8:5: - host 'web-2'", "old.json:9:5: - host 'cache'"])
        #expect(!run.stdout.contains("entities changed:"))
        #expect(run.stdout.contains("2 entities added, 2 removed, 0 changed (0 field changes)"))
    }

    @Test func fieldsAddedRemovedAndChangedAtTheirPlaces() throws {
        let old = """
            {"infractl": 2, "name": "shop", "environments": [{"id": "prod", "kind": "production"}],
             "hosts": [{"id": "web", "environment": "prod", "provider": "p", "os": {"name": "ubuntu", "version": "14.04"},
                        "logRotation": false}],
             "providers": [{"id": "p", "kind": "linode"}]}
            """
        let new = """
            {"infractl": 2, "name": "shop2", "environments": [{"id": "prod", "kind": "production"}],
             "providers": [{"id": "p", "kind": "linode"}],
             "hosts": [{"provider": "p", "id": "web", "environment": "prod",
                        "os": {"version": "22.04", "name": "ubuntu"}, "managedBy": "ansible"}]}
            """
        let (run, _) = try Self.diff(old, new, ["--fail-on", "never"])
        #expect(Self.lines(run, section: "entities changed") == [
            "\(try Self.location(of: #""shop2""#, in: new, path: "new.json")): ~ inventory name: \"shop\" -> \"shop2\"",
            "\(try Self.location(of: #""22.04""#, in: new, path: "new.json")): ~ host 'web' os.version: \"14.04\" -> \"22.04\"",
            "\(try Self.location(of: #""ansible""#, in: new, path: "new.json")): ~ host 'web' managedBy: (absent) -> \"ansible\"",
            "\(try Self.location(of: "false", in: old, path: "old.json")): ~ host 'web' logRotation: false -> (absent)",
        ])
        #expect(Self.lines(run, section: "entities changed").first == "new.json:1:25: ~ inventory name: \"shop\" -> \"shop2\"")
    }

    // MARK: Arrays

    static let dependencies = """
        {"infractl": 2, "name": "shop",
         "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "linode", "kind": "linode"}, {"id": "cloudant", "kind": "cloudant"}],
         "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode"}],
         "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "web-1"}},
                        {"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "cloudant"}}],
         "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "tags": ["a", "b"],
                       "dependsOn": [
                         {"target": "pg", "protocol": "postgres"},
                         {"target": "couch", "protocol": "http", "tls": false}
                       ],
                       "accounts": []}]}
        """

    @Test func arrayElementsAreMatchedByTheirKey() throws {
        let new = try Self.replacing(Self.dependencies, #"{"target": "pg", "protocol": "postgres"},"#, with: """
            {"target": "couch", "protocol": "https", "tls": true},
                                     {"target": "pg", "protocol": "postgres", "port": 5432},
            """)
        let inserted = try Self.replacing(new, #"{"target": "couch", "protocol": "http", "tls": false}"#, with: #"{"target": "web-1", "protocol": "ssh"}"#)
        let (run, _) = try Self.diff(Self.dependencies, inserted, ["--fail-on", "never"])
        #expect(Self.lines(run, section: "entities changed") == [
            "\(try Self.location(of: #""https""#, in: inserted, path: "new.json")): ~ service 'app' dependsOn[target=couch].protocol: \"http\" -> \"https\"",
            "\(try Self.location(of: "true", in: inserted, path: "new.json")): ~ service 'app' dependsOn[target=couch].tls: false -> true",
            "\(try Self.location(of: "5432", in: inserted, path: "new.json")): ~ service 'app' dependsOn[target=pg].port: (absent) -> 5432",
            "\(try Self.location(of: #"{"target": "web-1""#, in: inserted, path: "new.json")): ~ service 'app' dependsOn[target=web-1]: (absent) -> {\"target\":\"web-1\",\"protocol\":\"ssh\"}",
        ])
    }

    @Test func aFindingKeepsItsIdentityWhenADependencyIsInsertedBeforeIt() throws {
        let new = try Self.replacing(Self.dependencies, #"{"target": "pg", "protocol": "postgres"},"#, with: """
            {"target": "web-1", "protocol": "ssh", "tls": true},
                                     {"target": "pg", "protocol": "postgres"},
            """)
        let (run, _) = try Self.diff(Self.dependencies, new)
        #expect(!run.stdout.contains("findings introduced:"), "\(run.stdout)")
        #expect(!run.stdout.contains("findings resolved:"), "\(run.stdout)")
        #expect(run.code == 0)
        // The rule's own path moved from dependsOn[1] to dependsOn[2]; the diff matched it by key.
        let inventory = try decode(new).inventory
        #expect(InventoryDiff.keyedPath("dependsOn[2].tls", entityID: "app", in: inventory) == "dependsOn[target=couch].tls")
        #expect(InventoryDiff.keyedPath("runsOn[0]", entityID: "app", in: inventory) == "runsOn[0]")
        #expect(InventoryDiff.keyedPath("no.such[3]", entityID: "app", in: inventory) == "no.such[3]")
    }

    @Test func arraysWithoutAKeyAreMatchedByIndexAndScalarArraysWhole() throws {
        let pipeline = """
            {"infractl": 2, "name": "shop", "environments": [{"id": "prod", "kind": "production"}],
             "pipelines": [{"id": "deploy", "deploys": [], "tags": ["x", "y"],
                            "stages": [{"kind": "test"}, {"kind": "deploy", "environment": "prod"}]}]}
            """
        let new = try Self.replacing(
            try Self.replacing(pipeline, #""tags": ["x", "y"]"#, with: #""tags": ["w", "x", "y"]"#),
            #"{"kind": "test"}, {"kind": "deploy", "environment": "prod"}"#,
            with: #"{"kind": "test"}, {"kind": "approve"}, {"kind": "deploy", "environment": "prod"}"#)
        let (run, _) = try Self.diff(pipeline, new, ["--fail-on", "never"])
        #expect(Self.lines(run, section: "entities changed") == [
            "\(try Self.location(of: #"["w""#, in: new, path: "new.json")): ~ pipeline 'deploy' tags: [\"x\",\"y\"] -> [\"w\",\"x\",\"y\"]",
            "\(try Self.location(of: #""approve""#, in: new, path: "new.json")): ~ pipeline 'deploy' stages[1].kind: \"deploy\" -> \"approve\"",
            "\(try Self.location(of: #""prod"}]"#, in: pipeline, path: "old.json")): ~ pipeline 'deploy' stages[1].environment: \"prod\" -> (absent)",
            "\(try Self.location(of: #"{"kind": "deploy""#, in: new, path: "new.json")): ~ pipeline 'deploy' stages[2]: (absent) -> {\"kind\":\"deploy\",\"environment\":\"prod\"}",
        ])
    }

    @Test func keyValuesThatAreNotIdLikeAreQuoted() throws {
        let old = """
            {"infractl": 2, "name": "shop", "environments": [{"id": "prod", "kind": "production"}],
             "pipelines": [{"id": "deploy", "deploys": [], "stages": [{"name": "run tests", "kind": "test"}]}]}
            """
        let new = try Self.replacing(old, #""kind": "test""#, with: #""kind": "build""#)
        let (run, _) = try Self.diff(old, new, ["--fail-on", "never"])
        #expect(Self.lines(run, section: "entities changed") == [
            "\(try Self.location(of: #""build""#, in: new, path: "new.json")): ~ pipeline 'deploy' stages[name=\"run tests\"].kind: \"test\" -> \"build\"",
        ])
    }

    // MARK: Waivers

    @Test func aNewWaiverResolvesItsFindingAndSaysSo() throws {
        let old = """
            {"infractl": 2, "name": "w", "environments": [{"id": "prod", "kind": "production"}],
             "secrets": [{"id": "db-password", "storage": "source-code", "environment": "prod"}]}
            """
        let new = try Self.replacing(old, "}]}", with: """
            }],
             "waivers": [{"rule": "secret-in-source", "target": "db-password", "reason": "moving to vault"}]}
            """)
        let (run, _) = try Self.diff(old, new, ["--as-of", "2026-06-01"])
        #expect(run.code == 0)
        #expect(Self.lines(run, section: "entities added") == ["new.json:3:14: + waiver 'secret-in-source:db-password'"])
        #expect(Self.lines(run, section: "findings resolved") == [
            "\(try Self.location(of: #""source-code""#, in: old, path: "old.json")): error: secret 'db-password' is kept in source code [secret-in-source] (now waived: moving to vault)",
        ])
        // Dropping the waiver brings the finding back: introduced, exit 1.
        let (back, _) = try Self.diff(new, old, ["--as-of", "2026-06-01"])
        #expect(back.code == 1)
        #expect(Self.lines(back, section: "findings introduced").count == 1)
    }

    // MARK: Identical, JSON, determinism

    @Test func identicalFilesGiveAnEmptyDiff() throws {
        // Key order and whitespace are not changes.
        let reordered = try Self.replacing(minimalInventory, #"{"id": "web-1", "environment": "prod", "provider": "linode-london"}"#,
                                           with: "{\"provider\": \"linode-london\",\n    \"id\": \"web-1\", \"environment\": \"prod\"}")
        for new in [minimalInventory, reordered] {
            let (run, _) = try Self.diff(minimalInventory, new)
            #expect(run.code == 0)
            #expect(run.stdout == "old.json -> new.json: no differences\n")
            let (json, _) = try Self.diff(minimalInventory, new, ["--format", "json"])
            let document = try Self.json(json)
            let entities = try #require(document["entities"] as? [String: [Any]])
            #expect(entities.values.allSatisfy { $0.isEmpty })
            let findings = try #require(document["findings"] as? [String: [Any]])
            #expect(findings.values.allSatisfy { $0.isEmpty })
            #expect((document["inventory"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func jsonShape() throws {
        let new = try Self.replacing(minimalInventory, #""runsOn": ["web-1"]}]"#, with: """
            "runsOn": ["web-1"]}],
              "secrets": [{"id": "db-password", "storage": "source-code", "usedBy": ["app"]}]
            """)
        let (run, _) = try Self.diff(minimalInventory, new, ["--format", "json"])
        #expect(run.code == 1)
        let document = try Self.json(run)
        // Keys in their documented order.
        let keys = ["\"version\"", "\"tool\"", "\"old\"", "\"new\"", "\"inventory\"", "\"entities\"", "\"findings\"", "\"summary\""]
        let positions = try keys.map { key in try #require(run.stdout.range(of: "\n  \(key): ")).lowerBound }
        #expect(positions == positions.sorted())
        #expect(document["version"] as? Int == 1)
        #expect((document["old"] as? [String: Any])?["path"] as? String == "old.json")
        #expect((document["new"] as? [String: Any])?["name"] as? String == "shop")
        let entities = try #require(document["entities"] as? [String: Any])
        let added = try #require(entities["added"] as? [[String: Any]])
        #expect(added.count == 1)
        #expect(added.first?["id"] as? String == "db-password")
        #expect(added.first?["kind"] as? String == "secret")
        #expect((added.first?["location"] as? [String: Any])?["line"] as? Int == 8)
        let findings = try #require(document["findings"] as? [String: Any])
        let introduced = try #require(findings["introduced"] as? [[String: Any]])
        #expect(introduced.map { $0["ruleId"] as? String } == ["secret-in-source"])
        #expect(introduced.first?["entity"] as? String == "db-password")
        #expect(introduced.first?["field"] as? String == "storage")
        #expect(introduced.first?["waived"] == nil)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["added"] as? Int == 1)
        #expect(summary["introduced"] as? Int == 1)
        #expect((summary["introducedBySeverity"] as? [String: Int]) == ["error": 1, "warning": 0, "note": 0])
    }

    @Test func outputIsDeterministic() {
        for format in ["text", "json"] {
            let first = runCLI(["diff", "--format", format, "--fail-on", "never", "inventories/classroom7.json", "inventories/learn-ide.json"])
            let second = runCLI(["diff", "--format", format, "--fail-on", "never", "inventories/classroom7.json", "inventories/learn-ide.json"])
            #expect(first.code == 0)
            #expect(!first.stdout.isEmpty)
            #expect(first.stdout == second.stdout)
        }
    }

    // MARK: --git

    /// Runs git in `directory`; the test fails when git does.
    @discardableResult
    static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=infractl tests", "-c", "user.email=tests@example.com",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")): \(text)")
        return text
    }

    @Test func gitRevisionAgainstTheWorkingTree() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        try directory.write("inventories/classroom7.json", original)
        try Self.git(["init", "-q"], in: directory.path)
        try Self.git(["add", "."], in: directory.path)
        try Self.git(["commit", "-q", "-m", "first"], in: directory.path)
        let changed = try Self.replacing(original, "\"protocol\": \"http\",\n          \"tls\": false", with: "\"protocol\": \"https\",\n          \"tls\": true")
        try directory.write("inventories/classroom7.json", changed)

        let run = runCLI(["diff", "--git", "HEAD", "inventories/classroom7.json"], directory: directory.path)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("inventories/classroom7.json:184:18: ~ service 'rails-production' dependsOn[target=couchdb-cloudant].tls: false -> true\n"))
        #expect(run.stdout.contains("HEAD:inventories/classroom7.json:184:18: error: 'couchdb-cloudant' is reached over plain http"))
        #expect(run.stdout.hasSuffix("HEAD:inventories/classroom7.json -> inventories/classroom7.json: 0 entities added, 0 removed, 1 changed (2 field changes); 0 findings introduced, 1 resolved\n"))

        // From a subdirectory, the path is relative to it, as for every other command.
        let nested = runCLI(["diff", "--git", "HEAD", "classroom7.json"], directory: directory.path + "/inventories")
        #expect(nested.code == 0, "\(nested.stderr)")
        #expect(nested.stdout.contains("classroom7.json:184:18: ~ service 'rails-production' dependsOn[target=couchdb-cloudant].tls"))

        // Committed: nothing differs.
        try Self.git(["commit", "-q", "-am", "couch over tls"], in: directory.path)
        let same = runCLI(["diff", "--git", "HEAD", "inventories/classroom7.json"], directory: directory.path)
        #expect(same.stdout == "HEAD:inventories/classroom7.json -> inventories/classroom7.json: no differences\n")
        let previous = runCLI(["diff", "--git", "HEAD~1", "inventories/classroom7.json"], directory: directory.path)
        #expect(previous.stdout.contains("1 resolved"))
    }

    @Test func gitFailuresExitTwoWithAReason() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.json", minimalInventory)
        // Not a repository.
        let outside = runCLI(["diff", "--git", "HEAD", "a.json"], directory: directory.path)
        #expect(outside.code == 2)
        #expect(outside.stderr.hasPrefix("HEAD:a.json: error: cannot read: git show failed: "))
        #expect(outside.stderr.split(separator: "\n").count == 1)

        try Self.git(["init", "-q"], in: directory.path)
        try Self.git(["add", "a.json"], in: directory.path)
        try Self.git(["commit", "-q", "-m", "first"], in: directory.path)
        try directory.write("b.json", minimalInventory)
        let untracked = runCLI(["diff", "--git", "HEAD", "b.json"], directory: directory.path)
        #expect(untracked.code == 2)
        #expect(untracked.stderr.hasPrefix("HEAD:b.json: error: cannot read: git show failed: "))
        #expect(untracked.stderr.contains("b.json"))
        let badRevision = runCLI(["diff", "--git", "no-such-branch", "a.json"], directory: directory.path)
        #expect(badRevision.code == 2)
        #expect(badRevision.stderr.hasPrefix("no-such-branch:a.json: error: cannot read: git show failed: "))
        let missing = runCLI(["diff", "--git", "HEAD", "gone.json"], directory: directory.path)
        #expect(missing.code == 2)
        #expect(missing.stderr == "gone.json: error: cannot read: no such file or directory\n")
        let option = runCLI(["diff", "--git", "--output=x", "a.json"], directory: directory.path)
        #expect(option.code == 2)
        #expect(option.stderr.hasPrefix("error: '--git' needs a revision such as HEAD or main, found '--output=x'"))
        let two = runCLI(["diff", "--git", "HEAD", "a.json", "b.json"], directory: directory.path)
        #expect(two.code == 2)
        #expect(two.stderr.hasPrefix("error: diff --git needs exactly one PATH, found 2"))
    }
}

@Suite("infractl diff: topology consequences")
struct DiffTopologyTests {
    @Test func losingAnEtcdVoterShowsTheNewSinglePointsOfFailureAndTheLostMargin() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/impero-paas.json", encoding: .utf8)
        try directory.write("old.json", original)
        // Drop the third voter of the production etcd cluster.
        let marker = "\"id\": \"prd-etcd\""
        let start = try #require(original.range(of: marker))
        let third = try #require(original.range(of: "\"host\": \"prd-deis-node-3\"", range: start.upperBound..<original.endIndex))
        let open = try #require(original.range(of: "{", options: .backwards, range: start.upperBound..<third.lowerBound))
        let close = try #require(original.range(of: "}", range: third.upperBound..<original.endIndex))
        let comma = try #require(original.range(of: ",", options: .backwards, range: start.upperBound..<open.lowerBound))
        var changed = original
        changed.removeSubrange(comma.lowerBound..<close.upperBound)
        try directory.write("new.json", changed)

        let run = runCLI(["diff", "--as-of", "2026-11-23", "old.json", "new.json"], directory: directory.path)
        #expect(run.code == 1)
        #expect(run.stdout.contains("topology consequences:\n"))
        #expect(run.stdout.contains("! cluster 'prd-etcd' quorum: 3 voters tolerate 1 -> 2 voters tolerate 0"))
        #expect(run.stdout.contains("! if host 'prd-deis-node-1' fails, production services down or impaired: "))
        let json = runCLI(["diff", "--format", "json", "--as-of", "2026-11-23", "old.json", "new.json"], directory: directory.path)
        #expect(json.stdout.contains("\"topology\": {"))
        #expect(json.stdout.contains("\"cluster\": \"prd-etcd\""))
    }

    @Test func aChangeWithoutTopologyEffectPrintsNoSection() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        try directory.write("old.json", original)
        try directory.write("new.json", original.replacingOccurrences(of: "\"tls\": false", with: "\"tls\": true"))
        let run = runCLI(["diff", "--as-of", "2026-11-23", "old.json", "new.json"], directory: directory.path)
        #expect(!run.stdout.contains("topology consequences"))
    }
}

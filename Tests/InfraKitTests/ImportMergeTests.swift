import Foundation
import Testing
import InfraKit
@testable import InfraOutput

/// `import --into` and `import --check`, and the acceptance run of issue 24: a real-shaped AWS
/// estate imported, validated, edited by hand, imported again, and checked for drift.
@Suite struct ImportMergeTests {
    let estate = importFixture("terraform-aws-estate.json")

    /// The estate's state with the resources whose address is in `removed` left out.
    private func estate(without removed: Set<String>, in directory: TemporaryDirectory) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + estate))
        var state = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var values = try #require(state["values"] as? [String: Any])
        var module = try #require(values["root_module"] as? [String: Any])
        let resources = try #require(module["resources"] as? [[String: Any]])
        module["resources"] = resources.filter { !removed.contains($0["address"] as? String ?? "") }
        values["root_module"] = module
        state["values"] = values
        let text = try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys])
        return try directory.write("state-changed.json", String(decoding: text, as: UTF8.self))
    }

    @Test func test_importedEstateValidatesWithNoStructuralFindingsAndTheRightRuleFindings() throws {
        let directory = try TemporaryDirectory()
        let inventory = directory.path + "/estate.json"
        #expect(runCLI(["import", "terraform", estate, "--output", inventory]).code == 0)
        let text = try String(contentsOfFile: inventory, encoding: .utf8)
        #expect(try decode(text).findings.isEmpty)
        let validate = runCLI(["validate", inventory])
        #expect(validate.code == 1)
        #expect(validate.stdout.contains("datastore 'aws_db_instance.reporting' has no recorded backup [datastore-without-backup]"))
        #expect(!validate.stdout.contains("datastore 'aws_db_instance.main' has no recorded backup"))
        #expect(validate.stdout.contains("backup 'aws_db_instance.main.automated-snapshots' keeps its copies in 'aws-eu-west-1', the same failure domain"))
        #expect(!validate.stdout.contains("backup 'aws_backup_plan.daily.daily.copy' keeps its copies"))
        #expect(!validate.stdout.contains("load-balancer-without-health-check"))
        #expect(!validate.stdout.contains("credential-literal"))
    }

    @Test func test_reimportAfterAHandEditKeepsTheEdit() throws {
        let directory = try TemporaryDirectory()
        let inventory = directory.path + "/estate.json"
        #expect(runCLI(["import", "terraform", estate, "--output", inventory]).code == 0)
        var text = try String(contentsOfFile: inventory, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"id\": \"aws_db_instance.main\",", with: """
            "id": "aws_db_instance.main",
                  "description": "orders and customers",
                  "objectives": {"rpo": "1h", "rto": "4h"},
            """)
        text = text.replacingOccurrences(of: "\"hosts\": [", with: """
            "hosts": [
                {"id": "bastion", "environment": "production", "provider": "aws-eu-west-1", "managedBy": "manual"},
            """)
        try directory.write("estate.json", text)
        let again = runCLI(["import", "terraform", estate, "--into", inventory])
        #expect(again.code == 0, "\(again.stderr)")
        let merged = try String(contentsOfFile: inventory, encoding: .utf8)
        #expect(merged.contains("\"description\": \"orders and customers\""))
        #expect(merged.contains("\"rpo\": \"1h\""))
        #expect(merged.contains("\"id\": \"bastion\""))
        #expect(try decode(merged).findings.isEmpty)
        #expect(runCLI(["import", "terraform", estate, "--check", inventory]).code == 0)
        // Importing the same input once more changes nothing.
        #expect(runCLI(["import", "terraform", estate, "--into", inventory]).code == 0)
        #expect(try String(contentsOfFile: inventory, encoding: .utf8) == merged)
    }

    @Test func test_reimportWritesTheSourcesValueOverAnImportedFieldAndSaysSo() throws {
        let directory = try TemporaryDirectory()
        let inventory = directory.path + "/estate.json"
        #expect(runCLI(["import", "terraform", estate, "--output", inventory]).code == 0)
        let text = try String(contentsOfFile: inventory, encoding: .utf8)
        try directory.write("estate.json", text.replacingOccurrences(of: "\"zone\": \"eu-west-1a\"", with: "\"zone\": \"eu-west-1c\""))
        let again = runCLI(["import", "terraform", estate, "--into", inventory])
        #expect(again.stderr.contains("'aws_instance.web_a.zone': the inventory had \"eu-west-1c\", the terraform input has \"eu-west-1a\""))
        #expect(try String(contentsOfFile: inventory, encoding: .utf8) == text)
    }

    @Test func test_anEntityWithoutSourceIsThePersonsAndNeverReplaced() throws {
        let directory = try TemporaryDirectory()
        let inventory = try directory.write("inventory.json", """
            {"infractl": 2, "name": "shop", "environments": [{"id": "production", "kind": "production"}],
             "providers": [{"id": "aws-eu-west-1", "kind": "aws", "region": "eu-west-1", "description": "ours"}],
             "hosts": [{"id": "aws_instance.web_a", "environment": "production", "provider": "aws-eu-west-1", "zone": "eu-west-1c"}]}
            """)
        let run = runCLI(["import", "terraform", estate, "--into", inventory])
        #expect(run.stderr.contains("'aws_instance.web_a' is written by hand"))
        let merged = try String(contentsOfFile: inventory, encoding: .utf8)
        #expect(merged.contains("\"zone\": \"eu-west-1c\""))
        #expect(merged.contains("\"description\": \"ours\""))
        #expect(merged.contains("\"id\": \"aws_instance.web_b\""))
        #expect(try decode(merged).findings.isEmpty)
    }

    @Test func test_checkExitsOneOnARemovedInstanceAndZeroWhenInStep() throws {
        let directory = try TemporaryDirectory()
        let inventory = directory.path + "/estate.json"
        #expect(runCLI(["import", "terraform", estate, "--output", inventory]).code == 0)
        let unchanged = runCLI(["import", "terraform", estate, "--check", inventory])
        #expect(unchanged.code == 0)
        #expect(unchanged.stdout.hasPrefix("in step"))
        let changed = try estate(without: ["aws_instance.web_b", "aws_lb_target_group_attachment.web[1]"], in: directory)
        let drift = runCLI(["import", "terraform", changed, "--check", inventory])
        #expect(drift.code == 1)
        #expect(drift.stdout.contains("gone: host 'aws_instance.web_b' (terraform:aws_instance.web_b) is in the inventory but no longer in the source"))
        #expect(drift.stdout.contains("differs: 'aws_lb_target_group.web.runsOn'"))
        // The other way round: the instance is in the source but not in the inventory.
        let smaller = directory.path + "/smaller.json"
        #expect(runCLI(["import", "terraform", changed, "--output", smaller]).code == 0)
        let missing = runCLI(["import", "terraform", estate, "--check", smaller])
        #expect(missing.code == 1)
        #expect(missing.stdout.contains("missing: host 'aws_instance.web_b' (terraform:aws_instance.web_b) is in the source but not in the inventory"))
    }

    @Test func test_checkStartsEachLineWithOurWordsAndShowsInventoryTextEscaped() {
        let renderer = ImportReportRenderer(source: "terraform")
        let drift = renderer.drift([("gone", "host 'a\u{1B}[31m' is in the inventory but no longer in the source")], inventory: "::error::x.json")
        #expect(drift == """
            gone: host 'a\\u{1B}[31m' is in the inventory but no longer in the source
            1 difference(s) between '::error::x.json' and the terraform input; 'infractl import terraform --into ::error::x.json ...' writes the input's side

            """)
        #expect(renderer.drift([], inventory: "in\u{202E}.json") == "in step: 'in\\u{202E}.json' holds what the terraform input says\n")
    }

    @Test func test_reimportRemovesWhatTheSourceNoLongerHas() throws {
        let directory = try TemporaryDirectory()
        let inventory = directory.path + "/estate.json"
        #expect(runCLI(["import", "terraform", estate, "--output", inventory]).code == 0)
        let changed = try estate(without: ["aws_instance.web_b", "aws_lb_target_group_attachment.web[1]"], in: directory)
        let run = runCLI(["import", "terraform", changed, "--into", inventory])
        #expect(run.stderr.contains("removed host 'aws_instance.web_b'"))
        let merged = try String(contentsOfFile: inventory, encoding: .utf8)
        #expect(!merged.contains("\"id\": \"aws_instance.web_b\""))
        #expect(try decode(merged).findings.isEmpty)
    }

    @Test func test_neverWritesOverAnInputAndRefusesConflictingModes() throws {
        let directory = try TemporaryDirectory()
        let state = try directory.write("state.json", try String(contentsOfFile: repositoryRoot + "/" + estate, encoding: .utf8))
        let over = runCLI(["import", "terraform", state, "--output", state])
        #expect(over.code == 2)
        #expect(over.stderr.contains("would write over the input"))
        #expect(try String(contentsOfFile: state, encoding: .utf8).contains("\"format_version\""))
        #expect(runCLI(["import", "terraform", state, "--check", state, "--into", state]).code == 2)
        #expect(runCLI(["import", "terraform"]).code == 2)
        #expect(runCLI(["import", "terraform", state, "--into", "-"]).stderr.contains("cannot be written back"))
        #expect(runCLI(["import", "terraform", "-", "--check", "-"]).code == 2)
    }

    @Test func test_helpDescribesSourcesAndTheMergeRule() {
        let help = runCLI(["import", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.contains("terraform show -json"))
        #expect(help.stdout.contains("ansible-inventory --list"))
        #expect(help.stdout.contains("--into <inventory>"))
        #expect(help.stdout.contains("--check <inventory>"))
        #expect(runCLI(["--help"]).stdout.contains("import"))
    }

    @Test func test_inputsAreBoundedWhileRead() {
        let run = runCLI(["import", "terraform", estate, "--max-file-size", "1000"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("larger than the 1000-byte limit"))
    }
}

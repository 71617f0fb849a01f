import Foundation
import Testing
import InfraKit

/// `infractl init`: the starter passes validate as the snippets run it, nothing is overwritten
/// without --force, and the pre-commit snippet names a hook this repository defines.
@Suite struct InitCommandTests {
    @Test func test_starterPassesValidateAsEverySnippetRunsIt() throws {
        let directory = try TemporaryDirectory()
        let run = runCLI(["init", "--name", "shop", "--as-of", "2026-12-01", "--infractl-git", "https://git.example.com/infractl.git", directory.path])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote   \(directory.path)/inventories/shop.json"))
        let strict = runCLI(["validate", "--fail-on", "note", "--as-of", "2026-12-01", "inventories/"], directory: directory.path)
        #expect(strict.code == 0, "\(strict.stdout)")
        #expect(strict.stdout.contains("0 errors, 0 warnings, 0 notes"))
        for snippet in [".github/workflows/infractl.yml", ".gitlab/infractl.gitlab-ci.yml"] {
            let text = try String(contentsOfFile: directory.path + "/" + snippet, encoding: .utf8)
            #expect(text.contains("https://git.example.com/infractl.git"))
            let line = try #require(text.split(separator: "\n").first { $0.contains("infractl validate") })
            let arguments = line.split(separator: "infractl ", maxSplits: 1)[1].split(separator: " ").map(String.init)
            let validate = runCLI(arguments + ["--as-of", "2026-12-01"], directory: directory.path)
            #expect(validate.code == 0, "\(snippet): \(validate.stdout)")
        }
    }

    @Test func test_existingFilesAreKeptUnlessForced() throws {
        let directory = try TemporaryDirectory()
        let mine = try directory.write(".infractl.json", "{\"asOf\": \"2026-01-01\"}\n")
        let run = runCLI(["init", "--as-of", "2026-12-01", directory.path])
        #expect(run.code == 0)
        #expect(run.stdout.contains("kept    \(directory.path)/.infractl.json"))
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "{\"asOf\": \"2026-01-01\"}\n")
        #expect(runCLI(["init", "--force", "--as-of", "2026-12-01", directory.path]).code == 0)
        #expect(try String(contentsOfFile: mine, encoding: .utf8).contains("thresholds"))
    }

    @Test func test_starterIsDeterministicAndNamedAfterTheDirectory() throws {
        let directory = try TemporaryDirectory()
        let target = directory.path + "/Acme Payments"
        #expect(runCLI(["init", "--as-of", "2026-12-01", target]).code == 0)
        let first = try String(contentsOfFile: target + "/inventories/acme-payments.json", encoding: .utf8)
        #expect(first.contains("\"name\": \"acme-payments\""))
        #expect(first.contains("\"testedOn\": \"2026-12-01\""))
        #expect(runCLI(["init", "--force", "--as-of", "2026-12-01", target]).code == 0)
        #expect(try String(contentsOfFile: target + "/inventories/acme-payments.json", encoding: .utf8) == first)
    }

    @Test func test_preCommitSnippetNamesAHookThisRepositoryDefines() throws {
        let hooks = try String(contentsOfFile: repositoryRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(hooks.contains("- id: infractl-validate\n"))
        #expect(hooks.contains("- id: infractl-validate-system\n"))
        #expect(hooks.contains("entry: infractl validate"))
        let directory = try TemporaryDirectory()
        #expect(runCLI(["init", directory.path]).code == 0)
        let config = try String(contentsOfFile: directory.path + "/.pre-commit-config.yaml", encoding: .utf8)
        #expect(config.contains("- id: infractl-validate\n"))
    }

    @Test func test_aDirectoryNameIsShownEscapedAfterOurWords() throws {
        let directory = try TemporaryDirectory()
        let run = runCLI(["init", "--as-of", "2026-12-01", directory.path + "/odd\u{1B}]0;x\u{07}"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        #expect(run.stdout.contains("/odd\\u{1B}]0;x\\u{7}/.infractl.json\n"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("wrote   ") || $0.hasPrefix("next: ") })
    }

    @Test func test_helpListsWhatInitWrites() {
        let help = runCLI(["init", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.contains(".pre-commit-config.yaml"))
        #expect(runCLI(["init", "a", "b"]).code == 2)
    }
}

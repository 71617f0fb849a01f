import Foundation
import Testing
@testable import InfraRules
@testable import InfraOutput
@testable import InfraCLI

/// Short flags, `--quiet`, `--no-color`, shell completions and the man page, all from the
/// definitions `--help` prints.
@Suite("Command-line habits")
struct CommandLineHabitsTests {
    @Test func shortFlagsMeanTheirLongOptions() throws {
        let directory = try TemporaryDirectory()
        let long = runCLI(["validate", "--as-of", "2026-11-23", "--format", "json", "--output", directory.path + "/long.json", "inventories/learn-ide.json"])
        let short = runCLI(["validate", "--as-of", "2026-11-23", "-f", "json", "-o", directory.path + "/short.json", "inventories/learn-ide.json"])
        #expect(long.code == 1 && short.code == 1)
        let written = try String(contentsOfFile: directory.path + "/short.json", encoding: .utf8)
        #expect(written == (try String(contentsOfFile: directory.path + "/long.json", encoding: .utf8)))
        #expect(written.contains("\"findings\""))
        #expect(runCLI(["validate", "-h"]).stdout == runCLI(["validate", "--help"]).stdout)
        #expect(runCLI(["-h"]).stdout == runCLI(["--help"]).stdout)
        #expect(runCLI(["-V"]).stdout == "infractl \(InfraKitVersion.current)\n")
        #expect(runCLI(["validate", "--help"]).stdout.contains("  -f, --format <format>"))
        // A short flag is an option like its long one: a wrong value is refused the same way.
        let wrong = runCLI(["validate", "-f", "xml", "x.json"])
        #expect(wrong.code == 2)
        #expect(wrong.stderr.hasPrefix("error: invalid value 'xml' for '--format'"))
    }

    @Test func quietPrintsOnlyTheFindings() {
        let run = runCLI(["validate", "--as-of", "2026-11-23", "-q", "inventories/classroom7.json"])
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 33)
        #expect(lines.allSatisfy { $0.wholeMatch(of: /inventories\/classroom7\.json:\d+:\d+: (error|warning|note): .* \[[a-z-]+\]/) != nil })
        #expect(run.stderr.isEmpty)
        let loud = runCLI(["validate", "--as-of", "2026-11-23", "inventories/classroom7.json"])
        #expect(loud.stdout.hasPrefix(run.stdout) && loud.stdout.count > run.stdout.count)
    }

    @Test func noColorIsColorNever() {
        let never = runCLI(["validate", "--as-of", "2026-11-23", "--color", "never", "inventories/learn-ide.json"])
        let alias = runCLI(["validate", "--as-of", "2026-11-23", "--no-color", "inventories/learn-ide.json"])
        let always = runCLI(["validate", "--as-of", "2026-11-23", "--color", "always", "inventories/learn-ide.json"])
        #expect(alias.stdout == never.stdout)
        #expect(!alias.stdout.contains("\u{1B}["))
        #expect(always.stdout.contains("\u{1B}["))
        let both = runCLI(["validate", "--no-color", "--color", "always", "inventories/learn-ide.json"])
        #expect(both.code == 2)
        #expect(both.stderr.hasPrefix("error: option '--color' given more than once"))
        #expect(runCLI(["report", "--help"]).stdout.contains("  --no-color              Same as --color never\n"))
    }

    @Test(arguments: CommandName.allCases)
    func everyCommandHasHelp(_ command: CommandName) {
        let run = runCLI([command.rawValue, "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: \(command.type.configuration.abstract)\n"))
        #expect(run.stdout.contains("  -h, --help              Show this help\n"))
    }

    /// Every command and every option of every command, as each artifact should name it.
    static var everyOption: [(command: String, option: OptionSpec)] {
        CLI.commands.flatMap { command in command.configuration.allOptions.map { (command.configuration.name, $0) } }
    }

    @Test func completionsNameEveryCommandAndOption() throws {
        let bash = runCLI(["completions", "bash"])
        let zsh = runCLI(["completions", "zsh"])
        let fish = runCLI(["completions", "fish"])
        #expect(bash.code == 0 && zsh.code == 0 && fish.code == 0)
        for (command, option) in Self.everyOption {
            #expect(bash.stdout.contains("    \(command))\n"), "bash: \(command)")
            #expect(bash.stdout.contains(option.name), "bash: \(command) \(option.name)")
            #expect(zsh.stdout.contains("'\(option.repeatable ? "*" : "")\(option.name)["), "zsh: \(command) \(option.name)")
            #expect(fish.stdout.contains("__fish_seen_subcommand_from \(command)\" -l \(option.name.dropFirst(2))"), "fish: \(command) \(option.name)")
            if let allowed = option.allowed {
                #expect(bash.stdout.contains(allowed.joined(separator: " ")), "bash: values of \(option.name)")
            }
        }
        #expect(bash.stdout.contains("complete -o filenames -F _infractl infractl\n"))
        #expect(bash.stdout.contains("compgen -W \"bash zsh fish\""))
        #expect(zsh.stdout.contains("'1:argument:(bash zsh fish)'"))
        #expect(fish.stdout.contains("-a \"bash zsh fish\""))
        #expect(bash.stdout.contains("secret-in-source"), "explain completes rule ids")
        // Every rule id once, structural checks first, as `infractl rules` lists them.
        let explainWords = try #require(ExplainCommand.configuration.argumentWords)
        #expect(explainWords == RuleCatalog.descriptions.map { $0.identifier })
        #expect(Set(explainWords).count == explainWords.count, "a rule id offered twice")
        #expect(zsh.stdout.hasPrefix("#compdef infractl\n"))
        for shell in ["bash", "zsh", "fish"] {
            guard let path = ["/bin/", "/usr/bin/"].map({ $0 + shell }).first(where: FileManager.default.isExecutableFile(atPath:)) else { continue }
            let directory = try TemporaryDirectory()
            let script = try directory.write("completion", runCLI(["completions", shell]).stdout)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = shell == "fish" ? ["--no-execute", script] : ["-n", script]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(shell) -n refuses the script")
        }
        let unknown = runCLI(["completions", "tcsh"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.hasPrefix("error: unknown shell 'tcsh'"))
    }

    /// Text a medium would read as its own syntax: a roff request at a line's start, zsh's spec
    /// syntax and quote, fish's `$` and `"`.
    @Test func eachArtifactEscapesWhatItsMediumReads() {
        let command = CommandConfiguration(name: "odd", abstract: "it's [odd]: \"$HOME\"", usage: "infractl odd",
                                           discussion: ".not a request\n'nor this — dash", arguments: [],
                                           options: [.flag("--loud", "say [it]: 'loud'")])
        #expect(ManPageRenderer.page([command]).contains("\n\\&.not a request\n\\&'nor this \\[u2014] dash\n"))
        let zsh = CompletionsRenderer([command]).script(for: .zsh)
        #expect(zsh.contains("    'odd:it'\\''s \\[odd\\]\\: \"$HOME\"'\n"))
        #expect(zsh.contains("        '--loud[say \\[it\\]\\: '\\''loud'\\'']' \\\n"))
        #expect(CompletionsRenderer([command]).script(for: .fish).contains("-a odd -d \"it's [odd]: \\\"\\$HOME\\\"\"\n"))
    }

    @Test func theManPageHasEveryCommandAndOption() throws {
        let run = runCLI(["man"])
        #expect(run.code == 0)
        let page = run.stdout
        #expect(page.hasPrefix(".TH INFRACTL 1 \"\" \"infractl \(InfraKitVersion.current)\" \"User Commands\"\n"))
        for (command, option) in Self.everyOption {
            #expect(page.contains(".SS \(RoffText.line(command))\n"))
            #expect(page.contains(".B \(RoffText.line(option.synopsis))\n"), "\(command) \(option.name)")
        }
        #expect(page == runCLI(["man"]).stdout, "the page has no date: the same on every run")
        // Nothing would read as a roff request: every line is ours or starts with text.
        for line in page.split(separator: "\n") where line.hasPrefix(".") {
            #expect([".TH", ".SH", ".SS", ".PP", ".TP", ".B", ".I"].contains(String(line.prefix { $0 != " " })), "\(line)")
        }
        #expect(page.unicodeScalars.allSatisfy { $0.isASCII }, "characters beyond ASCII are escaped")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            let directory = try TemporaryDirectory()
            let file = try directory.write("infractl.1", page)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
            process.arguments = ["-man", "-ww", "-z", file]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0 && warnings.isEmpty, "\(warnings)")
        }
    }
}

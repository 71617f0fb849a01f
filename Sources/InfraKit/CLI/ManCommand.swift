import InfraJSON
import InfraOutput

/// `infractl man`: the manual page (roff, section 1), generated from the same command and option
/// definitions as `--help`. `infractl man | man -l -` reads it; `infractl man > infractl.1` installs it.
struct ManCommand: Command {
    static let configuration = CommandConfiguration(
        name: "man",
        abstract: "Print the manual page (roff), generated from the same definitions as --help",
        usage: "infractl man [--output FILE]",
        discussion: "Read it with 'infractl man | man -l -', or install it: 'infractl man -o /usr/local/share/man/man1/infractl.1'.",
        arguments: [],
        options: [
            .option("--output", "file", "Write the page to FILE (atomically) instead of standard output", short: "-o"),
        ]
    )

    let outputPath: String?

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("man takes no arguments", usage: Self.configuration.usage)
        }
        outputPath = arguments.value("--output")
    }

    func run(_ context: CommandContext) -> Int32 {
        let text = Self.page()
        return context.emit(text, toFile: outputPath) ? 0 : ToolError.exitCode
    }

    /// The whole page. No date in the header: the page is the same on every run.
    static func page() -> String {
        var page = ".TH INFRACTL 1 \"\" \"infractl \(InfraKitVersion.current)\" \"User Commands\"\n"
        page += ".SH NAME\ninfractl \\- check declarative infrastructure inventories\n"
        page += ".SH SYNOPSIS\n.B infractl\n\(roff(CLI.usage.dropFirst("infractl ".count).description))\n"
        page += ".SH DESCRIPTION\n"
        page += paragraphs("infractl checks declarative infrastructure inventories: hosts, clusters, services, datastores, backups, "
            + "monitors, pipelines, jobs, secrets and DNS, described in JSON. The inventory format is documented in docs/format.md.")
        page += ".SH OPTIONS\n.TP\n.B \\-h, \\-\\-help\nShow this help.\n.TP\n.B \\-V, \\-\\-version\nShow the version.\n"
        page += ".SH COMMANDS\n"
        for command in CLI.commands.map({ $0.configuration }) {
            page += ".SS \(roff(command.name))\n\(roff(command.abstract)).\n.PP\n.B \(roff(command.usage))\n"
            if !command.discussion.isEmpty { page += paragraphs(command.discussion) }
            for (name, help) in command.arguments {
                page += ".TP\n.I \(roff(name))\n\(roff(help))\n"
            }
            for option in command.allOptions {
                page += ".TP\n.B \(roff(option.synopsis))\n\(roff(option.fullHelp))\n"
                for alias in option.aliases {
                    page += ".TP\n.B \(roff(alias.name))\n\(roff("Same as \(option.name)" + (alias.value.map { " \($0)" } ?? "")))\n"
                }
            }
        }
        page += ".SH EXIT STATUS\n0 nothing at or above \\-\\-fail\\-on; 1 findings at or above it; 2 the command could not do its job.\n"
        page += ".SH SEE ALSO\nThe README of the project, docs/format.md, and 'infractl COMMAND \\-\\-help'.\n"
        return page
    }

    /// Discussion text: a blank line starts a paragraph; each line is escaped.
    private static func paragraphs(_ text: String) -> String {
        var output = ".PP\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            output += line.trimmingPrefix(" ").isEmpty ? ".PP\n" : roff(String(line)) + "\n"
        }
        return output
    }

    /// Text for one roff line: `\` and `-` escaped, characters beyond ASCII written `\[u2014]`,
    /// and a line that would start with `.` or `'` (a request) begins with a zero-width `\&`.
    static func roff(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\e"
            case "-": output += "\\-"
            case _ where !scalar.isASCII:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: output.unicodeScalars.append(scalar)
            }
        }
        if output.hasPrefix(".") || output.hasPrefix("'") { output = "\\&" + output }
        return output
    }
}

/// What `infractl man` prints: the manual page (roff, section 1), from the same command
/// configurations as `--help`. No date in the header: the page is the same on every run.
package enum ManPageRenderer {
    package static func page(_ commands: [CommandConfiguration]) -> String {
        var page = ".TH INFRACTL 1 \"\" \"infractl \(InfraKitVersion.current)\" \"User Commands\"\n"
        page += ".SH NAME\ninfractl \\- check declarative infrastructure inventories\n"
        page += ".SH SYNOPSIS\n.B infractl\n\(RoffText.line(HelpRenderer.toolUsage.dropFirst("infractl ".count).description))\n"
        page += ".SH DESCRIPTION\n" + paragraphs(HelpRenderer.toolDescription.split(separator: "\n").joined(separator: " "))
        page += ".SH OPTIONS\n" + HelpRenderer.toolOptions.map { ".TP\n.B \(RoffText.line($0))\n\($1).\n" }.joined()
        page += ".SH COMMANDS\n"
        for command in commands { page += section(command) }
        page += ".SH EXIT STATUS\n0 nothing at or above \\-\\-fail\\-on; 1 findings at or above it; 2 the command could not do its job.\n"
        page += ".SH SEE ALSO\nThe README of the project, docs/format.md, and 'infractl COMMAND \\-\\-help'.\n"
        return page
    }

    /// One command: its abstract, usage, discussion, arguments and options.
    private static func section(_ command: CommandConfiguration) -> String {
        var text = ".SS \(RoffText.line(command.name))\n\(RoffText.line(command.abstract)).\n.PP\n.B \(RoffText.line(command.usage))\n"
        if !command.discussion.isEmpty { text += paragraphs(command.discussion) }
        for (name, help) in command.arguments {
            text += ".TP\n.I \(RoffText.line(name))\n\(RoffText.line(help))\n"
        }
        for option in command.allOptions {
            text += ".TP\n.B \(RoffText.line(option.synopsis))\n\(RoffText.line(option.fullHelp))\n"
            for alias in option.aliases {
                text += ".TP\n.B \(RoffText.line(alias.name))\n\(RoffText.line(option.aliasHelp(alias)))\n"
            }
        }
        return text
    }

    /// Discussion text: a blank line starts a paragraph; each line is escaped.
    private static func paragraphs(_ text: String) -> String {
        var output = ".PP\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            output += line.trimmingPrefix(" ").isEmpty ? ".PP\n" : RoffText.line(String(line)) + "\n"
        }
        return output
    }
}

/// What `--help` prints: the tool's overview (also on standard error when no command is given)
/// and each command's, from the commands' configurations.
package enum HelpRenderer {
    /// How the tool is called, as `--help`, the man page and usage errors show it.
    package static let toolUsage = "infractl <command> [options] [arguments]"

    /// What infractl is for, wrapped as `--help` shows it; the man page joins the lines.
    static let toolDescription = """
        infractl checks declarative infrastructure inventories: hosts, clusters,
        services, datastores, backups, monitors, pipelines, jobs, secrets and DNS, described
        in JSON. The inventory format is documented in docs/format.md.
        """

    /// The options of the tool itself, before any command.
    static let toolOptions = [("-h, --help", "Show this help"), ("-V, --version", "Show the version")]

    /// `infractl --help`: what the tool is for, every command with its abstract, the tool's options.
    package static func overview(_ commands: [CommandConfiguration]) -> String {
        var text = "OVERVIEW: \(toolDescription)\n\nUSAGE: \(toolUsage)\n\nCOMMANDS:\n"
        for command in commands { text += row(command.name, command.abstract) }
        text += "\nOPTIONS:\n" + toolOptions.map { row($0, $1) }.joined()
        return text + "\nSee 'infractl <command> --help' for a command's options.\n"
    }

    /// `infractl COMMAND --help`: the abstract, usage, discussion, arguments and options.
    package static func help(_ command: CommandConfiguration) -> String {
        var text = "OVERVIEW: \(command.abstract)\n\nUSAGE: \(command.usage)\n"
        if !command.discussion.isEmpty { text += "\n\(command.discussion)\n" }
        if !command.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for (name, help) in command.arguments { text += row(name, help) }
        }
        text += "\nOPTIONS:\n"
        for option in command.allOptions {
            text += row(option.synopsis, option.fullHelp)
            for alias in option.aliases { text += row(alias.name, option.aliasHelp(alias)) }
        }
        return text
    }

    /// A name and its help in two columns; a name too long for the first puts the help below it.
    static func row(_ left: String, _ right: String) -> String {
        let padded = left.count < 24 ? left + String(repeating: " ", count: 24 - left.count) : left + "\n" + String(repeating: " ", count: 26)
        return "  \(padded)\(right)\n"
    }
}

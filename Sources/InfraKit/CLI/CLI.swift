#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command-line entry point: picks the command, parses its arguments, runs it.
public enum CLI {
    /// Every command, in the order `--help` lists them.
    static var commands: [any Command.Type] { CommandName.allCases.map(\.type) }

    static let usage = "infractl <command> [options] [arguments]"

    static var help: String {
        var text = """
        OVERVIEW: infractl checks declarative infrastructure inventories: hosts, clusters,
        services, datastores, backups, monitors, pipelines, jobs, secrets and DNS, described
        in JSON. The inventory format is documented in docs/format.md.

        USAGE: \(usage)

        COMMANDS:

        """
        for command in commands {
            text += CommandConfiguration.row(command.configuration.name, command.configuration.abstract)
        }
        text += """

        OPTIONS:
          --help                  Show this help
          --version               Show the version

        See 'infractl <command> --help' for a command's options.

        """
        return text
    }

    /// Runs `arguments` (the first being the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let rest = Array(arguments.dropFirst())
        guard let name = rest.first else {
            context.stderr.write(help)
            return ToolError.exitCode
        }
        switch name {
        case "--help", "-h", "help":
            if rest.count > 1, let command = commands.first(where: { $0.configuration.name == rest[1] }) {
                context.stdout.write(command.configuration.help)
            } else {
                context.stdout.write(help)
            }
            return 0
        case "--version":
            context.stdout.write("infractl \(InfraKitVersion.current)\n")
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.configuration.name == name }) else {
            let suggestion = Suggestion.clause(for: name, among: commands.map { $0.configuration.name })
            context.stderr.write(TerminalText.path("error: unknown command '\(name)'\(suggestion)") + "\n\nUSAGE: \(usage)\nSee 'infractl --help'.\n")
            return ToolError.exitCode
        }
        do {
            let parsed = try ParsedArguments.parse(Array(rest.dropFirst()), for: command.configuration)
            if parsed.wantsHelp {
                context.stdout.write(command.configuration.help)
                return 0
            }
            return try command.init(parsed).run(context)
        } catch {
            context.stderr.write(error.message + "\n")
            if case .usage(_, let usage) = error {
                context.stderr.write("USAGE: \(usage)\nSee 'infractl \(name) --help'.\n")
            }
            return ToolError.exitCode
        }
    }

    /// Runs with the process's real streams, arguments and environment; for `main.swift`.
    public static func main() -> Int32 {
        let stdout = FileDescriptorSink(descriptor: STDOUT_FILENO)
        let stderr = FileDescriptorSink(descriptor: STDERR_FILENO)
        var context = CommandContext(
            stdout: stdout, stderr: stderr,
            readStandardInput: readStandardInput,
            environment: processEnvironment(),
            stdoutIsTerminal: isatty(STDOUT_FILENO) != 0)
        context.endsProcess = true
        let code = run(CommandLine.arguments, context: context)
        stdout.flush()
        stderr.flush()
        return code
    }

    /// Standard input, read to its end.
    private static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// The process's environment variables (the first of a repeated name wins, as getenv does).
    private static func processEnvironment() -> [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }
}

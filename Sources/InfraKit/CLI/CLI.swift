#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfraJSON
import InfraModel
import InfraOutput

/// The command-line entry point: picks the command, parses its arguments, runs it.
public enum CLI {
    /// Every command, in the order `--help` lists them.
    static var commands: [any Command.Type] { CommandName.allCases.map(\.type) }

    /// Every command's configuration, in the same order: what help, man and completions render.
    static var configurations: [CommandConfiguration] { commands.map { $0.configuration } }

    static var help: String { HelpRenderer.overview(configurations) }

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
                context.stdout.write(HelpRenderer.help(command.configuration))
            } else {
                context.stdout.write(help)
            }
            return 0
        case "--version", "-V":
            context.stdout.write("infractl \(InfraKitVersion.current)\n")
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.configuration.name == name }) else {
            let suggestion = Suggestion.clause(for: name, among: commands.map { $0.configuration.name })
            context.stderr.write(TerminalText.path("error: unknown command '\(name)'\(suggestion)") + "\n\nUSAGE: \(HelpRenderer.toolUsage)\nSee 'infractl --help'.\n")
            return ToolError.exitCode
        }
        do {
            let parsed = try ParsedArguments.parse(Array(rest.dropFirst()), for: command.configuration)
            if parsed.wantsHelp {
                context.stdout.write(HelpRenderer.help(command.configuration))
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
    public static func main() -> Never {
        let stdout = FileDescriptorSink(descriptor: STDOUT_FILENO)
        let stderr = FileDescriptorSink(descriptor: STDERR_FILENO)
        // `CommandLine.arguments` would repair a name that is not UTF-8, and the repaired name
        // names no file: such an argument is refused, shown with its bytes escaped.
        if let bad = argumentsNotUTF8().first {
            stderr.write(UntrustedText.line("error: argument \(bad.position) is not valid UTF-8 ('\(bad.shown)'); infractl cannot name that file: rename it, or pass the directory that holds it") + "\n")
            stderr.flush()
            exit(ToolError.exitCode)
        }
        var context = CommandContext(
            stdout: stdout, stderr: stderr,
            readStandardInput: { limit, maxDepth in readStandardInput(limit: limit, maxDepth: maxDepth) },
            environment: processEnvironment(),
            stdoutIsTerminal: isatty(STDOUT_FILENO) != 0)
        // Never freed: the process exits while it is still held.
        let leftToExit = LeftToExit()
        context.leftToExit = leftToExit
        let code = run(CommandLine.arguments, context: context)
        stdout.flush()
        stderr.flush()
        withExtendedLifetime(leftToExit) { () -> Never in exit(code) }
    }

    /// Standard input, read to its end or to `limit` bytes: never more, so an endless stream
    /// costs no more memory than the limit. The bytes are read straight into one buffer of the
    /// limit's size: pages never written are never touched, so a small input costs a small input,
    /// and nothing is copied as it grows. `JSONStreamCheck` stops the read early once what came so
    /// far cannot begin a valid document (`yes '['` is too deep after a kilobyte); the reader then
    /// reports why, at its place.
    private static func readStandardInput(limit: Int, maxDepth: Int) -> [UInt8] {
        var check = JSONStreamCheck(maxDepth: maxDepth)
        return [UInt8](unsafeUninitializedCapacity: limit) { buffer, filled in
            filled = 0
            guard let base = buffer.baseAddress else { return }
            while filled < limit {
                let count = Glibc.read(STDIN_FILENO, base + filled, min(1 << 20, limit - filled))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return }
                let isValidSoFar = check.read(UnsafeBufferPointer(start: base + filled, count: count))
                filled += count
                if !isValidSoFar { return }
            }
        }
    }

    /// The command-line arguments that are not valid UTF-8: their position and bytes, escaped.
    private static func argumentsNotUTF8() -> [(position: Int, shown: String)] {
        (1..<Int(CommandLine.argc)).compactMap { position in
            guard let pointer = CommandLine.unsafeArgv[position] else { return nil }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            return String(validating: bytes, as: UTF8.self) == nil ? (position, InputFiles.escapedName(bytes)) : nil
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

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
        let page = ManPageRenderer.page(CLI.configurations)
        return context.emit(page, toFile: outputPath) ? 0 : ToolError.exitCode
    }
}

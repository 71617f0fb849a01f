import InfraJSON
import InfraModel
import InfraOutput

/// `infractl completions bash|zsh|fish`: a shell completion script, generated from the same
/// command and option definitions as `--help`, so it never lists an option that does not exist.
struct CompletionsCommand: Command {
    typealias Shell = CompletionsRenderer.Shell

    static let configuration = CommandConfiguration(
        name: "completions",
        abstract: "Print a shell completion script (bash, zsh or fish)",
        usage: "infractl completions bash|zsh|fish",
        discussion: """
        bash:  infractl completions bash > ~/.local/share/bash-completion/completions/infractl
        zsh:   infractl completions zsh > "${fpath[1]}/_infractl"
        fish:  infractl completions fish > ~/.config/fish/completions/infractl.fish
        """,
        arguments: [("SHELL", "bash, zsh or fish")],
        options: [],
        argumentWords: Shell.allCases.map(\.rawValue)
    )

    let shell: Shell

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard arguments.positionals.count == 1, let name = arguments.positionals.first else {
            throw .usage("completions needs one SHELL: bash, zsh or fish", usage: usage)
        }
        guard let shell = Shell(rawValue: name) else {
            throw .usage("unknown shell '\(name)'\(Suggestion.clause(for: name, among: Shell.allCases.map(\.rawValue))); expected bash, zsh or fish", usage: usage)
        }
        self.shell = shell
    }

    func run(_ context: CommandContext) -> Int32 {
        context.stdout.write(CompletionsRenderer(CLI.configurations).script(for: shell))
        return 0
    }
}

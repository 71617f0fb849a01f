import InfraJSON
import InfraModel
import InfraOutput

/// One subcommand: a static configuration (its `--help`) and a `run` that returns the exit code.
protocol Command {
    static var configuration: CommandConfiguration { get }
    init(_ arguments: ParsedArguments) throws(ToolError)
    func run(_ context: CommandContext) -> Int32
}

/// The threshold for exit code 1.
enum FailOn: String, CaseIterable {
    case error, warning, note, never

    /// The lowest severity that fails; nil for `never`.
    var lowestFailing: Severity? {
        switch self {
        case .never: nil
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }

    func fails(_ findings: [Finding]) -> Bool {
        switch self {
        case .never: false
        case .error: findings.contains { $0.severity >= .error }
        case .warning: findings.contains { $0.severity >= .warning }
        case .note: !findings.isEmpty
        }
    }
}

/// The registry of commands: an exhaustive switch, so a listed command without a type does not compile.
enum CommandName: String, CaseIterable {
    case validate, report, diff, simulate
    case blastRadius = "blast-radius"
    case rules, explain, schema
    case docs
    case config, completions, man
    case `import`, migrate
    case initialize = "init"

    var type: any Command.Type {
        switch self {
        case .validate: ValidateCommand.self
        case .report: ReportCommand.self
        case .diff: DiffCommand.self
        case .simulate: SimulateCommand.self
        case .blastRadius: BlastRadiusCommand.self
        case .rules: RulesCommand.self
        case .explain: ExplainCommand.self
        case .schema: SchemaCommand.self
        case .docs: DocsCommand.self
        case .config: ConfigCommand.self
        case .completions: CompletionsCommand.self
        case .man: ManCommand.self
        case .import: ImportCommand.self
        case .migrate: MigrateCommand.self
        case .initialize: InitCommand.self
        }
    }
}

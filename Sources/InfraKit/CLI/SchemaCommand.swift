import InfraJSON
import InfraOutput

/// `infractl schema`: the JSON Schema of the inventory format, for editors and other validators.
struct SchemaCommand: Command {
    static let configuration = CommandConfiguration(
        name: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the inventory format",
        usage: "infractl schema [--output FILE]",
        discussion: """
        The schema is generated from the definitions 'infractl validate' reads inventories with. Point
        an editor at it for completion and checking as you type (see the README, "Editor support").
        It checks less than 'infractl validate': not that ids are unique, nor that references name an
        existing entity of the right kind, nor duplicate keys or the ranges of cron fields.
        """,
        arguments: [],
        options: [
            .option("--output", "file", "Write the schema to this file (atomically) instead of standard output", short: "-o"),
        ]
    )

    let outputPath: String?

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("schema takes no arguments", usage: Self.configuration.usage)
        }
        outputPath = arguments.value("--output")
    }

    func run(_ context: CommandContext) -> Int32 {
        let text = JSONSchemaGenerator().rendered()
        return context.emit(text, toFile: outputPath) ? 0 : ToolError.exitCode
    }
}

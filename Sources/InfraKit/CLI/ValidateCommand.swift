/// `infractl validate PATH...`: load inventories and report every problem found.
struct ValidateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "validate",
        abstract: "Load inventories and report every problem, each at its file, line and column",
        usage: "infractl validate [--format text|json] [--fail-on error|warning|note|never] PATH...",
        discussion: """
        PATH is an inventory file, a directory (every *.json below it, in sorted order; hidden
        files and directories are skipped), or - for standard input.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [("PATH...", "Inventory files or directories, or - for standard input")],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: ReportFormat.allCases.map(\.rawValue)),
            .option("--fail-on", "severity", "Lowest severity that makes the exit code 1 (default: error)",
                    allowed: FailOn.allCases.map(\.rawValue)),
            .option("--max-depth", "n", "Deepest JSON nesting accepted (default: \(JSONReader.defaultMaxDepth))"),
            .option("--max-file-size", "bytes", "Largest file read (default: \(InputFiles.defaultMaxFileSize))"),
        ]
    )

    let paths: [String]
    let format: ReportFormat
    let failOn: FailOn
    let maxDepth: Int
    let maxFileSize: Int

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard !arguments.positionals.isEmpty else {
            throw .usage("validate needs at least one PATH", usage: Self.configuration.usage)
        }
        paths = arguments.positionals
        format = arguments.value("--format").flatMap(ReportFormat.init(rawValue:)) ?? .text
        failOn = arguments.value("--fail-on").flatMap(FailOn.init(rawValue:)) ?? .error
        maxDepth = try Self.positiveInteger(arguments, "--max-depth") ?? JSONReader.defaultMaxDepth
        maxFileSize = try Self.positiveInteger(arguments, "--max-file-size") ?? InputFiles.defaultMaxFileSize
    }

    static func positiveInteger(_ arguments: ParsedArguments, _ name: String) throws(ToolError) -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), value > 0 else {
            throw .usage("'\(name)' needs a positive whole number, found '\(text)'", usage: configuration.usage)
        }
        return value
    }

    func run(_ context: CommandContext) -> Int32 {
        let inputs = InputFiles(context: context, maxFileSize: maxFileSize).collect(paths)
        let loader = InventoryLoader(reader: JSONReader(maxDepth: maxDepth))
        let report = loader.validate(inputs.sources, failures: inputs.failures)
        for error in report.toolErrors {
            context.stderr.write(error.message + "\n")
        }
        context.stdout.write(format.render(report))
        if !report.toolErrors.isEmpty { return ToolError.exitCode }
        return failOn.fails(report.findings) ? 1 : 0
    }
}

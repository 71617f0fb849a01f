/// `infractl validate PATH...`: load inventories and report every problem found.
struct ValidateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "validate",
        abstract: "Load inventories and report every problem, each at its file, line and column",
        usage: "infractl validate [--format text|json] [--fail-on SEVERITY] [--config FILE] [--rule ID] [--skip ID] [--as-of DATE] PATH...",
        discussion: """
        PATH is an inventory file, a directory (every *.json below it, in sorted order; hidden
        files and directories are skipped), or - for standard input.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [("PATH...", "Inventory files or directories, or - for standard input")],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: ReportFormat.allCases.map(\.rawValue)),
        ] + LintingArguments.options
    )

    let paths: [String]
    let format: ReportFormat
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard !arguments.positionals.isEmpty else {
            throw .usage("validate needs at least one PATH", usage: Self.configuration.usage)
        }
        paths = arguments.positionals
        format = arguments.value("--format").flatMap(ReportFormat.init(rawValue:)) ?? .text
        linting = try LintingArguments(arguments, usage: Self.configuration.usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let linter: Linter
        let configFindings: [Finding]
        do {
            (linter, configFindings) = try linting.makeLinter(context)
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        let inputs = InputFiles(context: context, maxFileSize: linting.maxFileSize).collect(paths)
        let loader = InventoryLoader(reader: JSONReader(maxDepth: linting.maxDepth))
        let report = loader.validate(inputs.sources, failures: inputs.failures, linter: linter, extraFindings: configFindings)
        for error in report.toolErrors {
            context.stderr.write(error.message + "\n")
        }
        context.stdout.write(format.render(report))
        if !report.toolErrors.isEmpty { return ToolError.exitCode }
        return linting.failOn.fails(report.findings) ? 1 : 0
    }
}

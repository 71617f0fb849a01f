import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// `infractl report PATH...`: the operational health of each inventory, per environment, and a
/// roll-up row per inventory.
struct ReportCommand: Command {
    static let configuration = CommandConfiguration(
        name: "report",
        abstract: "Summarise each inventory's operational health: coverage, recovery points, quorum margins, findings",
        usage: "infractl report [--format text|json|markdown] [--output FILE] [--color WHEN] [--fail-on SEVERITY] [--config FILE] [--rule ID] [--skip ID] [--as-of DATE] PATH...",
        discussion: """
        PATH is an inventory file, a directory (every *.json below it, in sorted order; hidden
        files and directories are skipped), or - for standard input.

        For each inventory, for the whole system and for each environment: entity counts and the
        failure domains in use; coverage ratios (backups, off-site copies, tested restores,
        monitoring, paging, supervisors, TLS on dependency edges, configuration management,
        secret stores) with the entities that miss them; the worst-case recovery point of each
        datastore beside its objective; each cluster's voters, quorum and failures tolerated;
        single points of failure; findings by severity and family; waivers in force and expiring
        within 30 days of --as-of; and the entities no enabled rule examined. With several
        inventories, a roll-up table compares them.

        The rules run with the same options as validate, and the exit code follows --fail-on.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [("PATH...", "Inventory files or directories, or - for standard input")],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: HealthReportFormat.allCases.map(\.rawValue), short: "-f"),
            .option("--output", "file", "Write the report to FILE (atomically) instead of standard output", short: "-o"),
            OptionSpec.option("--color", "when", "Colour text output (default: auto — on a terminal, unless NO_COLOR is set)", allowed: ["auto", "always", "never"]).aliased("--no-color", "never"),
        ] + LintingArguments.options
    )

    let paths: [String]
    let format: HealthReportFormat
    let outputPath: String?
    let color: String
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard !arguments.positionals.isEmpty else {
            throw .usage("report needs at least one PATH", usage: usage)
        }
        paths = arguments.positionals
        try LintingArguments.checkInputPaths(paths, usage: usage)
        format = arguments.value("--format").flatMap(HealthReportFormat.init(rawValue:)) ?? .text
        outputPath = arguments.value("--output")
        color = arguments.value("--color") ?? "auto"
        linting = try LintingArguments(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let linter: Linter
        let configFindings: [Finding]
        let outputs: OutputTargets
        let validation: ValidationReport
        let inputs: InputFiles.Collected
        do {
            let usage = Self.configuration.usage
            outputs = try OutputTargets([outputPath], context: context, usage: usage)
            try outputs.checkNotInputs(paths + [linting.configFile(context)], context: context, usage: usage)
            var configured = try ConfiguredLinting(linting, context)
            (validation, inputs) = try configured.validate(paths, outputs: outputs, withConfigurationFindings: false)
            // Mistakes in the configuration files are not about any inventory: they go to stderr.
            configFindings = configured.findings
            linter = configured.linter
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        context.stderr.write(TextReporter().findingLines(configFindings.sorted(by: Finding.reportOrder)))
        LintingArguments.reportNotes(inputs, context)
        for error in validation.toolErrors {
            context.stderr.write(error.message + "\n")
        }
        linting.reportOmittedFindings(validation, context)
        let report = HealthReport(validation, options: linter.options)
        let emitted = format == .json
            ? context.emit(HealthJSONRenderer().document(report), toFile: outputPath)
            : context.emit(format.render(report, colored: format == .text && colored(context)), toFile: outputPath)
        guard emitted else { return ToolError.exitCode }
        if !validation.toolErrors.isEmpty { return ToolError.exitCode }
        return linting.failOn.fails(validation.findings + configFindings) ? 1 : 0
    }

    /// `--color`: always, never, or auto — on when writing to a terminal, unless `NO_COLOR` is set or `TERM` is dumb.
    private func colored(_ context: CommandContext) -> Bool {
        context.wantsColor(color, toStandardOutput: outputPath == nil)
    }
}

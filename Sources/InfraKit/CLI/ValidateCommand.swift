/// `infractl validate PATH...`: load inventories, run the rules, report every finding.
struct ValidateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "validate",
        abstract: "Load inventories and report every problem, each at its file, line and column",
        usage: "infractl validate [--format F [--output FILE]]... [--fail-on SEVERITY] [--baseline FILE] [--write-baseline FILE] [--config FILE] [--rule ID] [--skip ID] [--as-of DATE] PATH...",
        discussion: """
        PATH is an inventory file, a directory (every *.json below it, in sorted order; hidden
        files and directories are skipped), or - for standard input.

        --format and --output pair up in order: '--format sarif --output scan.sarif --format text'
        writes SARIF to scan.sarif (atomically) and text to standard output. Without --format the
        format is text, or github when GITHUB_ACTIONS=true.

        --write-baseline FILE records today's findings by fingerprint; --baseline FILE then reports
        only findings that are not in it, and says how many it hid and how many of its entries are fixed.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [("PATH...", "Inventory files or directories, or - for standard input")],
        options: [
            .option("--format", "format", "Output format (repeatable; default: text)", allowed: ReportFormat.allCases.map(\.rawValue), repeatable: true),
            .option("--output", "file", "Write the matching --format to FILE instead of standard output (repeatable)", repeatable: true),
            .option("--color", "when", "Colour text output (default: auto — on a terminal, unless NO_COLOR is set)", allowed: ["auto", "always", "never"]),
            .option("--baseline", "file", "Report only findings not recorded in this baseline"),
            .option("--write-baseline", "file", "Record the current findings as a baseline"),
        ] + LintingArguments.options
    )

    /// One report to produce: a format and where it goes (nil: standard output).
    struct Destination {
        let format: ReportFormat
        let path: String?
    }

    let paths: [String]
    let destinations: [Destination]
    let explicitFormat: Bool
    let color: String
    let baselinePath: String?
    let writeBaselinePath: String?
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard !arguments.positionals.isEmpty else {
            throw .usage("validate needs at least one PATH", usage: usage)
        }
        paths = arguments.positionals
        try LintingArguments.checkInputPaths(paths, usage: usage)
        let formats = arguments.all("--format").compactMap(ReportFormat.init(rawValue:))
        let outputs = arguments.all("--output")
        explicitFormat = !formats.isEmpty
        let chosen = formats.isEmpty ? [ReportFormat.text] : formats
        guard outputs.count <= chosen.count else {
            throw .usage("each --output needs a --format before it (\(outputs.count) outputs, \(chosen.count) formats)", usage: usage)
        }
        guard chosen.count - outputs.count <= 1 else {
            throw .usage("only one --format can go to standard output; give the others an --output", usage: usage)
        }
        destinations = chosen.enumerated().map { index, format in
            Destination(format: format, path: index < outputs.count ? outputs[index] : nil)
        }
        color = arguments.value("--color") ?? "auto"
        baselinePath = arguments.value("--baseline")
        writeBaselinePath = arguments.value("--write-baseline")
        linting = try LintingArguments(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let linter: Linter
        let configFindings: [Finding]
        let baseline: Baseline?
        let outputs: OutputTargets
        do {
            let usage = Self.configuration.usage
            outputs = try OutputTargets(destinations.map(\.path) + [writeBaselinePath], context: context, usage: usage)
            try outputs.checkNotInputs(paths + [linting.configFile(context), baselinePath], context: context, usage: usage)
            (linter, configFindings) = try linting.makeLinter(context)
            baseline = try baselinePath.map { path throws(ToolError) in try readBaseline(path, context) }
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        let inputs = linting.inputFiles(context, outputs: outputs).collect(paths)
        LintingArguments.reportNotes(inputs, context)
        let loader = linting.loader
        var report = loader.validate(inputs.sources, failures: inputs.failures, linter: linter, extraFindings: configFindings)
        defer { context.leaveToExit(report) }
        for error in report.toolErrors {
            context.stderr.write(error.message + "\n")
        }
        linting.reportOmittedFindings(report, context)
        if let writeBaselinePath, case .failure(let failure) = AtomicFile.write(Baseline(report).rendered(), to: context.absolute(writeBaselinePath)) {
            context.stderr.write(ToolError.unwritable(path: writeBaselinePath, reason: failure.reason).message + "\n")
            return ToolError.exitCode
        }
        baseline?.apply(to: &report)
        for destination in resolvedDestinations(context) {
            let text = render(report, as: destination, context)
            guard let path = destination.path else {
                context.stdout.write(text)
                continue
            }
            if case .failure(let failure) = AtomicFile.write(text, to: context.absolute(path)) {
                context.stderr.write(ToolError.unwritable(path: path, reason: failure.reason).message + "\n")
                return ToolError.exitCode
            }
        }
        if !report.toolErrors.isEmpty { return ToolError.exitCode }
        return linting.failOn.fails(report.findings) ? 1 : 0
    }

    /// GitHub Actions gets annotations when nobody asked for a format.
    private func resolvedDestinations(_ context: CommandContext) -> [Destination] {
        guard !explicitFormat, context.environment["GITHUB_ACTIONS"] == "true",
              let github = ReportFormat(rawValue: "github") else { return destinations }
        return destinations.map { Destination(format: $0.path == nil ? github : $0.format, path: $0.path) }
    }

    private func render(_ report: ValidationReport, as destination: Destination, _ context: CommandContext) -> String {
        guard destination.format == .text else { return destination.format.render(report) }
        return TextReporter(colored: context.wantsColor(color, toStandardOutput: destination.path == nil)).render(report)
    }

    private func readBaseline(_ path: String, _ context: CommandContext) throws(ToolError) -> Baseline {
        let document = try InputFiles.readDocument(path, context: context, maxSize: linting.maxFileSize, reader: linting.reader)
        switch Baseline.decode(document) {
        case .success(let baseline): return baseline
        case .failure(let error): throw error
        }
    }
}

import InfraJSON
import InfraRules
import InfraOutput

/// `infractl validate PATH...`: load inventories, run the rules, report every finding.
struct ValidateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "validate",
        abstract: "Load inventories and report every problem, each at its file, line and column",
        usage: "infractl validate [-f FORMAT [-o FILE]]... [-q] [--fail-on SEVERITY] [--baseline FILE] [--write-baseline FILE] [--config FILE] [--exclude GLOB] [--rule ID] [--skip ID] [--as-of DATE] PATH...",
        discussion: """
        PATH is an inventory file, a directory (every *.json below it, in sorted order; hidden
        files and directories are skipped), or - for standard input.

        --format and --output pair up in order: '--format sarif --output scan.sarif --format text'
        writes SARIF to scan.sarif (atomically) and text to standard output. Without --format the
        format is text, or github when GITHUB_ACTIONS=true. The github format annotates at most 10
        errors, 10 warnings and 10 notes (GitHub's limit per step), lists the rest as text with one
        notice, and appends a Markdown summary to $GITHUB_STEP_SUMMARY when that is set.

        Paths are shown, fingerprinted and baselined relative to the project root: the directory
        of the configuration file, else the git top-level, else the working directory.

        --write-baseline FILE records today's findings by fingerprint; --baseline FILE then reports
        only findings that are not in it, and says how many it hid and how many of its entries are fixed.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the command
        could not do its job (bad usage, unreadable file, malformed JSON).
        """,
        arguments: [("PATH...", "Inventory files or directories, or - for standard input")],
        options: [
            .option("--format", "format", "Output format (repeatable; default: text)", allowed: ReportFormat.allCases.map(\.rawValue), repeatable: true, short: "-f"),
            .option("--output", "file", "Write the matching --format to FILE instead of standard output (repeatable)", repeatable: true, short: "-o"),
            OptionSpec.option("--color", "when", "Colour text output (default: auto — on a terminal, unless NO_COLOR is set)", allowed: ["auto", "always", "never"]).aliased("--no-color", "never"),
            .option("--baseline", "file", "Report only findings not recorded in this baseline"),
            .option("--write-baseline", "file", "Record the current findings as a baseline"),
            .flag("--quiet", "Print only the findings: no per-file lines, summary or notes", short: "-q"),
            .option("--sarif-category", "id", "SARIF runs[].automationDetails.id: code scanning keeps one set of alerts per category"),
            .option("--sarif-suppressed", "how", "Waived findings in SARIF: left out, which closes their alerts (omit, the default), or listed with a suppression (mark)",
                    allowed: ["omit", "mark"]),
            .option("--junit-flavor", "flavor", "JUnit dialect: the Ant schema (ant, the default), or with file and line attributes on each case (gitlab)",
                    allowed: JUnitReporter.Flavor.allCases.map(\.rawValue)),
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
    let quiet: Bool
    let sarifCategory: String?
    let sarifMarksSuppressed: Bool
    let junitFlavor: JUnitReporter.Flavor
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
        quiet = arguments.has("--quiet")
        sarifCategory = arguments.value("--sarif-category")
        if sarifCategory?.isEmpty == true { throw .usage("'--sarif-category' needs a category", usage: usage) }
        sarifMarksSuppressed = arguments.value("--sarif-suppressed") == "mark"
        junitFlavor = arguments.value("--junit-flavor").flatMap(JUnitReporter.Flavor.init(rawValue:)) ?? .ant
        linting = try LintingArguments(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        var configured: ConfiguredLinting
        let baseline: Baseline?
        let outputs: OutputTargets
        var report: ValidationReport
        let inputs: InputFiles.Collected
        do {
            let usage = Self.configuration.usage
            outputs = try OutputTargets(destinations.map(\.path) + [writeBaselinePath], context: context, usage: usage)
            try outputs.checkNotInputs(paths + [linting.configFile(context), baselinePath], context: context, usage: usage)
            configured = try ConfiguredLinting(linting, context)
            baseline = try baselinePath.map { path throws(ToolError) in try readBaseline(path, context) }
            (report, inputs) = try configured.validate(paths, outputs: outputs)
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        if !quiet { LintingArguments.reportNotes(inputs, context) }
        defer { context.leaveToExit(report) }
        for error in report.toolErrors {
            context.stderr.write(error.message + "\n")
        }
        linting.reportOmittedFindings(report, context)
        if let writeBaselinePath, case .failure(let failure) = AtomicFile.write(Baseline(report).rendered(), to: context.absolute(writeBaselinePath)) {
            context.stderr.write(ToolError.unwritable(path: writeBaselinePath, reason: failure.reason).message + "\n")
            return ToolError.exitCode
        }
        if let baseline { apply(baseline, to: &report, root: configured.root, context) }
        let options = reportOptions(configured.linter)
        let destinations = resolvedDestinations(context)
        for destination in destinations {
            let text = render(report, as: destination, options: options, context)
            guard let path = destination.path else {
                context.stdout.write(text)
                continue
            }
            if case .failure(let failure) = AtomicFile.write(text, to: context.absolute(path)) {
                context.stderr.write(ToolError.unwritable(path: path, reason: failure.reason).message + "\n")
                return ToolError.exitCode
            }
        }
        // One summary a step, however many github outputs it writes.
        if destinations.contains(where: { $0.format == .github }), let failure = appendStepSummary(report, context) {
            context.stderr.write(failure.message + "\n")
            return ToolError.exitCode
        }
        if !report.toolErrors.isEmpty { return ToolError.exitCode }
        return linting.failOn.fails(report.findings) ? 1 : 0
    }

    /// Hides the baseline's findings; a note when its entries name files as an older release did.
    private func apply(_ baseline: Baseline, to report: inout ValidationReport, root: ProjectRoot, _ context: CommandContext) {
        baseline.apply(to: &report) { root.normalizedStored($0) }
        let older = baseline.entriesInOlderSpelling { root.normalizedStored($0) }
        guard older > 0, !quiet, let baselinePath else { return }
        context.stderr.write(TerminalText.path("\(baselinePath): note: \(TextReporter.plural(older, "entry", "entries")) name their file as an older release did "
            + "(not relative to the project root); they still match, but rewrite the baseline with --write-baseline") + "\n")
    }

    private func reportOptions(_ linter: Linter) -> ReportOptions {
        var options = ReportOptions()
        options.failingSeverity = linting.failOn.lowestFailing
        options.sarifCategory = sarifCategory
        options.sarifMarksSuppressed = sarifMarksSuppressed
        options.junitFlavor = junitFlavor
        options.asOf = linter.options.settings.asOf
        return options
    }

    /// Appends the Markdown summary to `$GITHUB_STEP_SUMMARY`, when it is set: what was there, then
    /// ours, written atomically (`AtomicFile`). Returns the error when it cannot be written.
    private func appendStepSummary(_ report: ValidationReport, _ context: CommandContext) -> ToolError? {
        guard let path = context.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
        var existing: [UInt8] = []
        switch InputFiles.readFile(context.absolute(path), maxSize: Self.maxStepSummarySize) {
        case .success(.read(let bytes)): existing = bytes
        case .success(.mapped(let mapping)): existing = Array(mapping.bytes)
        case .failure(.tooLarge(let size)): return .tooLarge(path: path, bytes: size, limit: Self.maxStepSummarySize)
        case .failure(.system): existing = []  // not there yet: the summary starts with ours
        }
        var text = existing
        if let last = text.last, last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
        text += Array(GitHubStepSummary().render(report).utf8)
        if case .failure(let failure) = AtomicFile.write(text, to: context.absolute(path)) {
            return .unwritable(path: path, reason: failure.reason)
        }
        return nil
    }

    /// GitHub refuses a step summary over 1 MiB; a larger file is not ours to grow.
    static let maxStepSummarySize = 1 << 20

    /// GitHub Actions gets annotations when nobody asked for a format.
    private func resolvedDestinations(_ context: CommandContext) -> [Destination] {
        guard !explicitFormat, context.environment["GITHUB_ACTIONS"] == "true",
              let github = ReportFormat(rawValue: "github") else { return destinations }
        return destinations.map { Destination(format: $0.path == nil ? github : $0.format, path: $0.path) }
    }

    private func render(_ report: ValidationReport, as destination: Destination, options: ReportOptions, _ context: CommandContext) -> String {
        guard destination.format == .text else { return destination.format.render(report, options: options) }
        let reporter = TextReporter(colored: context.wantsColor(color, toStandardOutput: destination.path == nil))
        return quiet ? reporter.findingLines(report.findings) : reporter.render(report)
    }

    private func readBaseline(_ path: String, _ context: CommandContext) throws(ToolError) -> Baseline {
        let document = try InputFiles.readDocument(path, context: context, maxSize: linting.maxFileSize, reader: linting.reader)
        switch Baseline.decode(document) {
        case .success(let baseline): return baseline
        case .failure(let error): throw error
        }
    }
}

import InfraJSON
import InfraModel
import InfraOutput

/// `infractl docs FILE`: architecture docs generated from one inventory, in Markdown, Mermaid,
/// DOT or HTML; written to standard output, to a file, or between the markers of a file
/// (`--inject`), whose freshness `--check` verifies.
struct DocsCommand: Command {
    static let configuration = CommandConfiguration(
        name: "docs",
        abstract: "Generate architecture docs from an inventory: Markdown, Mermaid, DOT or HTML",
        usage: "infractl docs FILE [--format markdown|mermaid|dot|html] [--focus ID|environment=NAME|region=NAME] [--output FILE] [--inject FILE [--check]] [--as-of DATE] [--config FILE] [--rule ID] [--skip ID]",
        discussion: """
        Markdown (the default) has an overview, one section per environment with tables of hosts,
        clusters, services, datastores (with the worst-case recovery point their backup schedules
        allow), backups, monitors, pipelines, jobs, secrets (where they are kept, never values) and
        DNS, a Mermaid diagram and a summary of the findings at --as-of. Mermaid and DOT are the
        diagram alone; HTML is one self-contained page, its diagram drawn by Graphviz's dot when it
        is on PATH, else by a built-in layout. Output is deterministic: sorted, no timestamps.

        An inventory too large for one diagram (over Mermaid's limits of 500 edges and 50,000
        characters) is drawn as an aggregated overview: groups per environment, provider (region),
        zone and kind, with counts and the worst finding of each; a table of more than 200 rows
        counts groups instead of listing entities. --focus ID draws that entity and its neighbours
        in full (a backup, monitor, pipeline, job or secret: what it refers to), --focus
        environment=NAME or region=NAME one environment or region; the tables then list the
        focused entities, and what refers to them, one by one.

        --inject FILE replaces what lies between the lines '<!-- infractl:begin -->' and
        '<!-- infractl:end -->' of FILE (kept, written atomically). With --check nothing is written:
        the exit code is 1 when the text between the markers differs from what would be generated.

        Exit codes: 0 done (or current, with --check); 1 stale (--check); 2 the command could not do
        its job (bad usage, unreadable or malformed file, missing or misordered markers).
        """,
        arguments: [("FILE", "An inventory file")],
        options: [
            .option("--format", "format", "Output format (default: markdown)", allowed: DocsFormat.allCases.map(\.rawValue), short: "-f"),
            .option("--focus", "part", "Draw and list one part in full: an entity id and its neighbours, environment=NAME or region=NAME"),
            .option("--output", "file", "Write the docs to FILE (atomically) instead of standard output", short: "-o"),
            .option("--inject", "file", "Replace the text between the infractl markers of FILE"),
            .flag("--check", "With --inject: write nothing; exit 1 when the text between the markers is stale"),
        ] + LintingArguments.options.filter { $0.name != "--fail-on" }
    )

    let file: String
    let format: DocsFormat
    let focus: DocsFocus?
    let outputPath: String?
    let injectPath: String?
    let check: Bool
    let linting: LintingArguments

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard arguments.positionals.count == 1, let file = arguments.positionals.first else {
            throw .usage("docs needs exactly one inventory FILE", usage: usage)
        }
        self.file = file
        format = arguments.value("--format").flatMap(DocsFormat.init(rawValue:)) ?? .markdown
        if let text = arguments.value("--focus") {
            guard let parsed = DocsFocus(parsing: text) else {
                throw .usage("--focus takes an entity ID, environment=NAME or region=NAME, not '\(text)'", usage: usage)
            }
            focus = parsed
        } else {
            focus = nil
        }
        outputPath = arguments.value("--output")
        injectPath = arguments.value("--inject")
        check = arguments.has("--check")
        if check && injectPath == nil {
            throw .usage("--check needs --inject FILE: it checks the docs between that file's markers", usage: usage)
        }
        if outputPath != nil && injectPath != nil {
            throw .usage("give either --output or --inject, not both", usage: usage)
        }
        linting = try LintingArguments(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let text: String
        do {
            let usage = Self.configuration.usage
            let outputs = try OutputTargets([outputPath, injectPath], context: context, usage: usage)
            try outputs.checkNotInputs([file, linting.configFile(context)], context: context, usage: usage)
            text = try generate(context)
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        if let injectPath {
            return inject(text, into: injectPath, context)
        }
        return context.emit(text, toFile: outputPath) ? 0 : ToolError.exitCode
    }

    /// Loads and lints the inventory, then renders it.
    private func generate(_ context: CommandContext) throws(ToolError) -> String {
        let (linter, _) = try linting.makeLinter(context)
        let inputs = linting.inputFiles(context).collect([file])
        LintingArguments.reportNotes(inputs, context)
        if let failure = inputs.failures.first { throw failure.error }
        guard inputs.sources.count == 1, let source = inputs.sources.first else {
            throw .usage("'\(file)' holds \(inputs.sources.count) inventories; docs takes one inventory FILE", usage: Self.configuration.usage)
        }
        let inventory: Inventory
        let structural: [Finding]
        switch linting.loader.load(source) {
        case .success(let loaded): (inventory, structural) = loaded
        case .failure(let error): throw error
        }
        var result = linter.lint(inventory, structural: structural)
        // Decoded and linted: drawing reads the file only for a location now and then.
        source.releaseResidentPages()
        // Sorted in place: a sorted copy would hold every finding twice.
        result.findings.sort(by: Finding.reportOrder)
        // The docs read a finding's rule, severity and entity, never its text: on 100,000 hosts the
        // messages and field paths of 120,000 findings are memory the model's build can reuse.
        for position in result.findings.indices {
            result.findings[position].message = ""
            result.findings[position].fieldPath = nil
        }
        let model = ArchitectureModel(inventory: inventory, findings: result.findings,
                                      suppressedCount: result.suppressed.count, asOf: linter.options.settings.asOf)
        var part: FocusedPart?
        if let focus {
            switch focus.part(of: model) {
            case .success(let found): part = found
            case .failure(let problem):
                throw .usage("--focus \(focus.argument): \(problem.message(file: file))", usage: Self.configuration.usage)
            }
        }
        let plan = DiagramPlan(model, focus: part)
        var graphvizSVG: String?
        // An aggregated overview is drawn by the built-in layout: Graphviz spreads its few hundred
        // crossing edges over a page that, shrunk to fit, cannot be read (HTMLRenderer).
        if format == .html, plan.overview == nil {
            switch GraphvizProcess.svg(DOTRenderer().render(model, plan: plan), context: context) {
            case .success(let svg): graphvizSVG = svg
            case .failure(.notInstalled): break
            case .failure(.failed(let reason)):
                // dot's message may quote the DOT, and so inventory text: one line, controls visible.
                context.stderr.write(TerminalText.path("\(file): warning: \(reason); the page uses the built-in diagram layout") + "\n")
            }
        }
        return format.render(model, plan: plan, graphvizSVG: graphvizSVG)
    }

    /// Puts `text` between the markers of `path`, or with `--check` says whether it is there.
    private func inject(_ text: String, into path: String, _ context: CommandContext) -> Int32 {
        let existing: String
        do throws(ToolError) {
            let source = try InputFiles.readSource(path, context: context, maxSize: linting.maxFileSize, maxDepth: nil)
            guard let decoded = String(validating: source.bytes, as: UTF8.self) else {
                throw ToolError.unreadable(path: path, reason: "not UTF-8 text")
            }
            existing = decoded
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        if check {
            switch DocsInjection.isCurrent(text, in: existing) {
            case .success(true):
                return 0
            case .success(false):
                context.stderr.write(TerminalText.path("\(path): the docs between the infractl markers are stale; regenerate them with 'infractl docs \(file) --inject \(path)'\(linting.asOf.map { " --as-of \($0)" } ?? "")") + "\n")
                return 1
            case .failure(let problem):
                context.stderr.write(TerminalText.path("\(path): error: \(problem.message)") + "\n")
                return ToolError.exitCode
            }
        }
        switch DocsInjection.inject(text, into: existing) {
        case .success(let updated):
            if updated != existing, case .failure(let failure) = AtomicFile.write(updated, to: context.absolute(path)) {
                context.stderr.write(ToolError.unwritable(path: path, reason: failure.reason).message + "\n")
                return ToolError.exitCode
            }
            if case .success(let lines) = DocsInjection.markerLines(in: updated) {
                let done = updated == existing ? "already current" : "injected"
                context.stderr.write(TerminalText.path("\(path):\(lines.begin): note: docs \(done) between the markers on lines \(lines.begin) and \(lines.end)") + "\n")
            }
            return 0
        case .failure(let problem):
            context.stderr.write(TerminalText.path("\(path): error: \(problem.message)") + "\n")
            return ToolError.exitCode
        }
    }
}

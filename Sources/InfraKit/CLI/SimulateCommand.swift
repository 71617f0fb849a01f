import InfraJSON
import InfraModel
import InfraTopology
import InfraOutput

/// `infractl simulate FILE --fail ID...` and `--each host|zone|region|provider`.
struct SimulateCommand: Command {
    static let configuration = CommandConfiguration(
        name: "simulate",
        abstract: "Simulate failures: what goes down, degraded or read-only, why, and who would be alerted",
        usage: "infractl simulate FILE (--fail ID... | --each host|zone|region|provider) [--summary] [--format text|json|markdown|html]",
        discussion: """
        --fail takes an entity id (a host, cluster member, provider, cluster, service, datastore),
        a zone name or a region name; several --fail options fail them together. Every affected
        part is shown with the chain back to the failure.

        --each runs every single failure of one kind and prints the N-1 table: for each failure,
        the production services down, read-only, impaired and degraded, worst first.

        States: degraded (less capacity, still working), impaired (something it depends on is not
        working), read-only (a consensus store without quorum still serving reads), down.

        Data: what a failed host, provider or datastore stored is taken as lost with it. Each
        datastore that loses its live copy or a backup copy is listed with its newest surviving
        copy and how much restoring from it loses, or "no surviving copy". Jobs and backups with
        nothing left to run on or copy are listed as stopped.

        --format markdown writes the scenario or the N-1 table as GitHub Markdown; --format html
        one self-contained page with the scenario laid over the architecture diagram (with --each,
        html gives the Markdown table).
        """,
        arguments: [("FILE", "An inventory file")],
        options: [
            .option("--fail", "id", "Fail this entity, zone or region (repeatable)", repeatable: true),
            .option("--each", "domain", "Fail each failure domain of this kind in turn", allowed: EachDomain.allCases.map(\.rawValue)),
            .flag("--summary", "One line of counts and the ids affected (text only)"),
            .option("--format", "format", "Output format (default: text)", allowed: ["text", "json", "markdown", "html"], short: "-f"),
        ] + InputLimits.options
    )

    enum EachDomain: String, CaseIterable {
        case host, zone, region, provider
    }

    let file: String
    let failures: [String]
    let each: EachDomain?
    let summary: Bool
    let format: String
    let limits: InputLimits

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        guard arguments.positionals.count == 1, let file = arguments.positionals.first else {
            throw .usage("simulate needs exactly one inventory FILE", usage: usage)
        }
        self.file = file
        failures = arguments.all("--fail")
        each = arguments.value("--each").flatMap(EachDomain.init(rawValue:))
        guard failures.isEmpty != (each == nil) else {
            throw .usage("give either --fail ID... or --each DOMAIN", usage: usage)
        }
        summary = arguments.has("--summary")
        format = arguments.value("--format") ?? "text"
        limits = try InputLimits(arguments, usage: usage)
    }

    func run(_ context: CommandContext) -> Int32 {
        let inventory: Inventory
        do {
            inventory = try limits.loadInventory(file, context: context)
        } catch {
            context.stderr.write(error.message + "\n")
            return ToolError.exitCode
        }
        let simulator = FailureSimulator(inventory)
        if let each {
            let table = NMinusOneTable(simulator: simulator, domain: each.rawValue)
            switch format {
            case "json": table.json(file: file).write(inPieces: context.stdout.write)
            case "markdown", "html": context.stdout.write(table.markdown(file: file))
            default: context.stdout.write(table.text(file: file))
            }
            return 0
        }
        var targets: [FailureSimulator.Target] = []
        for name in failures {
            guard let target = simulator.target(name) else {
                let known = simulator.graph.nodes.map(\.id) + Array(simulator.graph.hostsByZone.keys) + Array(simulator.graph.providersByRegion.keys)
                context.stderr.write(TerminalText.path("error: '\(name)' is no entity, zone or region of \(file)\(Suggestion.clause(for: name, among: known.sorted()))") + "\n")
                return ToolError.exitCode
            }
            targets.append(target)
        }
        let outcome = simulator.simulate(targets)
        let report = SimulationReport(outcome: outcome, file: file, failures: failures)
        switch format {
        case "json": report.json().write(inPieces: context.stdout.write)
        case "markdown": context.stdout.write(report.markdown())
        case "html": context.stdout.write(report.html(asOf: LintingArguments.today()))
        default: context.stdout.write(summary ? report.summaryText() : report.text())
        }
        return 0
    }
}

import InfraJSON
import InfraModel
import InfraTopology
import InfraOutput

/// `infractl blast-radius FILE ID`: everything that depends on an entity, directly and transitively.
struct BlastRadiusCommand: Command {
    static let configuration = CommandConfiguration(
        name: "blast-radius",
        abstract: "List everything that depends on an entity, directly and transitively, for change review",
        usage: "infractl blast-radius FILE ID [--why DEPENDENT] [--format text|json]",
        discussion: """
        The entity is taken down and the failure propagated as 'infractl simulate' does; what is
        affected is listed by distance from the entity, with the path that reaches it. A path of
        more than \(BlastRadiusRenderer.pathLimit) entities is shortened to its start, the number of entities left out
        and its last hops; --why DEPENDENT prints one dependent's whole path, a line per hop with
        its reason.
        """,
        arguments: [("FILE", "An inventory file"), ("ID", "An entity id (or a zone or region name)")],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: ["text", "json"], short: "-f"),
            .option("--why", "dependent", "Print the whole path from ID to this dependent, with each hop's reason"),
        ] + InputLimits.options
    )

    let file: String
    let id: String
    let why: String?
    let json: Bool
    let limits: InputLimits

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.count == 2 else {
            throw .usage("blast-radius needs an inventory FILE and an entity ID", usage: Self.configuration.usage)
        }
        file = arguments.positionals[0]
        id = arguments.positionals[1]
        why = arguments.value("--why")
        json = arguments.value("--format") == "json"
        limits = try InputLimits(arguments, usage: Self.configuration.usage)
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
        guard let target = simulator.target(id) else {
            let known = simulator.graph.nodes.map(\.id)
            context.stderr.write(TerminalText.path("error: '\(id)' is no entity, zone or region of \(file)\(Suggestion.clause(for: id, among: known.sorted()))") + "\n")
            return ToolError.exitCode
        }
        let outcome = simulator.simulate([target])
        let depths = outcome.depths()
        let renderer = BlastRadiusRenderer(file: file, id: id, outcome: outcome, depths: depths)
        if let why {
            return explain(why, renderer, context)
        }
        let graph = outcome.graph
        let failed = Set(outcome.failed)
        let affected = outcome.affected.filter { !failed.contains($0) }.sorted {
            (depths[$0]?.distance ?? 0, graph.nodes[$0].id) < (depths[$1]?.distance ?? 0, graph.nodes[$1].id)
        }
        context.stdout.write(json ? renderer.json(affected) : renderer.text(affected))
        return 0
    }

    /// `--why DEPENDENT`: the whole path, one hop a line, each with the reason for its state.
    private func explain(_ dependent: String, _ renderer: BlastRadiusRenderer, _ context: CommandContext) -> Int32 {
        let outcome = renderer.outcome
        guard let node = outcome.graph.numbers[dependent], outcome.states[node] != nil, !outcome.failed.contains(node) else {
            context.stderr.write(TerminalText.path("error: '\(dependent)' is not affected when '\(id)' fails in \(file)") + "\n")
            return ToolError.exitCode
        }
        context.stdout.write(json ? renderer.whyJSON(node, dependent: dependent) : renderer.whyText(node))
        return 0
    }
}

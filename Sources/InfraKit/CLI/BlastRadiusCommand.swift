/// `infractl blast-radius FILE ID`: everything that depends on an entity, directly and transitively.
struct BlastRadiusCommand: Command {
    static let configuration = CommandConfiguration(
        name: "blast-radius",
        abstract: "List everything that depends on an entity, directly and transitively, for change review",
        usage: "infractl blast-radius FILE ID [--format text|json]",
        discussion: """
        The entity is taken down and the failure propagated as 'infractl simulate' does; what is
        affected is listed by distance from the entity, with the path that reaches it.
        """,
        arguments: [("FILE", "An inventory file"), ("ID", "An entity id (or a zone or region name)")],
        options: [.option("--format", "format", "Output format (default: text)", allowed: ["text", "json"])] + InputLimits.options
    )

    let file: String
    let id: String
    let json: Bool
    let limits: InputLimits

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.count == 2 else {
            throw .usage("blast-radius needs an inventory FILE and an entity ID", usage: Self.configuration.usage)
        }
        file = arguments.positionals[0]
        id = arguments.positionals[1]
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
        let graph = outcome.graph
        let affected = outcome.affected.filter { !outcome.failed.contains($0) }
            .sorted { (outcome.chain($0).count, graph.nodes[$0].id) < (outcome.chain($1).count, graph.nodes[$1].id) }
        if json {
            context.stdout.write(JSONOutput.object([
                ("version", .int(SimulationReport.shapeVersion)),
                ("file", .string(file)),
                ("entity", .string(id)),
                ("dependents", .array(affected.map { node in
                    .object([
                        ("id", .string(graph.nodes[node].id)),
                        ("kind", .string(graph.nodes[node].kind.rawValue)),
                        ("distance", .int(outcome.chain(node).count - 1)),
                        ("state", .string(outcome.health(node).label)),
                        ("path", .array(outcome.chain(node).reversed().map { .string(graph.nodes[$0].id) })),
                    ])
                })),
            ]).rendered() + "\n")
            return 0
        }
        var output = TerminalText.escape("blast radius of '\(id)' in \(file): \(affected.count) dependents") + "\n"
        var distance = 0
        for node in affected {
            let chain = outcome.chain(node)
            if chain.count - 1 != distance {
                distance = chain.count - 1
                output += "\n\(distance == 1 ? "directly" : "at distance \(distance)")\n"
            }
            output += TerminalText.escape("  \(graph.name(node)) (\(outcome.health(node).label)): " + chain.reversed().map { graph.nodes[$0].id }.joined(separator: " -> ")) + "\n"
        }
        context.stdout.write(output)
        return 0
    }
}

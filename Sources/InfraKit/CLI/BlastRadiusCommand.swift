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
        more than \(pathLimit) entities is shortened to its start, the number of entities left out
        and its last hops; --why DEPENDENT prints one dependent's whole path, a line per hop with
        its reason.
        """,
        arguments: [("FILE", "An inventory file"), ("ID", "An entity id (or a zone or region name)")],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: ["text", "json"], short: "-f"),
            .option("--why", "dependent", "Print the whole path from ID to this dependent, with each hop's reason"),
        ] + InputLimits.options
    )

    /// The longest path printed whole: longer ones would make the output grow with the square of a chain.
    static let pathLimit = 8

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
        if let why {
            return explain(why, outcome, depths, context)
        }
        let graph = outcome.graph
        let failed = Set(outcome.failed)
        let affected = outcome.affected.filter { !failed.contains($0) }.sorted {
            (depths[$0]?.distance ?? 0, graph.nodes[$0].id) < (depths[$1]?.distance ?? 0, graph.nodes[$1].id)
        }
        context.stdout.write(json ? self.json(affected, outcome, depths) : text(affected, outcome, depths))
        return 0
    }

    /// A path from the failed entity to `node`, root first, shortened when long.
    private func path(_ node: Int, _ outcome: FailureSimulator.Outcome, _ depth: FailureSimulator.Outcome.Depth?) -> (ids: [String], omitted: Int) {
        let graph = outcome.graph
        let short = outcome.shortChain(node, limit: Self.pathLimit, depth: depth)
        let tail = short.links.reversed().map { graph.nodes[$0].id }
        guard let root = short.root else { return (tail, 0) }
        return ([graph.nodes[root].id] + tail, short.omitted)
    }

    private func text(_ affected: [Int], _ outcome: FailureSimulator.Outcome, _ depths: [Int: FailureSimulator.Outcome.Depth]) -> String {
        let graph = outcome.graph
        var output = TerminalText.escape("blast radius of '\(id)' in \(file): \(affected.count) dependents") + "\n"
        var distance = 0
        var shortened = false
        for node in affected {
            let depth = depths[node]?.distance ?? 0
            if depth != distance {
                distance = depth
                output += "\n\(distance == 1 ? "directly" : "at distance \(distance)")\n"
            }
            let (ids, omitted) = path(node, outcome, depths[node])
            var hops = ids
            if omitted > 0 {
                hops.insert("(\(omitted) more)", at: 1)
                shortened = true
            }
            output += TerminalText.escape("  \(graph.name(node)) (\(outcome.health(node).label)): " + hops.joined(separator: " -> ")) + "\n"
        }
        if shortened {
            output += "\npaths of more than \(Self.pathLimit) entities are shortened; --why DEPENDENT prints one whole\n"
        }
        return output
    }

    /// `path` is the whole path when it is short; else its start and last hops, `omitted` saying how many are left out.
    private func json(_ affected: [Int], _ outcome: FailureSimulator.Outcome, _ depths: [Int: FailureSimulator.Outcome.Depth]) -> String {
        let graph = outcome.graph
        return JSONOutput.object([
            ("version", .int(SimulationReport.shapeVersion)),
            ("file", .string(file)),
            ("entity", .string(id)),
            ("dependents", .array(affected.map { node in
                let (ids, omitted) = path(node, outcome, depths[node])
                var members: [(String, JSONOutput)] = [
                    ("id", .string(graph.nodes[node].id)),
                    ("kind", .string(graph.nodes[node].kind.rawValue)),
                    ("distance", .int(depths[node]?.distance ?? 0)),
                    ("state", .string(outcome.health(node).label)),
                    ("path", .array(ids.map(JSONOutput.string))),
                ]
                if omitted > 0 { members.append(("omitted", .int(omitted))) }
                return .object(members)
            })),
        ]).rendered() + "\n"
    }

    /// `--why DEPENDENT`: the whole path, one hop a line, each with the reason for its state.
    private func explain(_ dependent: String, _ outcome: FailureSimulator.Outcome,
                         _ depths: [Int: FailureSimulator.Outcome.Depth], _ context: CommandContext) -> Int32 {
        let graph = outcome.graph
        guard let node = graph.numbers[dependent], outcome.states[node] != nil, !outcome.failed.contains(node) else {
            context.stderr.write(TerminalText.path("error: '\(dependent)' is not affected when '\(id)' fails in \(file)") + "\n")
            return ToolError.exitCode
        }
        let chain = outcome.chain(node).reversed()
        if json {
            context.stdout.write(JSONOutput.object([
                ("version", .int(SimulationReport.shapeVersion)),
                ("file", .string(file)),
                ("entity", .string(id)),
                ("dependent", .string(dependent)),
                ("path", .array(chain.map { link in
                    .object([
                        ("id", .string(graph.nodes[link].id)),
                        ("kind", .string(graph.nodes[link].kind.rawValue)),
                        ("state", .string(outcome.health(link).label)),
                        ("reason", .string(outcome.states[link]?.cause.reason ?? "")),
                    ])
                })),
            ]).rendered() + "\n")
            return 0
        }
        var output = TerminalText.escape("why \(graph.name(node)) is affected when '\(id)' fails in \(file): \(depths[node]?.distance ?? 0) hops") + "\n"
        for link in chain {
            output += TerminalText.escape("  \(graph.name(link)) (\(outcome.health(link).label)): \(outcome.states[link]?.cause.reason ?? "")") + "\n"
        }
        context.stdout.write(output)
        return 0
    }
}

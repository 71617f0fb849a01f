import InfraJSON
import InfraTopology

/// What `infractl blast-radius` prints: the dependents of a failed entity by distance, each with
/// the path that reaches it, or one dependent's whole path (`--why`), as text or JSON. The command
/// finds the entity and runs the simulation; this type only renders its outcome.
package struct BlastRadiusRenderer {
    /// The longest path printed whole: longer ones would make the output grow with the square of a chain.
    package static let pathLimit = 8

    /// The inventory file, as the command names it.
    let file: String
    /// The failed entity.
    let id: String
    package let outcome: FailureSimulator.Outcome
    let depths: [Int: FailureSimulator.Outcome.Depth]

    package init(file: String, id: String, outcome: FailureSimulator.Outcome, depths: [Int: FailureSimulator.Outcome.Depth]) {
        self.file = file
        self.id = id
        self.outcome = outcome
        self.depths = depths
    }

    /// A path from the failed entity to `node`, root first, shortened when long.
    private func path(_ node: Int, _ depth: FailureSimulator.Outcome.Depth?) -> (ids: [String], omitted: Int) {
        let graph = outcome.graph
        let short = outcome.shortChain(node, limit: Self.pathLimit, depth: depth)
        let tail = short.links.reversed().map { graph.nodes[$0].id }
        guard let root = short.root else { return (tail, 0) }
        return ([graph.nodes[root].id] + tail, short.omitted)
    }

    /// The dependents by distance, each with its path.
    package func text(_ affected: [Int]) -> String {
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
            let (ids, omitted) = path(node, depths[node])
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
    package func json(_ affected: [Int]) -> String {
        let graph = outcome.graph
        return JSONOutput.object([
            ("version", .int(SimulationReport.shapeVersion)),
            ("file", .string(file)),
            ("entity", .string(id)),
            ("dependents", .array(affected.map { node in
                let (ids, omitted) = path(node, depths[node])
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

    /// `--why DEPENDENT` as JSON: the whole path from the failed entity to `node`, each hop with its reason.
    package func whyJSON(_ node: Int, dependent: String) -> String {
        let graph = outcome.graph
        let chain = outcome.chain(node).reversed()
        return JSONOutput.object([
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
        ]).rendered() + "\n"
    }

    /// `--why DEPENDENT` as text: the whole path, one hop a line, each with the reason for its state.
    package func whyText(_ node: Int) -> String {
        let graph = outcome.graph
        let chain = outcome.chain(node).reversed()
        var output = TerminalText.escape("why \(graph.name(node)) is affected when '\(id)' fails in \(file): \(depths[node]?.distance ?? 0) hops") + "\n"
        for link in chain {
            output += TerminalText.escape("  \(graph.name(link)) (\(outcome.health(link).label)): \(outcome.states[link]?.cause.reason ?? "")") + "\n"
        }
        return output
    }
}

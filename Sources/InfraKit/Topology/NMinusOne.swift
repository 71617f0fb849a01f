/// Every single failure of one kind of domain, and what each does to production services.
public struct NMinusOne: Sendable {
    public struct Row: Sendable {
        /// "host 'web-1'", "zone 'us-east-1a'", ...
        public let failure: String
        public let down: [String]
        public let readOnly: [String]
        public let impaired: [String]
        public let degraded: [String]
        /// Every node affected, production or not.
        public let affected: Int
    }

    public let domain: String
    public let rows: [Row]

    /// `domain` is host, zone, region or provider.
    public init(simulator: FailureSimulator, domain: String) {
        self.domain = domain
        let graph = simulator.graph
        var failures: [(name: String, target: FailureSimulator.Target)] = []
        switch domain {
        case "host", "provider":
            let kind: TopologyGraph.Kind = domain == "host" ? .host : .provider
            for (number, node) in graph.nodes.enumerated() where node.kind == kind {
                failures.append((graph.name(number), .entity(number)))
            }
        case "zone":
            failures = graph.hostsByZone.keys.sorted().map { ("zone '\($0)'", .zone($0)) }
        default:
            failures = graph.providersByRegion.keys.sorted().map { ("region '\($0)'", .region($0)) }
        }
        // Rows need states only: reasons would be written for every node of every failure.
        let simulator = simulator.withoutReasons()
        rows = failures.map { failure in Self.row(failure.name, simulator.simulate([failure.target])) }
        .sorted { lhs, rhs in
            let left = (lhs.down.count, lhs.readOnly.count + lhs.impaired.count, lhs.degraded.count, lhs.affected)
            let right = (rhs.down.count, rhs.readOnly.count + rhs.impaired.count, rhs.degraded.count, rhs.affected)
            if left != right { return left > right }
            return lhs.failure < rhs.failure
        }
    }

    /// What one failure's outcome does to production services.
    /// Each list in the order of `outcome.affected` (by id within a state), without sorting
    /// every affected node: only the production services are sorted.
    static func row(_ failure: String, _ outcome: FailureSimulator.Outcome) -> Row {
        let graph = outcome.graph
        var byHealth: [Health: [String]] = [:]
        for (node, entry) in outcome.states where graph.nodes[node].kind == .service && graph.isProduction(node) {
            byHealth[entry.health, default: []].append(graph.nodes[node].id)
        }
        for health in byHealth.keys { byHealth[health]?.sort() }
        return Row(failure: failure, down: byHealth[.down] ?? [], readOnly: byHealth[.readOnly] ?? [],
                   impaired: byHealth[.impaired] ?? [], degraded: byHealth[.degraded] ?? [], affected: outcome.states.count)
    }
}

import Testing
@testable import InfraTopology

/// What any failure simulation must respect, whatever the topology (issue 22, item 8), checked on
/// random topologies of every shape `NMinusOneCountingTests.randomInventory` makes:
/// - failing nothing changes nothing;
/// - a failed entity is down;
/// - failing A and B together is never better, for any node, than failing A or B alone;
/// - the order in which failures are given does not matter, down to the reasons.
struct SimulationPropertyTests {
    /// Every host, provider and cluster, every zone and every region of the graph.
    static func targets(_ graph: TopologyGraph) -> [FailureSimulator.Target] {
        var targets = graph.nodes.indices
            .filter { [.host, .provider, .cluster].contains(graph.nodes[$0].kind) }
            .map(FailureSimulator.Target.entity)
        targets += graph.hostsByZone.keys.sorted().map(FailureSimulator.Target.zone)
        targets += graph.providersByRegion.keys.sorted().map(FailureSimulator.Target.region)
        return targets
    }

    static func describe(_ outcome: FailureSimulator.Outcome) -> [String] {
        outcome.states.keys.sorted().map { node in
            let entry = outcome.states[node]!
            return "\(node) \(entry.health.label) \(entry.cause.source.map(String.init) ?? "-") \(entry.cause.reason)"
        }
    }

    @Test(arguments: 0..<150)
    func failuresOnlyEverMakeThingsWorseAndTheirOrderDoesNotCount(seed: Int) throws {
        let inventory = try decode(NMinusOneCountingTests.randomInventory(UInt64(seed) &+ 10_000)).inventory
        let simulator = FailureSimulator(inventory)
        let graph = simulator.graph
        let nothing = simulator.simulate([])
        #expect(nothing.states.isEmpty, "seed \(seed): failing nothing changed \(Self.describe(nothing))")

        let targets = Self.targets(graph)
        try #require(!targets.isEmpty)
        let alone = targets.map { simulator.simulate([$0]) }
        for (target, outcome) in zip(targets, alone) {
            if case .entity(let node) = target {
                #expect(outcome.health(node) == .down, "seed \(seed): \(graph.nodes[node].id) failed but is \(outcome.health(node).label)")
            }
        }
        var random = SplitMix(seed: UInt64(seed))
        for _ in 0..<12 {
            let (a, b) = (random.next(targets.count), random.next(targets.count))
            let together = simulator.simulate([targets[a], targets[b]])
            let reversed = simulator.simulate([targets[b], targets[a]])
            #expect(Self.describe(together) == Self.describe(reversed), "seed \(seed): \(targets[a]) + \(targets[b]) depends on their order")
            for node in graph.nodes.indices {
                let worstAlone = max(alone[a].health(node), alone[b].health(node))
                #expect(together.health(node) >= worstAlone,
                        "seed \(seed): \(graph.nodes[node].id) is \(together.health(node).label) with \(targets[a]) and \(targets[b]) failed, \(worstAlone.label) with one of them")
            }
        }
    }
}

import InfraModel

/// What fails when part of the system dies, and why.
///
/// A failure sets some nodes down; the simulator re-evaluates only the nodes that depend on what
/// changed, and a node's state only ever gets worse, so propagation ends even through dependency
/// cycles, and costs what the failure reaches rather than the size of the inventory.
public struct FailureSimulator: Sendable {
    /// The graph and the trees, shared by every copy of this simulator and by its outcomes.
    let model: SimulationModel
    public var graph: TopologyGraph { model.graph }

    /// Consensus stores that keep answering reads when they lose quorum (Deis v1 docs: "Ceph will
    /// enter a degraded state and go into read-only mode", "Etcd will enter a degraded state and go
    /// into read-only mode"; a MongoDB replica set without a primary serves reads from secondaries).
    static let readOnlyWithoutQuorum: Set<String> = ["etcd", "ceph", "mongodb", "consul", "zookeeper"]

    /// Whether outcomes carry each node's reason. The N-1 tables need only states; without reasons
    /// a simulation builds no text, which was most of the cost of failing each of 100,000 hosts.
    public let explains: Bool

    public init(graph: TopologyGraph, explains: Bool = true) {
        self.init(model: SimulationModel(graph: graph, forest: nil), explains: explains)
    }

    private init(model: SimulationModel, explains: Bool) {
        self.model = model
        self.explains = explains
    }

    /// The same simulator, its outcomes without reasons (empty).
    public func withoutReasons() -> FailureSimulator {
        FailureSimulator(model: SimulationModel(graph: model.graph, forest: nil), explains: false)
    }

    /// The same simulator for counting what many failures do: no reasons, and impairment that
    /// would only spread down a tree is left there, its root in `Outcome.deferred`.
    func forCounting() -> FailureSimulator {
        FailureSimulator(model: SimulationModel(graph: model.graph, forest: ImpairmentForest(graph: model.graph)), explains: false)
    }

    /// An entry whose reason is only written when outcomes carry reasons.
    private func entry(_ health: Health, _ source: Int?, _ reason: @autoclosure () -> String) -> Entry {
        Entry(health: health, cause: HealthCause(source: source, reason: explains ? reason() : ""))
    }

    public init(_ inventory: Inventory) {
        self.init(graph: TopologyGraph(inventory))
    }

    /// The state and cause of one node after a failure.
    public struct Entry: Sendable, Equatable {
        public let health: Health
        public let cause: HealthCause
    }

    /// What a failure did: every node that is not up, with its cause.
    public struct Outcome: Sendable {
        let model: SimulationModel
        public var graph: TopologyGraph { model.graph }
        /// The nodes failed directly.
        public let failed: [Int]
        public let states: [Int: Entry]
        /// Impaired tree nodes whose subtree is impaired too but not in `states` (only from a
        /// simulator made by `forCounting()`): see `ImpairmentForest`.
        let deferred: [Int]
        /// The trees `deferred` refers to.
        var forest: ImpairmentForest? { model.forest }

        init(model: SimulationModel, failed: [Int], states: [Int: Entry], deferred: [Int]) {
            (self.model, self.failed, self.states, self.deferred) = (model, failed, states, deferred)
        }

        public func health(_ node: Int) -> Health { states[node]?.health ?? .up }

        /// The node, the node that caused its state, and so on back to a failed node.
        public func chain(_ node: Int) -> [Int] {
            var chain = [node]
            var seen: Set<Int> = [node]
            var current = node
            while let source = states[current]?.cause.source, seen.insert(source).inserted {
                chain.append(source)
                current = source
            }
            return chain
        }

        /// How far a node is from the failure (the length of its chain less one) and the failed node
        /// its chain ends at.
        public struct Depth: Sendable, Equatable {
            public let distance: Int
            public let root: Int
        }

        /// Every affected node's depth, found in one pass: a chain is walked only up to a node whose
        /// depth is known, so a chain of 100,000 dependents costs 100,000 steps, not 5 billion.
        public func depths() -> [Int: Depth] {
            var result: [Int: Depth] = [:]
            result.reserveCapacity(states.count)
            for start in states.keys where result[start] == nil {
                var path: [Int] = []
                var onPath = Set<Int>()
                var current = start
                var base: Depth?
                while true {
                    if let known = result[current] { base = known; break }
                    guard onPath.insert(current).inserted else { break }
                    path.append(current)
                    guard let source = states[current]?.cause.source else {
                        base = Depth(distance: -1, root: current)
                        break
                    }
                    current = source
                }
                guard let base else {
                    // Causes that run in a circle (rare): each node's chain stops where it repeats.
                    for node in path { let chain = chain(node); result[node] = Depth(distance: chain.count - 1, root: chain[chain.count - 1]) }
                    continue
                }
                for (offset, node) in path.reversed().enumerated() {
                    result[node] = Depth(distance: base.distance + 1 + offset, root: base.root)
                }
            }
            return result
        }

        /// The node's chain when it has at most `limit` links; else its first `limit - 2` links, the
        /// number left out and the failed node it ends at, so a long chain costs one line, not its length.
        public func shortChain(_ node: Int, limit: Int, depth: Depth?) -> (links: [Int], omitted: Int, root: Int?) {
            guard let depth, depth.distance + 1 > limit else { return (chain(node), 0, nil) }
            var links = [node]
            while links.count < limit - 2, let source = states[links[links.count - 1]]?.cause.source { links.append(source) }
            return (links, depth.distance + 1 - links.count - 1, depth.root)
        }

        /// Affected nodes, worst first, then by kind and id.
        public var affected: [Int] {
            states.keys.sorted { lhs, rhs in
                let (left, right) = (health(lhs), health(rhs))
                if left != right { return left > right }
                return (model.graph.nodes[lhs].kind.rawValue, model.graph.nodes[lhs].id) < (model.graph.nodes[rhs].kind.rawValue, model.graph.nodes[rhs].id)
            }
        }
    }

    /// A failure target named on the command line, resolved to nodes to fail.
    public enum Target: Sendable, Equatable {
        case entity(Int)
        case zone(String)
        case region(String)

        public var description: String {
            switch self {
            case .entity: "entity"
            case .zone(let zone): "zone '\(zone)'"
            case .region(let region): "region '\(region)'"
            }
        }
    }

    /// Resolves an id: an entity id first, then a zone name, then a region name.
    public func target(_ name: String) -> Target? {
        if let number = model.graph.numbers[name] { return .entity(number) }
        if model.graph.hostsByZone[name] != nil { return .zone(name) }
        if model.graph.providersByRegion[name] != nil { return .region(name) }
        return nil
    }

    /// The nodes a target takes down directly.
    public func nodes(of target: Target) -> [Int] {
        switch target {
        case .entity(let node): [node]
        case .zone(let zone): model.graph.hostsByZone[zone] ?? []
        case .region(let region): model.graph.providersByRegion[region] ?? []
        }
    }

    /// Fails `targets` and propagates. Each node keeps a tally of its inputs, updated as they fail,
    /// so a node is evaluated in constant time however many inputs it has.
    public func simulate(_ targets: [Target]) -> Outcome {
        var scratch = SimulationScratch(nodes: model.graph.nodes.count)
        return simulate(targets, scratch: &scratch)
    }

    /// `simulate`, with the per-node state kept in `scratch` (made for this graph), which many
    /// simulations can share.
    func simulate(_ targets: [Target], scratch: inout SimulationScratch) -> Outcome {
        let run = propagate(targets, scratch: &scratch)
        return Outcome(model: model, failed: run.failed, states: scratch.states(), deferred: run.deferred)
    }

    /// Fails `targets` and propagates, leaving each node's state in `scratch` (its `written` nodes),
    /// where the N-1 tables read them without a dictionary of every state: the nodes failed directly,
    /// and the tree nodes whose impairment was left in their subtree (`Outcome.deferred`).
    func propagate(_ targets: [Target], scratch: inout SimulationScratch) -> (failed: [Int], deferred: [Int]) {
        let failed = Array(Set(targets.flatMap(nodes(of:)))).sorted()
        scratch.begin()
        var heaps = scratch.takeHeaps()
        defer { scratch.putHeaps(heaps) }
        var queue: [Int] = []
        var deferred: [Int] = []
        let (graph, treeNodes) = (model.graph, model.treeNodes)
        func record(_ node: Int, _ entry: Entry) {
            let old = scratch.health(node)
            scratch.set(node, entry)
            // An impaired tree node impairs its subtree and nothing else: the counting leaves it there.
            let defers = entry.health == .impaired && !treeNodes.isEmpty && treeNodes[node]
            if defers { deferred.append(node) }
            for index in graph.dependentRange(of: node) {
                let dependent = graph.dependent(at: index)
                scratch.updateTally(dependent.node, dependent.position, dependent.edge, from: old, to: entry.health, heaps: &heaps)
                if !defers { queue.append(dependent.node) }
            }
        }
        for node in failed {
            record(node, entry(.down, nil, "failed"))
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            // A node that is down can get no worse (the failed nodes are down): nothing to evaluate.
            let current = scratch.health(node)
            guard current < .down else { continue }
            var tally = scratch.tally(node)
            let entry = evaluate(node, &tally, &heaps, floor: current) { scratch.health($0) }
            scratch.putTally(node, tally)
            if let entry, entry.health > current {
                record(node, entry)
            }
        }
        return (failed, deferred)
    }

    // MARK: Evaluating one node from its inputs

    /// The node at `position` among `node`'s inputs. Evaluating reads the inputs it names only: holding
    /// the node's array of inputs would retain it, and reach its memory, at every evaluation.
    private func input(_ node: Int, _ position: Int) -> Int { model.graph.nodes[node].inputs[position].node }

    /// What the node's inputs make of it; `floor` is its state now (a service's cause no worse is
    /// not looked up).
    private func evaluate(_ node: Int, _ tally: inout InputTally, _ heaps: inout InputTally.Heaps, floor: Health,
                          _ health: (Int) -> Health) -> Entry? {
        switch model.kinds[node] {
        case .provider:
            return nil
        case .host:
            guard let provider = tally.firstProviderDown.map({ input(node, $0) }) else { return nil }
            return entry(.down, provider, "its provider is down")
        case .cluster:
            return evaluateCluster(node, tally)
        case .service:
            return evaluateService(node, &tally, &heaps, floor: floor, health)
        case .datastore:
            guard let place = model.graph.nodes[node].inputs.first?.node, health(place) > .up else { return nil }
            let state = health(place)
            return entry(state == .impaired ? .impaired : state, place, "runs on \(model.graph.name(place)), which is \(state.label)")
        case .dns:
            return evaluateZone(node, tally)
        case .monitor:
            guard let place = tally.firstInstanceHurt.map({ input(node, $0) }) else { return nil }
            return entry(.down, place, "runs on \(model.graph.name(place)), which is \(health(place).label)")
        }
    }

    private func evaluateCluster(_ node: Int, _ tally: InputTally) -> Entry? {
        // A cluster's inputs are its members.
        let inputs = model.graph.nodes[node].inputs
        guard let firstDown = tally.firstDown.map({ input(node, $0) }) else { return nil }
        guard let cluster = model.graph.index.clusters[model.graph.nodes[node].id] else { return nil }
        let voters = model.graph.nodes[node].voters
        let liveMembers = inputs.count - tally.down
        if cluster.consensus == .majority, voters > 0 {
            let quorum = voters / 2 + 1
            let live = voters - tally.downVoters
            if live < quorum {
                let state: Health = Self.readOnlyWithoutQuorum.contains(cluster.kind.lowercased()) ? .readOnly : .down
                return entry(state, firstDown, "\(live) of \(voters) voters left, quorum of \(quorum) lost")
            }
            return entry(.degraded, firstDown, "\(live) of \(voters) voters left, quorum of \(quorum) kept")
        }
        if liveMembers == 0 {
            return entry(.down, firstDown, "no member left")
        }
        return entry(.degraded, firstDown, "\(liveMembers) of \(inputs.count) members left")
    }

    /// The worst of what its instances, provider, dependencies and backends do to a service; of
    /// equally bad causes, the first in the order the inputs are written. Nil when that is no worse
    /// than `floor`, the state it has: a cause no worse is not looked up, nor are the counts it
    /// would need (each is a read of the node's record, or of its inputs, somewhere in memory).
    private func evaluateService(_ node: Int, _ tally: inout InputTally, _ heaps: inout InputTally.Heaps,
                                 floor: Health, _ health: (Int) -> Health) -> Entry? {
        var worst: Entry?
        var bar: Health { worst?.health ?? floor }
        func consider(_ state: Health, _ position: Int, _ reason: (Int) -> String) {
            guard state > bar else { return }
            let source = input(node, position)
            worst = entry(state, source, reason(source))
        }
        func name(_ node: Int) -> String { model.graph.name(node) }
        if let position = tally.firstDown, bar < .down {
            let instances = model.graph.nodes[node].instances
            if tally.down == instances {
                consider(.down, position) { instances == 1 ? "runs only on \(name($0))" : "all \(instances) places it runs on are down" }
            } else {
                consider(.degraded, position) { _ in "\(instances - tally.down) of \(instances) places it runs on left" }
            }
        }
        // A platform that lost quorum keeps its applications running but cannot change them.
        let atPosition = { (position: Int) in health(self.input(node, position)) }
        for effect in [Health.impaired, .degraded] where effect > bar {
            let position = effect == .impaired ? tally.firstImpairedInstance(&heaps, atPosition) : tally.firstDegradedInstance(&heaps, atPosition)
            guard let position else { continue }
            consider(effect, position) { "runs on \(name($0)), which is \(health($0).label)" }
        }
        if let position = tally.firstDependencyHurt {
            consider(.impaired, position) { "depends on \(name($0)), which is \(health($0).label)" }
        }
        if let position = tally.firstProviderDown {
            consider(.down, position) { "its \(name($0)) is down" }
        }
        if let position = tally.firstBackendDown, bar < .down {
            let backends = model.graph.nodes[node].backends
            let allDead = tally.backendsDown == backends
            consider(allDead ? .down : .degraded, position) { _ in
                allDead ? "no live backend" : "\(backends - tally.backendsDown) of \(backends) backends left"
            }
        }
        return worst
    }

    private func evaluateZone(_ node: Int, _ tally: InputTally) -> Entry? {
        let inputs = model.graph.nodes[node].inputs
        guard let first = tally.firstDown.map({ input(node, $0) }) else { return nil }
        if tally.down == inputs.count {
            return entry(.down, first, "every target is down")
        }
        if let unguarded = tally.firstUnguardedDown.map({ input(node, $0) }) {
            return entry(.impaired, unguarded, "still sends clients to \(model.graph.name(unguarded)), which is down and not monitored")
        }
        return entry(.degraded, first, "its monitored pool routes around \(model.graph.name(first))")
    }
}

/// What a simulator reads and never changes: copying a simulator or an outcome copies one reference
/// to it, not one per table of the graph (on 100,000 single-host failures those copies were a
/// sixth of the N-1 table).
final class SimulationModel: Sendable {
    let graph: TopologyGraph
    let forest: ImpairmentForest?
    /// Each node's kind, and whether it is a tree node of `forest` (empty without one): read at
    /// every step of a simulation, from a byte a node rather than from the node's whole record.
    let kinds: [TopologyGraph.Kind]
    let treeNodes: [Bool]

    init(graph: TopologyGraph, forest: ImpairmentForest?) {
        (self.graph, self.forest) = (graph, forest)
        kinds = graph.nodes.map(\.kind)
        treeNodes = forest?.isTree ?? []
    }
}

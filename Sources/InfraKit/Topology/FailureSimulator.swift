/// What fails when part of the system dies, and why.
///
/// A failure sets some nodes down; the simulator re-evaluates only the nodes that depend on what
/// changed, and a node's state only ever gets worse, so propagation ends even through dependency
/// cycles, and costs what the failure reaches rather than the size of the inventory.
public struct FailureSimulator: Sendable {
    public let graph: TopologyGraph

    /// Consensus stores that keep answering reads when they lose quorum (Deis v1 docs: "Ceph will
    /// enter a degraded state and go into read-only mode", "Etcd will enter a degraded state and go
    /// into read-only mode"; a MongoDB replica set without a primary serves reads from secondaries).
    static let readOnlyWithoutQuorum: Set<String> = ["etcd", "ceph", "mongodb", "consul", "zookeeper"]

    public init(graph: TopologyGraph) {
        self.graph = graph
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
        public let graph: TopologyGraph
        /// The nodes failed directly.
        public let failed: [Int]
        public let states: [Int: Entry]

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

        /// Affected nodes, worst first, then by kind and id.
        public var affected: [Int] {
            states.keys.sorted { lhs, rhs in
                let (left, right) = (health(lhs), health(rhs))
                if left != right { return left > right }
                return (graph.nodes[lhs].kind.rawValue, graph.nodes[lhs].id) < (graph.nodes[rhs].kind.rawValue, graph.nodes[rhs].id)
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
        if let number = graph.numbers[name] { return .entity(number) }
        if graph.hostsByZone[name] != nil { return .zone(name) }
        if graph.providersByRegion[name] != nil { return .region(name) }
        return nil
    }

    /// The nodes a target takes down directly.
    public func nodes(of target: Target) -> [Int] {
        switch target {
        case .entity(let node): [node]
        case .zone(let zone): graph.hostsByZone[zone] ?? []
        case .region(let region): graph.providersByRegion[region] ?? []
        }
    }

    /// Fails `targets` and propagates.
    public func simulate(_ targets: [Target]) -> Outcome {
        let failed = Array(Set(targets.flatMap(nodes(of:)))).sorted()
        var states: [Int: Entry] = [:]
        var queue: [Int] = []
        for node in failed {
            states[node] = Entry(health: .down, cause: HealthCause(source: nil, reason: "failed"))
            queue += graph.dependents(of: node)
        }
        let forced = Set(failed)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            guard !forced.contains(node), let entry = evaluate(node, states) else { continue }
            if entry.health > (states[node]?.health ?? .up) {
                states[node] = entry
                queue += graph.dependents(of: node)
            }
        }
        return Outcome(graph: graph, failed: failed, states: states)
    }

    // MARK: Evaluating one node from its inputs

    private func evaluate(_ node: Int, _ states: [Int: Entry]) -> Entry? {
        let inputs = graph.nodes[node].inputs
        func health(_ input: Int) -> Health { states[input]?.health ?? .up }
        switch graph.nodes[node].kind {
        case .provider:
            return nil
        case .host:
            guard let provider = inputs.first(where: { health($0.node) == .down }) else { return nil }
            return Entry(health: .down, cause: HealthCause(source: provider.node, reason: "its provider is down"))
        case .cluster:
            return evaluateCluster(node, inputs, health)
        case .service:
            return evaluateService(inputs, health)
        case .datastore:
            guard let place = inputs.first, health(place.node) > .up else { return nil }
            let state = health(place.node)
            let reason = "runs on \(graph.name(place.node)), which is \(state.label)"
            return Entry(health: state == .impaired ? .impaired : state, cause: HealthCause(source: place.node, reason: reason))
        case .dns:
            return evaluateZone(inputs, health)
        case .monitor:
            guard let place = inputs.first(where: { health($0.node) >= .impaired }) else { return nil }
            return Entry(health: .down, cause: HealthCause(source: place.node, reason: "runs on \(graph.name(place.node)), which is \(health(place.node).label)"))
        }
    }

    private func evaluateCluster(_ node: Int, _ inputs: [(node: Int, edge: TopologyGraph.Edge)], _ health: (Int) -> Health) -> Entry? {
        let members = inputs.filter { if case .member = $0.edge { return true } else { return false } }
        guard let firstDown = members.first(where: { health($0.node) == .down }) else { return nil }
        guard let cluster = graph.index.clusters[graph.nodes[node].id] else { return nil }
        let voters = members.filter { if case .member(votes: true) = $0.edge { return true } else { return false } }
        let downVoters = voters.filter { health($0.node) == .down }.count
        let liveMembers = members.filter { health($0.node) < .down }.count
        let cause = { (reason: String) in HealthCause(source: firstDown.node, reason: reason) }
        if cluster.consensus == .majority, !voters.isEmpty {
            let quorum = voters.count / 2 + 1
            let live = voters.count - downVoters
            if live < quorum {
                let state: Health = Self.readOnlyWithoutQuorum.contains(cluster.kind.lowercased()) ? .readOnly : .down
                return Entry(health: state, cause: cause("\(live) of \(voters.count) voters left, quorum of \(quorum) lost"))
            }
            return Entry(health: .degraded, cause: cause("\(live) of \(voters.count) voters left, quorum of \(quorum) kept"))
        }
        if liveMembers == 0 {
            return Entry(health: .down, cause: cause("no member left"))
        }
        return Entry(health: .degraded, cause: cause("\(liveMembers) of \(members.count) members left"))
    }

    private func evaluateService(_ inputs: [(node: Int, edge: TopologyGraph.Edge)], _ health: (Int) -> Health) -> Entry? {
        var worst: Entry?
        func consider(_ entry: Entry) {
            if entry.health > (worst?.health ?? .up) { worst = entry }
        }
        let instances = inputs.filter { if case .instance = $0.edge { return true } else { return false } }
        if !instances.isEmpty {
            let down = instances.filter { health($0.node) == .down }
            if down.count == instances.count, let first = down.first {
                let reason = instances.count == 1 ? "runs only on \(graph.name(first.node))" : "all \(instances.count) places it runs on are down"
                consider(Entry(health: .down, cause: HealthCause(source: first.node, reason: reason)))
            } else if let first = down.first {
                let reason = "\(instances.count - down.count) of \(instances.count) places it runs on left"
                consider(Entry(health: .degraded, cause: HealthCause(source: first.node, reason: reason)))
            }
            for instance in instances where health(instance.node) > .up && health(instance.node) < .down {
                let state = health(instance.node)
                // A platform that lost quorum keeps its applications running but cannot change them.
                let effect: Health = state >= .impaired ? .impaired : .degraded
                consider(Entry(health: effect, cause: HealthCause(source: instance.node, reason: "runs on \(graph.name(instance.node)), which is \(state.label)")))
            }
        }
        for input in inputs {
            switch input.edge {
            case .provider where health(input.node) == .down:
                consider(Entry(health: .down, cause: HealthCause(source: input.node, reason: "its provider \(graph.name(input.node)) is down")))
            case .dependency where health(input.node) >= .impaired:
                consider(Entry(health: .impaired, cause: HealthCause(source: input.node, reason: "depends on \(graph.name(input.node)), which is \(health(input.node).label)")))
            default:
                break
            }
        }
        let backends = inputs.filter { if case .backend = $0.edge { return true } else { return false } }
        let deadBackends = backends.filter { health($0.node) == .down }
        if let first = deadBackends.first {
            let allDead = deadBackends.count == backends.count
            consider(Entry(health: allDead ? .down : .degraded, cause: HealthCause(
                source: first.node,
                reason: allDead ? "no live backend" : "\(backends.count - deadBackends.count) of \(backends.count) backends left")))
        }
        return worst
    }

    private func evaluateZone(_ inputs: [(node: Int, edge: TopologyGraph.Edge)], _ health: (Int) -> Health) -> Entry? {
        let down = inputs.filter { health($0.node) == .down }
        guard let first = down.first else { return nil }
        if down.count == inputs.count {
            return Entry(health: .down, cause: HealthCause(source: first.node, reason: "every target is down"))
        }
        let unguarded = down.first { input in
            if case .dnsTarget(pooled: true, monitored: true) = input.edge { return false }
            return true
        }
        if let unguarded {
            return Entry(health: .impaired, cause: HealthCause(
                source: unguarded.node, reason: "still sends clients to \(graph.name(unguarded.node)), which is down and not monitored"))
        }
        return Entry(health: .degraded, cause: HealthCause(source: first.node, reason: "its monitored pool routes around \(graph.name(first.node))"))
    }
}

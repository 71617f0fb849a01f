import InfraModel

/// What a change does to the system's failure behaviour: single failures that now hurt more (or
/// less) production services, and consensus clusters whose margin changed.
public struct TopologyDelta: Sendable {
    /// A single failure whose effect on production services changed.
    public struct FailureChange: Sendable, Equatable {
        /// "host 'web-1'", "provider 'aws-us-east-1'".
        public let failure: String
        /// Production services it took down, left read-only or impaired before and after.
        public let before: [String]
        public let after: [String]

        public var isWorse: Bool { !Set(after).isSubset(of: Set(before)) }
    }

    /// A majority-consensus cluster whose voters or tolerated failures changed.
    public struct QuorumChange: Sendable, Equatable {
        public let cluster: String
        public let before: (voters: Int, tolerance: Int)?
        public let after: (voters: Int, tolerance: Int)?

        public static func == (lhs: QuorumChange, rhs: QuorumChange) -> Bool {
            lhs.cluster == rhs.cluster && lhs.before?.voters == rhs.before?.voters && lhs.before?.tolerance == rhs.before?.tolerance
                && lhs.after?.voters == rhs.after?.voters && lhs.after?.tolerance == rhs.after?.tolerance
        }
    }

    public let failures: [FailureChange]
    public let quorum: [QuorumChange]

    public var isEmpty: Bool { failures.isEmpty && quorum.isEmpty }

    /// What a delta needs of the version before a change, kept once that version's document and
    /// model are let go: each majority cluster's margin, a digest of what the failure model reads of
    /// each id (`modelledParts`), and a way to load the version again, asked for only when a change
    /// reaches what the failure model reads and failures must be simulated on it.
    public struct Before: Sendable {
        let margins: [String: QuorumMargin]
        let digests: [String: Int]
        let reload: @Sendable () -> Inventory?

        /// `inventory` summarised; `reload` gives it back (or nil when it cannot be read again).
        public init(_ inventory: Inventory, reload: @escaping @Sendable () -> Inventory?) {
            margins = TopologyDelta.margins(inventory)
            digests = TopologyDelta.digests(of: nil, in: inventory)
            self.reload = reload
        }
    }

    /// Compares every single host and provider failure, and every majority cluster, of two versions.
    ///
    /// `touched` names the entities added, removed or changed (nil: unknown). A host or provider
    /// failure can only have a different outcome when it reaches one of them, in either version, so
    /// only the hosts and providers upstream of a touched entity are simulated: a one-host change
    /// costs two simulations (the host and its provider), not one per host.
    public init(old: Inventory, new: Inventory, touched: Set<String>? = nil) {
        self.init(margins: Self.margins(old), new: new, touched: touched.map { Self.readByTheFailureModel($0, old: old, new: new) }, old: { old })
    }

    /// `init(old:new:touched:)` from the summary of the version before: the same delta, and OLD is
    /// loaded again only when a touched entity differs in what the failure model reads.
    public init(before: Before, new: Inventory, touched: Set<String>?) {
        let read = touched.map { touched in
            let after = Self.digests(of: touched, in: new)
            return touched.filter { before.digests[$0] != after[$0] }
        }
        self.init(margins: before.margins, new: new, touched: read, old: before.reload)
    }

    /// `touched`: the ids read by the failure model that differ (nil: unknown).
    private init(margins: [String: QuorumMargin], new: Inventory, touched: Set<String>?, old: () -> Inventory?) {
        quorum = Self.quorumChanges(before: margins, after: Self.margins(new))
        // Entities changed only where the failure model does not read (a host's `managedBy`, a
        // service's runtime, a backup) fail alike in both versions: without one that changed
        // where it reads, no failure can differ and neither graph is built.
        guard touched?.isEmpty != true, let old = old() else {
            failures = []
            return
        }
        let before = FailureSimulator(old).withoutReasons(), after = FailureSimulator(new).withoutReasons()
        let simulated = Self.failuresToSimulate(before.graph, after.graph, touched: touched)
        let was = Self.hurt(before, failures: simulated), now = Self.hurt(after, failures: simulated)
        failures = Set(was.keys).union(now.keys).sorted().compactMap { failure in
            let was = was[failure] ?? []
            let now = now[failure] ?? []
            return was == now ? nil : FailureChange(failure: failure, before: was, after: now)
        }
    }

    /// The ids of `touched` whose entities differ between the versions in what `TopologyGraph` and
    /// `FailureSimulator` read of them (and what tells whether they are production).
    static func readByTheFailureModel(_ touched: Set<String>, old: Inventory, new: Inventory) -> Set<String> {
        let before = modelledParts(of: touched, in: old), after = modelledParts(of: touched, in: new)
        return touched.filter { before[$0] != after[$0] }
    }

    /// For each id of `ids`, the parts the failure model reads of each entity with that id, in the
    /// order of the inventory's lists; no entry for an id only entities outside the model have.
    private static func modelledParts(of ids: Set<String>, in inventory: Inventory) -> [String: [[String]]] {
        var result: [String: [[String]]] = [:]
        forEachModelledEntity(in: inventory, ids.contains) { id, parts in result[id, default: []].append(parts) }
        return result
    }

    /// For each id of `ids` (nil: every id), a digest of `modelledParts`: equal parts give equal
    /// digests, and different ones different digests but with a probability of about 2^-64.
    private static func digests(of ids: Set<String>?, in inventory: Inventory) -> [String: Int] {
        var result: [String: Int] = [:]
        forEachModelledEntity(in: inventory, { ids?.contains($0) ?? true }) { id, parts in
            var hasher = Hasher()
            hasher.combine(result[id])
            hasher.combine(parts)
            result[id] = hasher.finalize()
        }
        return result
    }

    /// Calls `body` with the id and the parts the failure model reads of each entity whose id is
    /// `wanted`, in the order of the inventory's lists.
    private static func forEachModelledEntity(in inventory: Inventory, _ wanted: (String) -> Bool, _ body: (String, [String]) -> Void) {
        func add(_ id: String, _ parts: @autoclosure () -> [String]) {
            if wanted(id) { body(id, parts()) }
        }
        let none = "\u{0}"
        for provider in inventory.providers { add(provider.id, ["provider", provider.region ?? none]) }
        for host in inventory.hosts { add(host.id, ["host", host.environment, host.provider, host.zone ?? none]) }
        for cluster in inventory.clusters {
            add(cluster.id, ["cluster", cluster.environment, cluster.kind, cluster.consensus?.rawValue ?? none]
                + cluster.members.flatMap { [$0.host, $0.role.rawValue] })
        }
        for service in inventory.services {
            guard wanted(service.id) else { continue }
            var parts: [String] = ["service", service.environment, service.provider ?? none, "runsOn"]
            parts += service.runsOn
            parts.append("balances")
            parts += service.balances
            parts.append("dependsOn")
            parts += service.dependsOn.map(\.target)
            body(service.id, parts)
        }
        for datastore in inventory.datastores {
            let hosting: [String] = switch datastore.hosting {
            case .host(let id): ["host", id]
            case .cluster(let id): ["cluster", id]
            case .provider(let id): ["provider", id]
            case nil: [none]
            }
            add(datastore.id, ["datastore", datastore.environment] + hosting)
        }
        for zone in inventory.dns {
            let pools: [String] = zone.pools.flatMap { pool -> [String] in ["pool", pool.monitored == true ? "true" : "false"] + pool.members }
            let records: [String] = zone.records.flatMap { record -> [String] in ["record"] + record.targets }
            add(zone.id, ["dns"] + pools + records)
        }
        for monitor in inventory.monitors { add(monitor.id, ["monitor"] + monitor.runsOn + ["watches"] + monitor.watches) }
    }

    /// The ids of the hosts and providers whose failure may differ between the graphs; nil for all of them.
    ///
    /// A failure can only have another outcome when it reaches a touched entity, in either version.
    /// An entity that is a node of one graph only (added, removed, or of another kind) also changes
    /// what its dependents read in the other version, whatever the failure: there, failures that
    /// reach one of its dependents count too. Removing one of two hosts a service runs on changes
    /// what a failure of the other host does.
    static func failuresToSimulate(_ old: TopologyGraph, _ new: TopologyGraph, touched: Set<String>?) -> Set<String>? {
        guard let touched, old.index.ids.idsAreUnique, new.index.ids.idsAreUnique else { return nil }
        // Which services count as production comes from the environments.
        for id in touched where old.index.environments[id] != nil || new.index.environments[id] != nil { return nil }
        let inOneGraph = touched.filter { id in
            switch (old.numbers[id], new.numbers[id]) {
            case (let before?, let after?): old.nodes[before].kind != new.nodes[after].kind
            case (nil, nil): false
            default: true
            }
        }
        var reached = touched
        for graph in [old, new] {
            for node in downstream(of: inOneGraph.compactMap { graph.numbers[$0] }, in: graph) { reached.insert(graph.nodes[node].id) }
        }
        var failures = Set<String>()
        for graph in [old, new] {
            for node in graph.upstream(of: reached.compactMap { graph.numbers[$0] })
            where graph.nodes[node].kind == .host || graph.nodes[node].kind == .provider {
                failures.insert(graph.nodes[node].id)
            }
        }
        return failures
    }

    /// `nodes` and every node that has one of them as an input, directly or through others.
    private static func downstream(of nodes: [Int], in graph: TopologyGraph) -> [Int] {
        var seen = Set(nodes)
        var stack = Array(seen)
        while let node = stack.popLast() {
            for dependent in graph.dependents(of: node) where seen.insert(dependent.node).inserted {
                stack.append(dependent.node)
            }
        }
        return Array(seen)
    }

    /// Production services each failure takes down, leaves read-only or impairs, by failure name.
    private static func hurt(_ simulator: FailureSimulator, failures: Set<String>?) -> [String: [String]] {
        let graph = simulator.graph
        var result: [String: [String]] = [:]
        var scratch = SimulationScratch(nodes: graph.nodes.count)
        for (number, node) in graph.nodes.enumerated() where node.kind == .host || node.kind == .provider {
            guard failures?.contains(node.id) ?? true else { continue }
            result[graph.name(number)] = NMinusOne.hurt(simulator.simulate([.entity(number)], scratch: &scratch))
        }
        return result
    }

    /// A majority cluster's voters and the member failures they survive.
    typealias QuorumMargin = (voters: Int, tolerance: Int)

    private static func margins(_ inventory: Inventory) -> [String: QuorumMargin] {
        var result: [String: QuorumMargin] = [:]
        for cluster in inventory.clusters where cluster.consensus == .majority {
            let voters = cluster.votingMembers.count
            result[cluster.id] = (voters, Cluster.tolerance(of: voters))
        }
        return result
    }

    private static func quorumChanges(before marginsBefore: [String: QuorumMargin], after marginsAfter: [String: QuorumMargin]) -> [QuorumChange] {
        Set(marginsBefore.keys).union(marginsAfter.keys).sorted().compactMap { id in
            let was = marginsBefore[id]
            let now = marginsAfter[id]
            guard was?.voters != now?.voters || was?.tolerance != now?.tolerance else { return nil }
            return QuorumChange(cluster: id, before: was, after: now)
        }
    }
}

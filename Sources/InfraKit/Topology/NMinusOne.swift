/// Every single failure of one kind of domain, and what each does to production services.
public struct NMinusOne: Sendable {
    /// The most production services a row names in each state. A failure at the head of a chain of
    /// N services hurts all of them, and every failure along it most of them: naming them all makes
    /// the table grow with N². The counts are always whole.
    public static let namesKept = 25

    public struct Row: Sendable {
        /// "host 'web-1'", "zone 'us-east-1a'", ...
        public let failure: String
        /// How many production services the failure takes down, leaves read-only, impairs and degrades.
        public let downCount: Int
        public let readOnlyCount: Int
        public let impairedCount: Int
        public let degradedCount: Int
        /// The first `namesKept` of those production services in each state, by id.
        public let down: [String]
        public let readOnly: [String]
        public let impaired: [String]
        public let degraded: [String]
        /// The first `namesKept` of the production services down, read-only or impaired, by id.
        public let hurt: [String]
        /// Every node affected, production or not.
        public let affected: Int

        public var hurtCount: Int { downCount + readOnlyCount + impairedCount }
    }

    public let domain: String
    public let rows: [Row]

    /// `domain` is host, zone, region or provider. `deferring: false` makes the simulator visit
    /// every node each failure reaches (what `simulate --fail` does), for checking the counts.
    public init(simulator: FailureSimulator, domain: String, deferring: Bool = true) {
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
        // Rows need states only, and counts of what impairment reaches rather than a visit to each.
        let simulator = deferring ? simulator.forCounting() : simulator.withoutReasons()
        var scratch = SimulationScratch(nodes: graph.nodes.count)
        let order = simulator.model.forest.map { ProductionOrder(rank: $0.rank, ranked: $0.ranked) } ?? ProductionOrder(graph)
        rows = failures.map { failure in
            let deferred = simulator.propagate([failure.target], scratch: &scratch).deferred
            return Self.row(failure.name, scratch, deferred: deferred, simulator.model, order)
        }
        .sorted { lhs, rhs in
            let left = (lhs.downCount, lhs.readOnlyCount + lhs.impairedCount, lhs.degradedCount, lhs.affected)
            let right = (rhs.downCount, rhs.readOnlyCount + rhs.impairedCount, rhs.degradedCount, rhs.affected)
            if left != right { return left > right }
            return lhs.failure < rhs.failure
        }
    }

    /// Production services one failure takes down, leaves read-only or impairs, by id: every one,
    /// from an outcome with nothing deferred.
    static func hurt(_ outcome: FailureSimulator.Outcome) -> [String] {
        let graph = outcome.graph
        return outcome.states.compactMap { node, entry in
            graph.nodes[node].kind == .service && graph.isProduction(node) && entry.health >= .impaired ? graph.nodes[node].id : nil
        }.sorted()
    }

    /// What one failure does to production services: the states the simulator wrote, read where it
    /// left them in `scratch` in the order written (no dictionary of them all: a zone of a dense
    /// inventory of 100,000 hosts writes 220,000), and the subtrees it left impaired (`deferred`, each
    /// counted from its sums, its names from the few it keeps). A row costs what the failure reached.
    static func row(_ failure: String, _ scratch: SimulationScratch, deferred: [Int], _ model: SimulationModel,
                    _ order: ProductionOrder) -> Row {
        let graph = model.graph
        let subtrees = DeferredSubtrees(forest: model.forest, deferred: deferred)
        // The final state of each production service the simulator wrote: at least impaired inside a subtree.
        var byHealth = [FirstRanks](repeating: FirstRanks(limit: namesKept), count: Health.allCases.count)
        var inside = 0, productionInside = 0
        for node in scratch.written {
            let isInside = subtrees.contains(node)
            if isInside { inside += 1 }
            let rank = order.rank[node]
            guard rank >= 0 else { continue }
            if isInside { productionInside += 1 }
            let health = scratch.health(node)
            byHealth[(isInside ? max(health, .impaired) : health).rawValue].add(rank)
        }
        let (down, readOnly, impaired, degraded) = (byHealth[Health.down.rawValue], byHealth[Health.readOnly.rawValue],
                                                    byHealth[Health.impaired.rawValue], byHealth[Health.degraded.rawValue])
        // Ranks are in the order of ids: no id is copied, retained or compared but the few kept.
        func ids(_ ranks: some Sequence<Int32>) -> [String] { ranks.map { graph.nodes[order.ranked[Int($0)]].id } }
        // The first names of a union are among the first names of each part.
        let hurtRanks = (down.first + readOnly.first + impaired.first).sorted().prefix(namesKept)
        let impairedNames = subtrees.firstImpaired(ids(impaired.first), graph, limit: namesKept) { scratch.health($0) }
        let hurtNames = subtrees.first(ids(hurtRanks), graph, limit: namesKept)
        return Row(failure: failure,
                   downCount: down.count, readOnlyCount: readOnly.count,
                   impairedCount: impaired.count + subtrees.productionServices - productionInside, degradedCount: degraded.count,
                   down: ids(down.first), readOnly: ids(readOnly.first), impaired: impairedNames,
                   degraded: ids(degraded.first), hurt: hurtNames,
                   affected: scratch.written.count - inside + subtrees.size)
    }
}

/// How many production services a row counts in one state, and the `limit` of them of smallest
/// rank (id), kept sorted as they come: one comparison for most of the 300,000 a zone can hurt.
struct FirstRanks {
    let limit: Int
    private(set) var count = 0
    private(set) var first: [Int32] = []

    init(limit: Int) { self.limit = limit }

    /// Counts a production service; its rank is not among those added before.
    mutating func add(_ rank: Int32) {
        count += 1
        guard first.count < limit || rank < first[first.count - 1] else { return }
        first.insert(rank, at: first.firstIndex { $0 > rank } ?? first.count)
        if first.count > limit { first.removeLast() }
    }
}

/// Production services in the order of their ids: each one's rank, -1 for every other node, and the
/// service of each rank.
struct ProductionOrder {
    let rank: [Int32]
    let ranked: [Int]

    init(rank: [Int32], ranked: [Int]) {
        (self.rank, self.ranked) = (rank, ranked)
    }

    init(_ graph: TopologyGraph) {
        let services = graph.nodes.indices.filter { graph.nodes[$0].kind == .service && graph.isProduction($0) }
        ranked = services.sorted { graph.nodes[$0].id < graph.nodes[$1].id }
        var rank = [Int32](repeating: -1, count: graph.nodes.count)
        for (position, node) in ranked.enumerated() { rank[node] = Int32(position) }
        self.rank = rank
    }
}

/// The subtrees an outcome left impaired, outermost only (subtrees are nested or apart).
struct DeferredSubtrees {
    private let forest: ImpairmentForest?
    /// Outermost roots, by pre-order number.
    private let roots: [Int]
    /// Nodes and production services in them.
    let size: Int
    let productionServices: Int

    init(_ outcome: FailureSimulator.Outcome) {
        self.init(forest: outcome.forest, deferred: outcome.deferred)
    }

    /// The subtrees of `forest` whose roots are `deferred` (`FailureSimulator.Outcome.deferred`).
    init(forest: ImpairmentForest?, deferred: [Int]) {
        self.forest = forest
        var roots: [Int] = []
        if let forest, !deferred.isEmpty {
            for root in Set(deferred).sorted(by: { forest.pre[$0] < forest.pre[$1] }) {
                if let last = roots.last, forest.contains(last, root) { continue }
                roots.append(root)
            }
        }
        self.roots = roots
        size = roots.reduce(0) { $0 + (forest?.size[$1] ?? 0) }
        productionServices = roots.reduce(0) { $0 + (forest?.productionServices[$1] ?? 0) }
    }

    func contains(_ node: Int) -> Bool {
        guard let forest, !roots.isEmpty, forest.pre[node] >= 0 else { return false }
        // The last root that starts at or before the node in pre-order is the only candidate.
        var (low, high) = (0, roots.count)
        while low < high {
            let middle = (low + high) / 2
            if forest.pre[roots[middle]] <= forest.pre[node] { low = middle + 1 } else { high = middle }
        }
        return low > 0 && forest.contains(roots[low - 1], node)
    }

    /// The `limit` smallest ids of `written` and of every production service in the subtrees
    /// (all hurt: at least impaired).
    /// `written` is sorted.
    func first(_ written: [String], _ graph: TopologyGraph, limit: Int) -> [String] {
        guard let forest, !roots.isEmpty else { return Array(written.prefix(limit)) }
        var ranks: [Int32] = []
        for root in roots { ranks = ImpairmentForest.merged(ranks, forest.smallest[root], limit: limit) }
        let names = ranks.map { graph.nodes[forest.ranked[Int($0)]].id }
        return smallest(Set(written + names), limit: limit)
    }

    /// The `limit` smallest ids of the production services impaired: those written impaired and those
    /// in the subtrees that the simulator did not write worse. A subtree whose kept names are used
    /// up by worse ones is walked whole. `health` is each node's state as the simulator wrote it, up
    /// for a node it did not write.
    /// `written` is sorted.
    func firstImpaired(_ written: [String], _ graph: TopologyGraph, limit: Int, health: (Int) -> Health) -> [String] {
        guard let forest, !roots.isEmpty else { return Array(written.prefix(limit)) }
        var names = written
        // A node in a subtree that the simulator did not write is impaired.
        func impaired(_ node: Int) -> Bool { health(node) <= .impaired }
        for root in roots {
            let kept = forest.smallest[root]
            let usable = kept.map { forest.ranked[Int($0)] }.filter(impaired)
            if usable.count >= limit || kept.count == forest.productionServices[root] {
                names += usable.map { graph.nodes[$0].id }
            } else {
                names += forest.subtree(of: root).filter { forest.rank[$0] >= 0 && impaired($0) }.map { graph.nodes[$0].id }
            }
        }
        return smallest(Set(names), limit: limit)
    }
}

/// The `limit` smallest of `ids`, in order: what `ids.sorted().prefix(limit)` gives, without sorting
/// them all (a zone failure hurts 300,000 nodes, and a row names 25).
func smallest(_ ids: some Sequence<String>, limit: Int) -> [String] {
    var ids = Array(ids)
    ids.moveSmallestToFront(limit, by: <)
    return ids.prefix(limit).sorted()
}

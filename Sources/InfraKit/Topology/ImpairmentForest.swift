/// The parts of the graph where impairment spreads like water down a tree, so that the N-1 tables
/// can count what a failure impairs without visiting it.
///
/// A node that is impaired impairs every service that depends on it and everything that runs on it
/// (a monitor running on it goes down), whatever else is true: impairment passes along those
/// *spreading* edges unconditionally, and no other edge reacts to it (load balancers, DNS zones and
/// clusters count only inputs that are down). A node is a *tree* node when everything the spreading
/// edges reach from it is reached through exactly one spreading edge, and no monitor it reaches has
/// dependents. Impairing a tree node then impairs exactly its subtree, and two subtrees are either
/// nested or apart, so the simulator can stop at a tree node and the table can add up subtree sizes.
///
/// On a chain of N services this turns the N² steps of failing each host into N: failing the host
/// at the head of the chain impairs the rest of it, and the count is one subtraction.
struct ImpairmentForest: Sendable {
    /// The most production services a subtree keeps the names of, smallest id first: enough for
    /// `NMinusOne.namesKept` after leaving out as many that are worse than impaired.
    static let namesKept = 2 * NMinusOne.namesKept

    /// For each node: whether it is a tree node.
    private(set) var isTree: [Bool]
    /// Pre-order number and the pre-order number past its subtree, for tree nodes (containment is
    /// `pre[a] <= pre[b] < end[a]`).
    private(set) var pre: [Int]
    private(set) var end: [Int]
    /// Nodes in the subtree, itself included; production services among them.
    private(set) var size: [Int]
    private(set) var productionServices: [Int]
    /// The subtree's production services of smallest id, as ranks in `TopologyGraph`'s id order.
    private(set) var smallest: [[Int32]]
    /// Children along spreading edges, for walking a subtree whose kept names ran short.
    private let children: [[Int]]
    /// Rank of each production service by id; -1 for other nodes.
    let rank: [Int32]
    /// Production service node by rank.
    let ranked: [Int]

    /// Whether a node can ever be exactly impaired (an over-approximation): a service with a
    /// dependency or an instance that can be read-only or impaired, a datastore on such an instance,
    /// a DNS zone with targets. Hosts and providers are up or down, clusters degraded, read-only or
    /// down, monitors up or down. Only inputs that can be impaired pass impairment on, so a service
    /// that depends on the previous one of a chain and on a datastore on a host has one spreading input.
    static func canBeImpaired(_ node: TopologyGraph.Node, _ graph: TopologyGraph) -> Bool {
        func placeCanBe(_ input: (node: Int, edge: TopologyGraph.Edge)) -> Bool {
            guard case .instance = input.edge else { return false }
            switch graph.nodes[input.node].kind {
            case .cluster, .service, .datastore, .dns: return true
            case .provider, .host, .monitor: return false
            }
        }
        switch node.kind {
        case .service:
            return node.inputs.contains { input in
                if case .dependency = input.edge { return true }
                return placeCanBe(input)
            }
        case .datastore:
            return node.inputs.contains { placeCanBe($0) && graph.nodes[$0.node].kind != .cluster }
        case .dns:
            return !node.inputs.isEmpty
        case .provider, .host, .cluster, .monitor:
            return false
        }
    }

    /// Whether an input reached through `edge` passes impairment on to the dependent.
    static func spreads(_ edge: TopologyGraph.Edge) -> Bool {
        switch edge {
        case .dependency, .instance: true
        case .provider, .backend, .member, .dnsTarget: false
        }
    }

    init(graph: TopologyGraph) {
        let count = graph.nodes.count
        var children = [[Int]](repeating: [], count: count)
        var spreadingInputs = [Int](repeating: 0, count: count)
        let impairable = graph.nodes.map { Self.canBeImpaired($0, graph) }
        for (number, node) in graph.nodes.enumerated() {
            for input in node.inputs where impairable[input.node] && Self.spreads(input.edge) {
                spreadingInputs[number] += 1
                children[input.node].append(number)
            }
        }
        self.children = children
        let order = ProductionOrder(graph)
        (rank, ranked) = (order.rank, order.ranked)
        isTree = Self.treeNodes(graph, children, spreadingInputs)
        pre = [Int](repeating: -1, count: count)
        end = pre
        size = [Int](repeating: 0, count: count)
        productionServices = size
        smallest = [[Int32]](repeating: [], count: count)
        number()
    }

    /// A node is a tree node when it may be impaired without side effects and each child is a tree
    /// node with no other spreading input. Found children first; a node on a cycle is not one.
    private static func treeNodes(_ graph: TopologyGraph, _ children: [[Int]], _ spreadingInputs: [Int]) -> [Bool] {
        let count = graph.nodes.count
        enum Mark { case new, open, done }
        var mark = [Mark](repeating: .new, count: count)
        var result = [Bool](repeating: false, count: count)
        for start in 0..<count where mark[start] == .new {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            mark[start] = .open
            while let top = stack.last {
                let kids = children[top.node]
                if top.next < kids.count {
                    stack[stack.count - 1].next += 1
                    let child = kids[top.next]
                    if mark[child] == .new {
                        mark[child] = .open
                        stack.append((child, 0))
                    }
                    continue
                }
                stack.removeLast()
                mark[top.node] = .done
                let node = graph.nodes[top.node]
                // A monitor goes down when what it runs on is impaired; that is harmless only when
                // nothing takes its health from the monitor.
                let sideEffectFree = node.kind != .monitor || graph.dependents(of: top.node).isEmpty
                // A child still open is on a cycle through this node; its result is false so far.
                result[top.node] = sideEffectFree && kids.allSatisfy { spreadingInputs[$0] == 1 && mark[$0] == .done && result[$0] }
            }
        }
        return result
    }

    /// Numbers the tree nodes in pre-order, from each tree node whose parent is not one, and sums
    /// each subtree bottom up.
    private mutating func number() {
        // A tree node's children are tree nodes with one spreading input: their parent is a tree node.
        var hasTreeParent = [Bool](repeating: false, count: isTree.count)
        for parent in isTree.indices where isTree[parent] {
            for child in children[parent] { hasTreeParent[child] = true }
        }
        var counter = 0
        for root in isTree.indices where isTree[root] && !hasTreeParent[root] {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            pre[root] = counter
            counter += 1
            while let top = stack.last {
                let kids = children[top.node]
                if top.next < kids.count {
                    stack[stack.count - 1].next += 1
                    let child = kids[top.next]
                    pre[child] = counter
                    counter += 1
                    stack.append((child, 0))
                    continue
                }
                stack.removeLast()
                finish(top.node, counter)
            }
        }
    }

    private mutating func finish(_ node: Int, _ counter: Int) {
        end[node] = counter
        var total = 1, production = rank[node] >= 0 ? 1 : 0
        var names: [Int32] = rank[node] >= 0 ? [rank[node]] : []
        for child in children[node] {
            total += size[child]
            production += productionServices[child]
            names = Self.merged(names, smallest[child], limit: Self.namesKept)
        }
        (size[node], productionServices[node], smallest[node]) = (total, production, names)
    }

    /// The `limit` smallest of two sorted lists.
    static func merged(_ left: [Int32], _ right: [Int32], limit: Int) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(min(limit, left.count + right.count))
        var (i, j) = (0, 0)
        while result.count < limit, i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i] < right[j]) {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }

    /// Every node of a subtree, for the rare row whose kept names ran short.
    func subtree(of root: Int) -> [Int] {
        var result: [Int] = []
        var stack = [root]
        while let node = stack.popLast() {
            result.append(node)
            stack += children[node]
        }
        return result
    }

    /// Whether `node` is in the subtree of `root` (both tree nodes).
    func contains(_ root: Int, _ node: Int) -> Bool {
        pre[node] >= 0 && pre[root] <= pre[node] && pre[node] < end[root]
    }
}

/// Which monitors would tell someone about a failure, and what would fail silently.
public struct WatchReport: Sendable {
    /// Monitors still running, with alerts, that watch an affected node or its cause; with what they see.
    public let alerting: [(monitor: Int, sees: [Int])]
    /// Affected nodes that no live alerting monitor watches, directly or through their cause chain.
    public let silent: [Int]

    public init(_ outcome: FailureSimulator.Outcome) {
        let graph = outcome.graph
        var watchers: [Int: [Int]] = [:]
        for node in outcome.states.keys {
            let live = Self.liveMonitors(watching: node, outcome)
            if !live.isEmpty { watchers[node] = live }
        }
        var nearest: [Int: Int?] = [:]
        var sees: [Int: [Int]] = [:]
        var silent: [Int] = []
        for node in outcome.affected where graph.nodes[node].kind != .monitor {
            // From watched link to watched link of the chain: the cost is what the node is seen by.
            var seenBy = Set<Int>()
            var visited = Set<Int>()
            var link = Self.nearestWatched(from: node, outcome, watchers, &nearest)
            while let current = link, visited.insert(current).inserted {
                for monitor in watchers[current] ?? [] where seenBy.insert(monitor).inserted {
                    sees[monitor, default: []].append(node)
                }
                link = outcome.states[current]?.cause.source.flatMap { Self.nearestWatched(from: $0, outcome, watchers, &nearest) }
            }
            if seenBy.isEmpty { silent.append(node) }
        }
        alerting = sees.keys.sorted { graph.nodes[$0].id < graph.nodes[$1].id }.map { ($0, sees[$0] ?? []) }
        self.silent = silent
    }

    /// Monitors with alerts, not down themselves, that watch `node`, in the index's order.
    private static func liveMonitors(watching node: Int, _ outcome: FailureSimulator.Outcome) -> [Int] {
        let graph = outcome.graph
        var result: [Int] = []
        for monitor in graph.index.monitorsWatching[graph.nodes[node].id] ?? [] {
            guard !monitor.alerts.isEmpty, let number = graph.numbers[monitor.id], outcome.health(number) < .down,
                  !result.contains(number) else { continue }
            result.append(number)
        }
        return result
    }

    /// The first node of `start`'s chain, `start` included, that a live monitor watches; each
    /// answer is kept, so every chain is walked once in all.
    private static func nearestWatched(from start: Int, _ outcome: FailureSimulator.Outcome,
                                       _ watchers: [Int: [Int]], _ nearest: inout [Int: Int?]) -> Int? {
        var path: [Int] = []
        var onPath = Set<Int>()
        var current: Int? = start
        var answer: Int?
        while let node = current {
            if let known = nearest[node] { answer = known; break }
            if watchers[node] != nil { answer = node; break }
            // Causes in a circle: none of its nodes is watched.
            guard onPath.insert(node).inserted else { break }
            path.append(node)
            current = outcome.states[node]?.cause.source
        }
        for node in path { nearest[node] = .some(answer) }
        return answer
    }
}

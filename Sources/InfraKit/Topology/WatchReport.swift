/// Which monitors would tell someone about a failure, and what would fail silently.
public struct WatchReport: Sendable {
    /// Monitors still running, with alerts, that watch an affected node or its nearest watched cause;
    /// with what they see. Only the nearest watched link of a chain counts: a monitor on the first of
    /// a chain of N services does not list every service after it, which would make the list of all
    /// monitors grow with the square of the chain.
    public let alerting: [(monitor: Int, sees: [Int])]
    /// Affected nodes that no live alerting monitor watches, directly, through their cause chain, or
    /// through what they caused: a failed host whose service an outside uptime check watches is noticed.
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
        var unwatched: [Int] = []
        // Causes of a watched node: an alert about an effect leads whoever gets it to its cause.
        var noticed = Set<Int>()
        for node in outcome.affected where graph.nodes[node].kind != .monitor {
            guard let link = Self.nearestWatched(from: node, outcome, watchers, &nearest) else {
                unwatched.append(node)
                continue
            }
            for monitor in watchers[link] ?? [] { sees[monitor, default: []].append(node) }
            // Each cause is marked once: the walk stops where an earlier one did.
            var cause = outcome.states[link]?.cause.source
            while let next = cause, noticed.insert(next).inserted {
                cause = outcome.states[next]?.cause.source
            }
        }
        alerting = sees.keys.sorted { graph.nodes[$0].id < graph.nodes[$1].id }.map { ($0, sees[$0] ?? []) }
        silent = unwatched.filter { !noticed.contains($0) }
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

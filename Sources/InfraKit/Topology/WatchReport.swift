/// Which monitors would tell someone about a failure, and what would fail silently.
public struct WatchReport: Sendable {
    /// Monitors still running, with alerts, that watch an affected node or its cause; with what they see.
    public let alerting: [(monitor: Int, sees: [Int])]
    /// Affected nodes that no live alerting monitor watches, directly or through their cause chain.
    public let silent: [Int]

    public init(_ outcome: FailureSimulator.Outcome) {
        let graph = outcome.graph
        var sees: [Int: [Int]] = [:]
        var silent: [Int] = []
        for node in outcome.affected where graph.nodes[node].kind != .monitor {
            var covered = false
            for link in outcome.chain(node) {
                for monitor in graph.index.monitorsWatching[graph.nodes[link].id] ?? [] {
                    guard !monitor.alerts.isEmpty, let number = graph.numbers[monitor.id], outcome.health(number) < .down else { continue }
                    covered = true
                    if sees[number]?.contains(node) != true { sees[number, default: []].append(node) }
                }
            }
            if !covered { silent.append(node) }
        }
        alerting = sees.keys.sorted { graph.nodes[$0].id < graph.nodes[$1].id }.map { ($0, sees[$0] ?? []) }
        self.silent = silent
    }
}

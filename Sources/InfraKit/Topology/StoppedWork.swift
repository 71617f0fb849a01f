import InfraModel

/// Scheduled work a failure scenario stops: jobs whose every place to run is down, and backups
/// whose every source is down. Nothing fails loudly when they stop: the backup simply does not run,
/// the certificate is not renewed, the queue is not drained.
public struct StoppedWork: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case job, backup
    }

    public struct Item: Sendable, Equatable {
        public let kind: Kind
        public let id: String
        public let production: Bool
        /// The entities it needed, every one of them down.
        public let downWith: [String]
        /// What it is for: a job's `purpose`; for a backup, what it copies.
        public let purpose: String?
    }

    /// Jobs in inventory order, then backups in inventory order.
    public let items: [Item]

    public init(_ outcome: FailureSimulator.Outcome) {
        let graph = outcome.graph
        let index = graph.index
        func allDown(_ ids: [String]) -> Bool {
            !ids.isEmpty && ids.allSatisfy { id in graph.numbers[id].map { outcome.health($0) == .down } ?? false }
        }
        var items: [Item] = []
        for job in index.inventory.jobs where allDown(job.runsOn) {
            items.append(Item(kind: .job, id: job.id, production: index.isProductionEnvironment(job.environment),
                              downWith: job.runsOn, purpose: job.purpose))
        }
        for backup in index.inventory.backups where allDown(backup.of) {
            let production = index.isProduction(backup.id)
            items.append(Item(kind: .backup, id: backup.id, production: production, downWith: backup.of,
                              purpose: "copies " + backup.of.map { "'\($0)'" }.joined(separator: ", ")))
        }
        self.items = items
    }
}

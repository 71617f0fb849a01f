import InfraModel

/// The most data a datastore can lose, computed from its backup schedules, beside its objective.
///
/// The worst case is the longest gap between two runs of the backup that runs most often: a
/// failure just before that backup's next run loses everything since its last one. Backups that
/// copy the datastore's host count too, since a host backup carries the data on its disks.
public struct RecoveryPoint: Sendable, Equatable {
    public enum Status: String, Sendable {
        case withinObjective = "within-objective"
        case exceedsObjective = "exceeds-objective"
        case noObjective = "no-objective"
        case noBackup = "no-backup"
        case neverRepeats = "never-repeats"

        /// How a table reads it.
        public var label: String {
            switch self {
            case .withinObjective: "within objective"
            case .exceedsObjective: "exceeds objective"
            case .noObjective: "no objective"
            case .noBackup: "no backup"
            case .neverRepeats: "backups never repeat"
            }
        }
    }

    /// The backup that gives the worst case: the one whose longest gap is smallest.
    public struct Source: Sendable, Equatable {
        public let backupID: String
        public let method: String?
        /// The schedule as the inventory writes it (`@daily`, `0 2 * * *`, `every 4h`).
        public let schedule: String
    }

    public let datastoreID: String
    public let environment: String
    public let engine: String
    /// Every backup covering it, sorted by id.
    public let backupIDs: [String]
    public let worstCase: Duration?
    public let source: Source?
    public let objective: Duration?

    public var status: Status {
        if backupIDs.isEmpty { return .noBackup }
        guard let worstCase else { return .neverRepeats }
        guard let objective else { return .noObjective }
        return worstCase <= objective ? .withinObjective : .exceedsObjective
    }

    /// One per datastore that holds state, sorted by id.
    package static func all(_ index: InventoryIndex) -> [RecoveryPoint] {
        index.inventory.datastores
            .filter(\.holdsState)
            .sorted { $0.id < $1.id }
            .map { datastore in
                let covering = index.backups(covering: datastore).sorted { $0.id < $1.id }
                // Smallest gap first; a schedule that never repeats keeps no recent copy; ties by id.
                let best = covering
                    .compactMap { backup in backup.schedule.longestGap.map { (backup, $0) } }
                    .min { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
                let source = best.map { backup, _ in
                    Source(backupID: backup.id, method: backup.method,
                           schedule: backup.origin.value["schedule"]?.string ?? backup.schedule.description)
                }
                return RecoveryPoint(datastoreID: datastore.id, environment: datastore.environment, engine: datastore.engine,
                                     backupIDs: covering.map(\.id), worstCase: best?.1, source: source,
                                     objective: datastore.recoveryPointObjective)
            }
    }
}

/// How durations read in the health report: hours up to three days (`4h`, `24h`, `48h`), whole
/// days beyond (`7d`, `31d`), minutes or seconds below an hour.
package enum ReportDuration {
    package static func text(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds >= 3 * 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds >= 3_600, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}

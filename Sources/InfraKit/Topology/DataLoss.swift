import InfraModel

/// What a failure scenario does to stored data, taking the worst case a game day plans for: what
/// is stored in a failed failure domain (a host, a provider, a datastore failed by name) is lost
/// with it. A host down because its provider is down is lost with the provider.
///
/// For every datastore that holds state: whether its live copy is lost (its host, every member
/// host of its cluster, or its provider down), which backup copies are lost (their provider down),
/// and, when the live copy is gone, the newest surviving copy and how much data that loses: the
/// longest gap of the backup's schedule, as in `RecoveryPoint`. Replicas are the members of a
/// cluster: while one member host is up, the live copy survives.
public struct DataLoss: Sendable, Equatable {
    /// A backup copy that survives the scenario.
    public struct SurvivingCopy: Sendable, Equatable {
        public let backupID: String
        public let provider: String
        /// The schedule as the inventory writes it.
        public let schedule: String
        /// The most data lost restoring from it: the longest gap between two runs; nil when the
        /// schedule never repeats.
        public let gap: Duration?
    }

    /// A datastore whose live copy, or some of whose backup copies, the scenario loses.
    public struct Datastore: Sendable, Equatable {
        public let id: String
        public let production: Bool
        /// The failed domains the live copy was lost with (host, member hosts, provider or the
        /// datastore itself); empty when the live copy survives.
        public let liveCopyLostWith: [String]
        /// Backups whose copies were lost with their provider, sorted by id.
        public let backupsLost: [String]
        /// Backups whose copies survive, the newest first (smallest gap; never-repeating last).
        public let surviving: [SurvivingCopy]

        /// The live copy is gone: the data is restored from `surviving.first`, or lost entirely.
        public var liveCopyLost: Bool { !liveCopyLostWith.isEmpty }
        /// Every copy is gone.
        public var noSurvivingCopy: Bool { liveCopyLost && surviving.isEmpty }
    }

    /// Datastores the scenario touches, in inventory order: a lost live copy or a lost backup copy.
    public let datastores: [Datastore]

    /// Datastores whose every copy is lost.
    public var withNoSurvivingCopy: [Datastore] { datastores.filter(\.noSurvivingCopy) }

    public init(_ outcome: FailureSimulator.Outcome) {
        let graph = outcome.graph
        let index = graph.index
        // Hosts and providers are the failure domains: down only when failed, or with their provider.
        func domainLost(_ id: String) -> Bool {
            guard let node = graph.numbers[id], graph.nodes[node].kind == .host || graph.nodes[node].kind == .provider else { return false }
            return outcome.health(node) == .down
        }
        let failedByName = Set(outcome.failed.map { graph.nodes[$0].id })
        var touched: [Datastore] = []
        for datastore in index.inventory.datastores where datastore.holdsState {
            var lostWith: [String] = []
            switch datastore.hosting {
            case .host(let host)? where domainLost(host): lostWith = [host]
            case .cluster(let cluster)?:
                let members = index.clusters[cluster]?.members.map(\.host) ?? []
                if !members.isEmpty, members.allSatisfy(domainLost) { lostWith = members }
            case .provider(let provider)? where domainLost(provider): lostWith = [provider]
            default: break
            }
            if lostWith.isEmpty, failedByName.contains(datastore.id) { lostWith = [datastore.id] }
            let covering = index.backups(covering: datastore)
            let lostBackups = covering.filter { domainLost($0.targetProvider) }.map(\.id).sorted()
            guard !lostWith.isEmpty || !lostBackups.isEmpty else { continue }
            let surviving = covering.filter { !domainLost($0.targetProvider) }
                .map { backup in
                    SurvivingCopy(backupID: backup.id, provider: backup.targetProvider,
                                  schedule: backup.origin.value["schedule"]?.string ?? backup.schedule.description,
                                  gap: backup.schedule.longestGap)
                }
                .sorted { lhs, rhs in
                    switch (lhs.gap, rhs.gap) {
                    case let (left?, right?) where left != right: left < right
                    case (_?, nil): true
                    case (nil, _?): false
                    default: lhs.backupID < rhs.backupID
                    }
                }
            touched.append(Datastore(id: datastore.id, production: index.isProductionEnvironment(datastore.environment),
                                     liveCopyLostWith: lostWith, backupsLost: lostBackups, surviving: surviving))
        }
        datastores = touched
    }
}

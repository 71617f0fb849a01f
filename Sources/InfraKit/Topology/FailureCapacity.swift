import InfraModel

/// N-1 capacity: whether the survivors of a single host failure can hold the workload, counted
/// only from declared numbers (hosts' `size`, services' `resources`).
///
/// Two places are checked:
/// - a cluster a scheduler pools (services whose `runsOn` is exactly that cluster): the members'
///   summed size, less its largest member, against the services' summed demand;
/// - every host that runs, directly, a share of services spread over several hosts: each such
///   service loads each of its hosts evenly, and when one of them fails its share moves evenly to
///   the others.
///
/// An undeclared number is unknown and counts for nothing: a service without `resources` adds no
/// load (so loads are lower bounds), and a host without `size` is never judged, nor is a cluster
/// unless every member declares the resource (so capacities are never guessed).
public struct FailureCapacity: Sendable {
    /// What a host offers and a service needs.
    public enum Resource: String, CaseIterable, Sendable {
        case memory, cpus

        public func of(_ size: Host.Size?) -> Double? {
            switch self {
            case .memory: size?.memoryGiB
            case .cpus: size?.cpus
            }
        }

        public func of(_ resources: Service.Resources?) -> Double? {
            switch self {
            case .memory: resources?.memoryGiB
            case .cpus: resources?.cpus
            }
        }
    }

    /// A cluster whose surviving members cannot hold its services after it loses its largest member.
    public struct ClusterShortfall: Sendable, Equatable {
        public let clusterID: String
        public let resource: Resource
        /// The member lost: the largest by memory, then cpus.
        public let lostHostID: String
        /// The survivors' summed size.
        public let remaining: Double
        /// The summed demand of the services pooled on the cluster.
        public let demand: Double
        public let serviceIDs: [String]
    }

    /// A host that, after the failure of another, carries more than its size.
    public struct HostOverload: Sendable, Equatable {
        public struct Excess: Sendable, Equatable {
            public let resource: Resource
            public let load: Double
            public let size: Double
        }

        public let hostID: String
        /// The failure that loads it most (by memory, then cpus).
        public let failedHostID: String
        /// The resources over size after that failure, memory first.
        public let excesses: [Excess]
    }

    public let clusterShortfalls: [ClusterShortfall]
    public let hostOverloads: [HostOverload]

    public init(_ index: InventoryIndex) {
        let inventory = index.inventory
        var pooled: [String: [Service]] = [:]
        // Each placed service's hosts, by position in the inventory's list (a repeated id's first).
        var placed: [(resources: Service.Resources, hosts: [Int])] = []
        // Fields are read in place: copying each service would retain every string it holds.
        let services = inventory.services, clusters = inventory.clusters
        for position in services.indices {
            guard let resources = services[position].resources else { continue }
            let runsOn = services[position].runsOn
            if let only = runsOn.first, runsOn.allSatisfy({ $0 == only }), let cluster = index.clusters.position(of: only),
               Set(clusters[cluster].members.map(\.host)).count >= 2 {
                pooled[clusters[cluster].id, default: []].append(services[position])
            } else if let hosts = Self.hostPositions(runsOn, index) {
                placed.append((resources, hosts))
            } else {
                // `hostIDs(of:)` names only hosts of the table, so every one has a position.
                let hosts = index.hostIDs(of: services[position].id).compactMap { index.hosts.position(of: $0) }
                if !hosts.isEmpty { placed.append((resources, hosts)) }
            }
        }
        clusterShortfalls = inventory.clusters.flatMap { cluster in
            Self.shortfalls(of: cluster, services: pooled[cluster.id] ?? [], index)
        }
        hostOverloads = Self.overloads(placed, index)
    }

    /// What `hostIDs(of:)` gives for a service placed on `runsOn`, as positions in the host list,
    /// when every id is declared once and `runsOn` names hosts only: each id is looked up once,
    /// where the ids would be looked up again for their positions. Nil otherwise.
    static func hostPositions(_ runsOn: [String], _ index: InventoryIndex) -> [Int]? {
        guard !runsOn.isEmpty, index.ids.idsAreUnique else { return nil }
        var positions: [Int] = []
        positions.reserveCapacity(runsOn.count)
        for id in runsOn {
            guard let position = index.hosts.position(of: id) else { return nil }
            positions.append(position)
        }
        guard positions.count > 1 else { return positions }
        // Sorted by id, as `hostIDs(of:)` is; with unique ids, equal positions are equal ids.
        let hosts = index.inventory.hosts
        positions.sort { hosts[$0].id < hosts[$1].id }
        positions.removeRepeatedNeighbours()
        return positions
    }

    // MARK: Clusters

    private static func shortfalls(of cluster: Cluster, services: [Service], _ index: InventoryIndex) -> [ClusterShortfall] {
        guard !services.isEmpty else { return [] }
        var seen = Set<String>()
        let members = cluster.members.map(\.host).filter { seen.insert($0).inserted }
        guard members.count >= 2 else { return [] }
        let sizes = members.map { index.hosts[$0]?.size }
        let declared = Resource.allCases.filter { resource in sizes.allSatisfy { resource.of($0) != nil } }
        guard !declared.isEmpty else { return [] }
        // Only resources every member declares rank the members, so an unknown never hides the largest.
        func rank(_ size: Host.Size?) -> (Double, Double) {
            (declared.contains(.memory) ? Resource.memory.of(size) ?? 0 : 0,
             declared.contains(.cpus) ? Resource.cpus.of(size) ?? 0 : 0)
        }
        let ordered = zip(members, sizes).sorted { lhs, rhs in
            let (left, right) = (rank(lhs.1), rank(rhs.1))
            return left != right ? left > right : lhs.0 < rhs.0
        }
        guard let largest = ordered.first else { return [] }
        return declared.compactMap { resource in
            let demanding = services.filter { resource.of($0.resources) != nil }
            let demand = demanding.reduce(0) { $0 + (resource.of($1.resources) ?? 0) }
            let remaining = ordered.dropFirst().reduce(0) { $0 + (resource.of($1.1) ?? 0) }
            guard exceeds(demand, remaining) else { return nil }
            return ClusterShortfall(clusterID: cluster.id, resource: resource, lostHostID: largest.0,
                                    remaining: remaining, demand: demand, serviceIDs: demanding.map(\.id))
        }
    }

    // MARK: Hosts

    /// Memory and cpus together, undeclared amounts being zero.
    private struct Amount {
        var memory = 0.0
        var cpus = 0.0

        init(memory: Double = 0, cpus: Double = 0) {
            self.memory = memory
            self.cpus = cpus
        }

        subscript(resource: Resource) -> Double {
            switch resource {
            case .memory: memory
            case .cpus: cpus
            }
        }

        static func + (lhs: Amount, rhs: Amount) -> Amount {
            Amount(memory: lhs.memory + rhs.memory, cpus: lhs.cpus + rhs.cpus)
        }
    }

    /// Services spread over the same hosts move together when one of them fails.
    private struct Spread {
        let hosts: [String]
        var gain: Amount
    }

    private static func overloads(_ placed: [(resources: Service.Resources, hosts: [Int])], _ index: InventoryIndex) -> [HostOverload] {
        // Hosts are counted by position in the inventory's list (a repeated id's first), so the sums
        // below are array slots: a large inventory would otherwise hash host ids millions of times.
        let hostList = index.inventory.hosts
        var base = [Amount](repeating: Amount(), count: hostList.count)
        // What a host gains, per resource, when another host of the same spread fails.
        var spreads: [Spread] = []
        var spreadOfHosts: [[Int]: Int] = [:]
        var spreadsOn = [[Int]](repeating: [], count: hostList.count)
        for (resources, positions) in placed {
            let count = Double(positions.count)
            let total = Amount(memory: Resource.memory.of(resources) ?? 0, cpus: Resource.cpus.of(resources) ?? 0)
            let share = Amount(memory: total.memory / count, cpus: total.cpus / count)
            for host in positions { base[host] = base[host] + share }
            guard positions.count >= 2 else { continue }
            let gain = Amount(memory: total.memory / (count - 1) - share.memory, cpus: total.cpus / (count - 1) - share.cpus)
            if let position = spreadOfHosts[positions] {
                spreads[position].gain = spreads[position].gain + gain
            } else {
                spreadOfHosts[positions] = spreads.count
                for host in positions { spreadsOn[host].append(spreads.count) }
                spreads.append(Spread(hosts: positions.map { hostList[$0].id }, gain: gain))
            }
        }
        // A host whose id is repeated counts as its id's first host; without repeats, that is itself.
        let repeats = index.hosts.repeatsIDs
        return hostList.indices.compactMap { position in
            guard let size = hostList[position].size,
                  let first = repeats ? index.hosts.position(of: hostList[position].id) : position,
                  case let mine = spreadsOn[first], !mine.isEmpty else { return nil }
            let hostID = hostList[position].id
            let load = base[first]
            // The most any one failure could add: when every spread here loses the same host.
            let bound = mine.reduce(Amount()) { $0 + spreads[$1].gain }
            guard Resource.allCases.contains(where: { resource in
                resource.of(size).map { exceeds(load[resource] + bound[resource], $0) } ?? false
            }) else { return nil }
            let gains = gainsByFailure(of: hostID, spreads: mine.map { spreads[$0] })
            let worst = gains.map { failed, gain -> (String, [HostOverload.Excess]) in
                let after = load + gain
                let excesses = Resource.allCases.compactMap { resource -> HostOverload.Excess? in
                    guard let capacity = resource.of(size), exceeds(after[resource], capacity) else { return nil }
                    return HostOverload.Excess(resource: resource, load: after[resource], size: capacity)
                }
                return (failed, excesses)
            }
            .max { lhs, rhs in
                let (left, right) = (severity(lhs.1), severity(rhs.1))
                return left != right ? left.lexicographicallyPrecedes(right) : lhs.0 > rhs.0
            }
            guard let (failed, excesses) = worst, !excesses.isEmpty else { return nil }
            return HostOverload(hostID: hostID, failedHostID: failed, excesses: excesses)
        }
    }

    /// What `host` gains from the failure of each other host of its spreads. The hosts only in the
    /// widest spread all gain the same, so one of them (the first by id) stands for the rest: this
    /// keeps a service spread over thousands of hosts from costing thousands of steps per host.
    private static func gainsByFailure(of host: String, spreads: [Spread]) -> [String: Amount] {
        let ordered = spreads.sorted { $0.hosts.count != $1.hosts.count ? $0.hosts.count > $1.hosts.count : $0.hosts.lexicographicallyPrecedes($1.hosts) }
        guard let widest = ordered.first else { return [:] }
        let widestMembers = Set(widest.hosts)
        var gains: [String: Amount] = [:]
        for spread in ordered.dropFirst() {
            for failed in spread.hosts where failed != host {
                gains[failed, default: Amount()] = gains[failed, default: Amount()] + spread.gain
            }
        }
        for (failed, gain) in gains where widestMembers.contains(failed) {
            gains[failed] = gain + widest.gain
        }
        if let alone = widest.hosts.first(where: { $0 != host && gains[$0] == nil }) {
            gains[alone] = widest.gain
        }
        return gains
    }

    /// How far over size a failure puts a host: memory first, then cpus.
    private static func severity(_ excesses: [HostOverload.Excess]) -> [Double] {
        Resource.allCases.map { resource in
            excesses.first { $0.resource == resource }.map { $0.load - $0.size } ?? 0
        }
    }

    /// `demand` above `capacity` by more than the rounding of summed fractions.
    static func exceeds(_ demand: Double, _ capacity: Double) -> Bool {
        demand > capacity + 1e-9 * max(1, abs(capacity))
    }
}

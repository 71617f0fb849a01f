/// One inventory file, decoded: the system's entities, well-formed ones only.
///
/// An entity whose required fields are missing or invalid is left out of the typed lists (the
/// decoder has reported why), but its id still counts, so references to it do not dangle.
public struct Inventory: Sendable {
    public let source: SourceFile
    /// The parsed document the inventory was decoded from, for rules that read raw JSON.
    public var document: JSONDocument?
    public var name: String?
    public var ownerTeam: String?
    public var ownerContact: String?
    public var environments: [Environment] = []
    public var providers: [Provider] = []
    public var hosts: [Host] = []
    public var clusters: [Cluster] = []
    public var services: [Service] = []
    public var datastores: [Datastore] = []
    public var backups: [Backup] = []
    public var monitors: [Monitor] = []
    public var pipelines: [Pipeline] = []
    public var jobs: [Job] = []
    public var secrets: [Secret] = []
    public var dns: [DNSZone] = []
    public var waivers: [Waiver] = []
    /// Every declared id and the kind of entity that declares it.
    public var kinds = EntityIDs()
    /// How many entities of each kind the file declares (well-formed or not).
    public var declaredCounts: [EntityKind: Int] = [:]

    /// Inventories of at least this many entities are decoded and checked on every core; smaller ones
    /// on one thread, since starting workers would cost more than it saves.
    static let concurrencyThreshold = 4096

    public init(source: SourceFile) {
        self.source = source
    }

    public var path: String { source.path }

    /// Reserves room for the entities of `parts` besides this inventory's own, so appending them
    /// copies each list once.
    mutating func reserveEntities(_ parts: [Inventory]) {
        let sizes = parts.map(\.listSizes)
        for (list, kind) in EntityKind.allCases.enumerated() {
            reserve(sizes.reduce(0) { $0 + $1[list] }, of: kind)
        }
    }

    /// Reserves room for `count` more entities of `kind`, so a batch's list grows once.
    mutating func reserve(_ count: Int, of kind: EntityKind) {
        func grow<Item>(_ list: inout [Item]) { list.reserveCapacity(list.count + count) }
        switch kind {
        case .environment: grow(&environments)
        case .provider: grow(&providers)
        case .host: grow(&hosts)
        case .cluster: grow(&clusters)
        case .service: grow(&services)
        case .datastore: grow(&datastores)
        case .backup: grow(&backups)
        case .monitor: grow(&monitors)
        case .pipeline: grow(&pipelines)
        case .job: grow(&jobs)
        case .secret: grow(&secrets)
        case .dns: grow(&dns)
        case .waiver: grow(&waivers)
        }
    }

    /// The length of each entity list, in the order of the lists above (which is `EntityKind`'s).
    private var listSizes: [Int] {
        [environments.count, providers.count, hosts.count, clusters.count, services.count, datastores.count,
         backups.count, monitors.count, pipelines.count, jobs.count, secrets.count, dns.count, waivers.count]
    }

    /// Appends the entities of `other` (decoded from the same file) after this inventory's own.
    mutating func appendEntities(of other: Inventory) {
        environments += other.environments
        providers += other.providers
        hosts += other.hosts
        clusters += other.clusters
        services += other.services
        datastores += other.datastores
        backups += other.backups
        monitors += other.monitors
        pipelines += other.pipelines
        jobs += other.jobs
        secrets += other.secrets
        dns += other.dns
        waivers += other.waivers
    }

    /// Declared entities, waivers excluded.
    public var entityCount: Int {
        declaredCounts.filter { $0.key != .waiver }.values.reduce(0, +)
    }

    /// "2 environments, 1 provider, 3 hosts", kinds in format order, empty kinds left out.
    public var countsSummary: String {
        let parts = EntityKind.allCases.compactMap { kind -> String? in
            guard let count = declaredCounts[kind], count > 0 else { return nil }
            return "\(count) \(count == 1 ? kind.noun : kind.pluralNoun)"
        }
        return parts.isEmpty ? "no entities" : parts.joined(separator: ", ")
    }
}

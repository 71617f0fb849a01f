import InfraJSON

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
    /// Every declared id: the kind of entity that declares it, and which entity of each kind it names.
    public var ids = EntityIDs()
    /// How many entities of each kind the file declares (well-formed or not).
    public var declaredCounts: [EntityKind: Int] = [:]

    /// Inventories of at least this many entities are decoded and checked on every core; smaller ones
    /// on one thread, since starting workers would cost more than it saves.
    package static let concurrencyThreshold = 4096

    public init(source: SourceFile) {
        self.source = source
    }

    public var path: String { source.path }

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

/// Somewhere state lives: a database, a document store, an object store bucket.
public struct Datastore: Entity {
    public static let kind = EntityKind.datastore

    static let knownEngines = ["aurora", "cassandra", "couchdb", "dynamodb", "elasticsearch", "gluster",
                               "memcached", "mongodb", "mysql", "postgres", "redis", "s3"]

    /// Where the datastore runs: on a host, on a cluster, or managed by a provider.
    public enum Hosting: Hashable, Sendable {
        case host(String)
        case cluster(String)
        case provider(String)

        public var id: String {
            switch self {
            case .host(let id), .cluster(let id), .provider(let id): id
            }
        }
    }

    public enum StorageModel: String, CaseIterable, Sendable {
        case mutable
        case appendOnly = "append-only"
    }

    public enum Compaction: String, CaseIterable, Sendable {
        case automatic, scheduled, manual, none
    }

    /// What the data is for, which decides what losing it costs (format version 2).
    public enum Purpose: String, CaseIterable, Sendable {
        /// The system of record: what is lost is gone.
        case primary
        /// Copies kept for speed, rebuilt from the system of record.
        case cache
        /// Logged-in users' sessions: losing them logs people out.
        case session
        /// Jobs waiting to run: losing them loses pending work, not the system's data.
        case queue
        /// Messages in flight between services, not kept.
        case pubsub
        /// An index or copy rebuilt from another store (`derivedFrom`).
        case derived
        /// Leader locks and membership a cluster's members write and rebuild (a DCS).
        case coordination
        /// Files that users uploaded or the system serves (media, attachments).
        case assets
        /// Where other stores' backups are kept: it is the copy, not the original.
        case backupRepository = "backup-repository"

        /// Whether losing the store loses data that nothing else can rebuild.
        var holdsState: Bool {
            switch self {
            case .primary, .assets: true
            case .cache, .session, .queue, .pubsub, .derived, .coordination, .backupRepository: false
            }
        }
    }

    /// How replicas receive writes (format version 2).
    public enum Replication: String, CaseIterable, Sendable {
        case none, sync, async
    }

    /// How a replica takes over when the writer is lost (format version 2).
    public enum Failover: String, CaseIterable, Sendable {
        case automatic, manual, none
    }

    public struct Storage: Sendable {
        public let model: StorageModel?
        public let compaction: Compaction?
        public let sizeGiB: Double?
        public let limitGiB: Double?
    }

    /// A logical database inside the instance, possibly of another environment.
    public struct Database: Sendable {
        public let name: String
        public let environment: String?
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let environment: String
    public let engine: String
    public let version: String?
    public let hosting: Hosting?
    public let databases: [Database]
    public let storage: Storage?
    /// Most data the owners accept to lose.
    public let recoveryPointObjective: Duration?
    /// Longest outage the owners accept.
    public let recoveryTimeObjective: Duration?
    public let isPublic: Bool?
    public let encryptedAtRest: Bool?
    public let encryptedInTransit: Bool?
    public let purpose: Purpose?
    /// The store a `derived` one is rebuilt from.
    public let derivedFrom: String?
    public let replication: Replication?
    public let failover: Failover?

    /// Whether the store holds data nothing else can rebuild, so it needs a backup: by its
    /// `purpose`, or when none is declared, by its engine (memcached is a cache).
    /// `datastore-without-backup`, the recovery points, data loss in simulations and the coverage
    /// figures all leave the other stores out by this one test.
    package var holdsState: Bool { purpose?.holdsState ?? !Self.statelessEngines.contains(engine) }

    private static let statelessEngines: Set<String> = ["memcached"]

    static let fields: [FieldSchema] = [
        .required("environment", "the environment it belongs to", .reference([.environment])),
        .required("engine", "the database software or service", .openChoice(knownEngines)),
        .optional("version", "engine version", .text),
        .optional("hosting", "where it runs", .object(ObjectSchema("hosting", [
            .optional("host", "on one of our hosts", .reference([.host])),
            .optional("cluster", "on one of our clusters", .reference([.cluster])),
            .optional("provider", "managed by a provider (Cloudant, RDS); it lives in that provider's failure domain", .reference([.provider])),
        ], exactlyOneOf: ["host", "cluster", "provider"]))),
        .optional("databases", "logical databases sharing this one instance", .list(.object(ObjectSchema("database", [
            .required("name", "the logical database's name", .text),
            .optional("environment", "the environment the logical database serves, when it differs", .reference([.environment])),
        ])))),
        .optional("storage", "how data is stored", .object(ObjectSchema("storage", [
            .optional("model", "whether stored data is changed in place (`mutable`) or only appended to (`append-only`, as CouchDB does)", .choice(choices(StorageModel.self))),
            .optional("compaction", "how an append-only store reclaims space", .choice(choices(Compaction.self))),
            .optional("sizeGiB", "current size", .number(minimum: 0)),
            .optional("limitGiB", "size limit (quota, disk)", .number(minimum: 0)),
        ]))),
        .optional("objectives", "recovery objectives", .object(ObjectSchema("objectives", [
            .optional("rpo", "recovery point objective: the most data the owners accept to lose", .duration),
            .optional("rto", "recovery time objective: the longest outage they accept", .duration),
        ]))),
        .optional("public", "whether it is reachable from the internet", .boolean),
        .optional("encryption", "whether data is encrypted", .object(ObjectSchema("encryption", [
            .optional("atRest", "whether stored data is encrypted", .boolean),
            .optional("inTransit", "whether connections to it are encrypted", .boolean),
        ]))),
        .optional("purpose", "what the data is for, which decides whether it needs a backup: `primary` (the system of record, the default), `cache`, `session`, `queue` (pending jobs), `pubsub` (messages in flight), `derived` (rebuilt from `derivedFrom`), `coordination` (leader locks and membership, as a DCS holds), `assets` (uploaded or served files), `backup-repository` (holds other stores' backups)", .choice(choices(Purpose.self))).since(2),
        .optional("derivedFrom", "the datastore a `derived` store (a search index, a read model) is rebuilt from", .reference([.datastore])).since(2),
        .optional("replication", "how replicas receive writes: `async` replicas can lack the last commits when one takes over", .choice(choices(Replication.self))).since(2),
        .optional("failover", "how a replica takes over when the writer is lost", .choice(choices(Failover.self))).since(2),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let environment = reader.string("environment"),
              let engine = reader.string("engine") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.environment = environment
        self.engine = engine
        self.version = reader.string("version")
        self.hosting = reader.object("hosting") { hosting in
            if let host = hosting.string("host") { return .host(host) }
            if let cluster = hosting.string("cluster") { return .cluster(cluster) }
            return hosting.string("provider").map { .provider($0) }
        }
        self.databases = reader.list("databases") { database in
            database.string("name").map { Database(name: $0, environment: database.string("environment"), origin: database.origin) }
        }
        self.storage = reader.object("storage") {
            Storage(model: $0.choice("model", StorageModel.self), compaction: $0.choice("compaction", Compaction.self),
                    sizeGiB: $0.number("sizeGiB"), limitGiB: $0.number("limitGiB"))
        }
        let objectives = reader.object("objectives") { (rpo: $0.duration("rpo"), rto: $0.duration("rto")) }
        self.recoveryPointObjective = objectives?.rpo ?? nil
        self.recoveryTimeObjective = objectives?.rto ?? nil
        self.isPublic = reader.bool("public")
        self.purpose = reader.choice("purpose", Purpose.self)
        self.derivedFrom = reader.string("derivedFrom")
        self.replication = reader.choice("replication", Replication.self)
        self.failover = reader.choice("failover", Failover.self)
        let encryption = reader.object("encryption") { (atRest: $0.bool("atRest"), inTransit: $0.bool("inTransit")) }
        self.encryptedAtRest = encryption?.atRest ?? nil
        self.encryptedInTransit = encryption?.inTransit ?? nil
    }
}

extension Datastore.StorageModel: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Datastore.Compaction: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Datastore.Purpose: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Datastore.Replication: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Datastore.Failover: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

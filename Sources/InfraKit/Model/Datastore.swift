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

    /// Whether the store holds state worth a backup: a cache (memcached) is rebuilt from the
    /// system of record, so there is nothing to restore. `datastore-without-backup`, the recovery
    /// points and the coverage figures all leave caches out by this one list.
    package var holdsState: Bool { !Self.statelessEngines.contains(engine) }

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

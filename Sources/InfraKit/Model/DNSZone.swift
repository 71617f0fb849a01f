/// A DNS zone with its records and, where one is used, a traffic manager that routes around failures.
public struct DNSZone: Entity {
    public static let kind = EntityKind.dns

    public struct Record: Sendable {
        public let name: String?
        public let type: String
        /// Seconds.
        public let ttl: Int?
        /// Entity ids or literal addresses.
        public let targets: [String]
        public let origin: Origin
    }

    public struct Pool: Sendable {
        public let name: String?
        public let members: [String]
        public let monitored: Bool?
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let zone: String
    public let provider: String
    public let records: [Record]
    public let pools: [Pool]
    public let failover: Bool?

    static let fields: [FieldSchema] = [
        .required("zone", "the zone's domain, e.g. `classroom7.com`", .text),
        .required("provider", "who serves the zone", .reference([.provider])),
        .optional("records", "the zone's records", .list(.object(ObjectSchema("record", [
            .optional("name", "the record's name within the zone (`www`)", .text),
            .required("type", "`A`, `AAAA`, `CNAME`, `MX`, ... (not checked against a list)", .text),
            .optional("ttl", "time to live, in seconds", .integer(0...2_147_483_647)),
            .optional("targets", "what the record points at", .list(.referenceOrLiteral([.service, .host]))),
        ])))),
        .optional("trafficManager", "a DNS traffic manager (DynECT, Route 53 failover, ...)", .object(ObjectSchema("traffic manager", [
            .optional("pools", "pools of endpoints", .list(.object(ObjectSchema("pool", [
                .optional("name", "the pool's name", .text),
                .required("members", "the endpoints in the pool", .list(.reference([.service, .host]))),
                .optional("monitored", "whether the manager health-checks the members", .boolean),
            ])))),
            .optional("failover", "whether the manager fails over between pools", .boolean),
        ]))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let zone = reader.string("zone"), let provider = reader.string("provider") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.zone = zone
        self.provider = provider
        self.records = reader.list("records") { record in
            record.string("type").map {
                Record(name: record.string("name"), type: $0, ttl: record.int("ttl"),
                       targets: record.strings("targets"), origin: record.origin)
            }
        }
        self.pools = reader.object("trafficManager") { manager in
            manager.list("pools") { pool in
                Pool(name: pool.string("name"), members: pool.strings("members"), monitored: pool.bool("monitored"), origin: pool.origin)
            }
        } ?? []
        self.failover = reader.object("trafficManager") { $0.bool("failover") }
    }
}

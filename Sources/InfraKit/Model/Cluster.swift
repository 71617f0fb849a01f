/// A group of hosts that act as one system (Deis, etcd, Ceph, a MongoDB replica set, Gluster).
public struct Cluster: Entity {
    public static let kind = EntityKind.cluster

    static let knownKinds = ["ceph", "consul", "deis", "elasticsearch", "etcd", "gluster", "kafka",
                             "kubernetes", "mongodb", "mysql", "postgres", "redis", "zookeeper"]

    public enum Role: String, CaseIterable, Sendable {
        case voter, arbiter, standby
    }

    public enum Consensus: String, CaseIterable, Sendable {
        case majority, none
    }

    public struct Member: Sendable {
        public let host: String
        public let role: Role
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let environment: String
    public let kind: String
    public let members: [Member]
    public let consensus: Consensus?
    /// Member failures the cluster is declared to survive.
    public let tolerates: Int?

    static let fields: [FieldSchema] = [
        .required("environment", "the environment it belongs to", .reference([.environment])),
        .required("kind", "the clustered software", .openChoice(knownKinds)),
        .required("members", "the hosts in the cluster; at least one", .list(.object(ObjectSchema("member", [
            .required("host", "the member host", .reference([.host])),
            .optional("role", "the member's part in consensus; default `voter`", .choice(choices(Role.self))),
        ])))),
        .optional("consensus", "whether the cluster needs a majority of voters to work", .choice(choices(Consensus.self))),
        .optional("tolerates", "how many member failures the cluster is declared to survive", .integer(0...1_000)),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let environment = reader.string("environment"),
              let kind = reader.string("kind") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.environment = environment
        self.kind = kind
        self.members = reader.list("members") { member in
            member.string("host").map {
                Member(host: $0, role: member.choice("role", Role.self) ?? .voter, origin: member.origin)
            }
        }
        self.consensus = reader.choice("consensus", Consensus.self)
        self.tolerates = reader.int("tolerates")
    }
}

extension Cluster.Role: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Cluster.Consensus: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

/// A long-running process group, a load balancer, or an external (SaaS) service the system uses.
public struct Service: Entity {
    public static let kind = EntityKind.service

    public enum Kind: String, CaseIterable, Sendable {
        case web, worker, scheduler, proxy
        case loadBalancer = "load-balancer"
        case external
    }

    public enum Supervisor: String, CaseIterable, Sendable {
        case systemd, upstart, supervisor, foreman, runit, platform, none
    }

    public struct Processes: Sendable {
        public let manager: String?
        public let count: Int?
    }

    public struct Port: Sendable {
        public let port: Int
        public let `protocol`: String?
    }

    public struct HealthCheck: Sendable {
        public let kind: String?
        public let path: String?
        public let interval: Duration?
    }

    /// One edge of the dependency graph: this service needs `target`.
    public struct Dependency: Sendable {
        public let target: String
        public let `protocol`: String?
        public let tls: Bool?
        public let port: Int?
        public let purpose: String?
        public let origin: Origin
    }

    public struct Resources: Sendable {
        public let cpus: Double?
        public let memoryGiB: Double?
    }

    public let id: String
    public let origin: Origin
    public let environment: String
    public let kind: Kind
    public let runsOn: [String]
    public let provider: String?
    public let runtime: Software?
    public let framework: Software?
    public let processes: Processes?
    public let supervisor: Supervisor?
    public let ports: [Port]
    public let isPublic: Bool?
    public let terminatesTLS: Bool?
    public let healthCheck: HealthCheck?
    public let balances: [String]
    public let dependsOn: [Dependency]
    public let resources: Resources?

    static let fields: [FieldSchema] = [
        .required("environment", "the environment it belongs to", .reference([.environment])),
        .required("kind", "what the service does", .choice(choices(Kind.self))),
        .optional("runsOn", "where it runs; required, with at least one id, unless `kind` is `external` or a `provider` is named", .list(.reference([.host, .cluster]))),
        .optional("provider", "the provider that runs it (external, SaaS or managed services)", .reference([.provider])),
        .optional("runtime", "language runtime", .object(Software.runtime)),
        .optional("framework", "application framework", .object(Software.framework)),
        .optional("processes", "worker processes", .object(ObjectSchema("processes", [
            .optional("manager", "what forks them (`unicorn`, `puma`, ...)", .text),
            .optional("count", "how many processes", .integer(0...1_000_000)),
        ]))),
        .optional("supervisor", "what restarts the service when it dies", .choice(choices(Supervisor.self))),
        .optional("ports", "ports it listens on", .list(.object(ObjectSchema("port", [
            .required("port", "the port number", .integer(1...65_535)),
            .optional("protocol", "e.g. `http`, `tcp`", .text),
        ])))),
        .optional("public", "whether it is reachable from the internet", .boolean),
        .optional("tls", "TLS at the service", .object(ObjectSchema("tls", [.optional("terminates", "whether the service terminates TLS", .boolean)]))),
        .optional("healthCheck", "how its health is checked", .object(ObjectSchema("health check", [
            .optional("kind", "e.g. `http`, `tcp`", .text),
            .optional("path", "e.g. `/health`", .text),
            .optional("interval", "how often the check runs", .duration),
        ]))),
        .optional("balances", "the services a load balancer sends traffic to", .list(.reference([.service]))),
        .optional("dependsOn", "what the service needs", .list(.object(ObjectSchema("dependency", [
            .required("target", "the entity it needs", .reference([.service, .datastore, .cluster, .host])),
            .optional("protocol", "e.g. `postgres`, `http`, `smtp`", .text),
            .optional("tls", "whether the connection uses TLS", .boolean),
            .optional("port", "the port it connects to", .integer(1...65_535)),
            .optional("purpose", "what it needs it for", .text),
        ])))),
        .optional("resources", "resources reserved for the service", .object(ObjectSchema("resources", [
            .optional("cpus", "CPUs reserved", .number(minimum: 0)),
            .optional("memoryGiB", "memory reserved, in GiB", .number(minimum: 0)),
        ]))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let environment = reader.string("environment"),
              let kind = reader.choice("kind", Kind.self) else { return nil }
        self.id = id
        self.origin = reader.origin
        self.environment = environment
        self.kind = kind
        self.runsOn = reader.strings("runsOn")
        self.provider = reader.string("provider")
        self.runtime = reader.object("runtime", Software.init)
        self.framework = reader.object("framework", Software.init)
        self.processes = reader.object("processes") { Processes(manager: $0.string("manager"), count: $0.int("count")) }
        self.supervisor = reader.choice("supervisor", Supervisor.self)
        self.ports = reader.list("ports") { port in port.int("port").map { Port(port: $0, protocol: port.string("protocol")) } }
        self.isPublic = reader.bool("public")
        self.terminatesTLS = reader.object("tls") { $0.bool("terminates") }
        self.healthCheck = reader.object("healthCheck") {
            HealthCheck(kind: $0.string("kind"), path: $0.string("path"), interval: $0.duration("interval"))
        }
        self.balances = reader.strings("balances")
        self.dependsOn = reader.list("dependsOn") { edge in
            edge.string("target").map {
                Dependency(target: $0, protocol: edge.string("protocol"), tls: edge.bool("tls"),
                           port: edge.int("port"), purpose: edge.string("purpose"), origin: edge.origin)
            }
        }
        self.resources = reader.object("resources") { Resources(cpus: $0.number("cpus"), memoryGiB: $0.number("memoryGiB")) }
    }
}

extension Service.Kind: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

extension Service.Supervisor: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

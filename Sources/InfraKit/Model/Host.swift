/// A machine: physical, virtual or a cloud instance.
public struct Host: Entity {
    public static let kind = EntityKind.host

    public enum Management: String, CaseIterable, Sendable {
        case chef, ansible, puppet, cloud66, terraform, cloudformation, manual, snapshot
    }

    public struct Size: Hashable, Sendable {
        public let cpus: Double?
        public let memoryGiB: Double?
        public let diskGiB: Double?
    }

    public struct Account: Sendable {
        public let name: String?
        public let privileged: Bool?
        public let purpose: String?
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let environment: String
    public let provider: String
    public let zone: String?
    public let roles: [String]
    public let os: Software?
    public let size: Size?
    public let publicAddress: String?
    public let privateAddress: String?
    public let accounts: [Account]
    public let managedBy: Management?
    public let logRotation: Bool?

    static let fields: [FieldSchema] = [
        .required("environment", "the environment it belongs to", .reference([.environment])),
        .required("provider", "where it runs", .reference([.provider])),
        .optional("zone", "availability zone or data centre within the provider's region", .text),
        .optional("roles", "free-form roles (`web`, `app`, `db`, ...)", .list(.text)),
        .optional("os", "operating system", .object(Software.operatingSystem)),
        .optional("size", "capacity", .object(ObjectSchema("size", [
            .optional("cpus", "CPU count", .number(minimum: 0)),
            .optional("memoryGiB", "memory in GiB", .number(minimum: 0)),
            .optional("diskGiB", "disk in GiB", .number(minimum: 0)),
        ]))),
        .optional("addresses", "network addresses", .object(ObjectSchema("addresses", [
            .optional("public", "public address or host name", .text),
            .optional("private", "private address", .text),
        ]))),
        .optional("accounts", "login accounts on the host", .list(.object(ObjectSchema("account", [
            .optional("name", "user name", .text),
            .optional("privileged", "whether it has root or sudo rights", .boolean),
            .optional("purpose", "what it is used for", .text),
        ])))),
        .optional("managedBy", "how the host is built and configured", .choice(choices(Management.self))),
        .optional("logRotation", "whether logs are rotated", .boolean),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let environment = reader.string("environment"),
              let provider = reader.string("provider") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.environment = environment
        self.provider = provider
        self.zone = reader.string("zone")
        self.roles = reader.strings("roles")
        self.os = reader.object("os", Software.init)
        self.size = reader.object("size") {
            Size(cpus: $0.number("cpus"), memoryGiB: $0.number("memoryGiB"), diskGiB: $0.number("diskGiB"))
        }
        // One object read once for both fields.
        let addresses = reader.object("addresses") { (public: $0.string("public"), private: $0.string("private")) }
        self.publicAddress = addresses?.public ?? nil
        self.privateAddress = addresses?.private ?? nil
        self.accounts = reader.list("accounts") {
            Account(name: $0.string("name"), privileged: $0.bool("privileged"), purpose: $0.string("purpose"), origin: $0.origin)
        }
        self.managedBy = reader.choice("managedBy", Management.self)
        self.logRotation = reader.bool("logRotation")
    }
}

extension Host.Management: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

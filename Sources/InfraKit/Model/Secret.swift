/// A credential the system needs, described by where it is kept, never by its value.
public struct Secret: Entity {
    public static let kind = EntityKind.secret

    public enum Storage: String, CaseIterable, Sendable {
        case sourceCode = "source-code"
        case inventory, dotfile, environment
        case platformSettings = "platform-settings"
        case vault
        case secretsManager = "secrets-manager"
        case encryptedFile = "encrypted-file"
        case ansibleVault = "ansible-vault"
        case chefEncryptedDataBag = "chef-encrypted-data-bag"
    }

    public let id: String
    public let origin: Origin
    public let storage: Storage
    public let usedBy: [String]
    public let environment: String?
    public let rotationPeriod: Duration?
    public let lastRotated: Day?

    static let fields: [FieldSchema] = [
        .required("storage", "where it is kept", .choice(choices(Storage.self))),
        .optional("usedBy", "who uses it", .list(.reference(EntityKind.allCases.filter { $0 != .waiver && $0 != .secret }))),
        .optional("environment", "the environment it belongs to", .reference([.environment])),
        .optional("rotation", "how the secret is rotated", .object(ObjectSchema("rotation", [
            .optional("every", "how often it is rotated", .duration),
            .optional("lastRotated", "when it was last rotated", .date),
        ]))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let storage = reader.choice("storage", Storage.self) else { return nil }
        self.id = id
        self.origin = reader.origin
        self.storage = storage
        self.usedBy = reader.strings("usedBy")
        self.environment = reader.string("environment")
        let rotation = reader.object("rotation") { (every: $0.duration("every"), lastRotated: $0.day("lastRotated")) }
        self.rotationPeriod = rotation?.every ?? nil
        self.lastRotated = rotation?.lastRotated ?? nil
    }
}

extension Secret.Storage: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

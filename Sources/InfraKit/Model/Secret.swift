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
        /// A file on a host, outside any repository (format version 2; `file` says where).
        case hostFile = "host-file"
    }

    /// Where a `host-file` secret lives (format version 2).
    public struct File: Sendable {
        public let host: String?
        public let path: String?
        /// The file's permission bits as written, e.g. `0600`.
        public let mode: String?
        public let owner: String?
    }

    public let id: String
    public let origin: Origin
    public let storage: Storage
    public let usedBy: [String]
    public let environment: String?
    public let rotationPeriod: Duration?
    public let lastRotated: Day?
    public let file: File?

    static let fields: [FieldSchema] = [
        .required("storage", "where it is kept; `host-file` (format version 2) is a file on a host outside any repository, described by `file`", .choice(choices(Storage.self))),
        .optional("usedBy", "who uses it", .list(.reference(EntityKind.allCases.filter { $0 != .waiver && $0 != .secret }))),
        .optional("environment", "the environment it belongs to", .reference([.environment])),
        .optional("rotation", "how the secret is rotated", .object(ObjectSchema("rotation", [
            .optional("every", "how often it is rotated", .duration),
            .optional("lastRotated", "when it was last rotated", .date),
        ]))),
        .optional("file", "for `host-file` storage: the file holding it", .object(ObjectSchema("file", [
            .optional("host", "the host the file is on", .reference([.host])),
            .optional("path", "the file's path on that host", .text),
            .optional("mode", "its permission bits, written in octal as `ls` or `stat` shows them (`0600`)", .text),
            .optional("owner", "the user owning the file", .text),
        ]))).since(2),
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
        self.file = reader.object("file") {
            File(host: $0.string("host"), path: $0.string("path"), mode: $0.string("mode"), owner: $0.string("owner"))
        }
    }
}

extension Secret.Storage: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

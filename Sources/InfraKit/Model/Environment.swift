/// A deployment environment: production, staging, ...
public struct Environment: Entity {
    public static let kind = EntityKind.environment

    public enum Kind: String, CaseIterable, Sendable {
        case production, staging, qa, development, demo
    }

    public let id: String
    public let origin: Origin
    public let kind: Kind
    public let domain: String?

    public var isProduction: Bool { kind == .production }

    static let fields: [FieldSchema] = [
        .required("kind", "what the environment is for", .choice(choices(Kind.self))),
        .optional("domain", "its main domain name", .text),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let kind = reader.choice("kind", Kind.self) else { return nil }
        self.id = id
        self.origin = reader.origin
        self.kind = kind
        self.domain = reader.string("domain")
    }
}

extension Environment.Kind: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

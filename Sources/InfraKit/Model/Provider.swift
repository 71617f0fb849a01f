/// A failure domain: one company's service in one region (`linode` London, `cloudant` Holland).
public struct Provider: Entity {
    public static let kind = EntityKind.provider

    /// Usual provider kinds; the list is open.
    static let knownKinds = ["aws", "azure", "cloud66", "cloudant", "digitalocean", "dnsimple", "dynect",
                             "fly", "gcp", "hetzner", "iriscouch", "linode", "vagrant"]

    public let id: String
    public let origin: Origin
    public let kind: String
    public let region: String?

    static let fields: [FieldSchema] = [
        .required("kind", "the company or platform", .openChoice(knownKinds)),
        .optional("region", "the provider's region", .text),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let kind = reader.string("kind") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.kind = kind
        self.region = reader.string("region")
    }
}

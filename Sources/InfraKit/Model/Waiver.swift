/// A decision to accept one rule's finding on one entity, with the reason and an optional end date.
public struct Waiver: Sendable {
    public let rule: String
    public let target: String
    public let reason: String
    public let expires: Day?
    /// Whether `expires` is given but is no real day (`2020-02-30`): such a waiver silences nothing,
    /// rather than silencing for ever (the decoder reports the date).
    public let hasInvalidExpiry: Bool
    public let owner: String?
    public let origin: Origin

    static let fields: [FieldSchema] = [
        .required("rule", "the id of the rule whose finding is accepted, e.g. `secret-in-source`", .text),
        .required("target", "the entity the finding is about", .reference(EntityKind.allCases.filter { $0 != .waiver })),
        .required("reason", "why it is accepted", .text),
        .optional("expires", "the last day the waiver applies", .date),
        .optional("owner", "who decided, who follows up", .text),
    ]

    init?(_ reader: EntityReader) {
        guard let rule = reader.string("rule"), let target = reader.string("target"),
              let reason = reader.string("reason") else { return nil }
        self.rule = rule
        self.target = target
        self.reason = reason
        self.expires = reader.day("expires")
        self.hasInvalidExpiry = expires == nil && reader.value("expires") != nil
        self.owner = reader.string("owner")
        self.origin = reader.origin
    }
}

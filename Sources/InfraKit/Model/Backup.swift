/// A scheduled copy of datastores or hosts to a target.
public struct Backup: Entity {
    public static let kind = EntityKind.backup

    static let knownMethods = ["mysqldump", "pg_dump", "provider", "replication", "rsync", "snapshot", "wal-shipping"]

    public enum Retention: Sendable {
        case duration(Duration)
        case counts(daily: Int?, weekly: Int?, monthly: Int?)
    }

    public let id: String
    public let origin: Origin
    /// Ids of the datastores and hosts it copies.
    public let of: [String]
    public let schedule: Schedule
    public let method: String?
    /// The provider (failure domain) that holds the copies.
    public let targetProvider: String
    public let targetLocation: String?
    public let retention: Retention?
    public let encrypted: Bool?
    public let notify: [Channel]
    public let restoreProcedure: String?
    public let restoreTestedOn: Day?

    static let fields: [FieldSchema] = [
        .required("of", .list(.reference([.datastore, .host]))),
        .required("schedule", .schedule),
        .optional("method", .openChoice(knownMethods)),
        .required("target", .object(ObjectSchema("target", [
            .required("provider", .reference([.provider])),
            .optional("location", .text),
        ]))),
        .optional("retention", .durationOrObject(ObjectSchema("retention", [
            .optional("daily", .integer(0...100_000)),
            .optional("weekly", .integer(0...100_000)),
            .optional("monthly", .integer(0...100_000)),
        ]))),
        .optional("encrypted", .boolean),
        .optional("notify", .list(.choice(choices(Channel.self)))),
        .optional("restore", .object(ObjectSchema("restore", [
            .optional("procedure", .text),
            .optional("testedOn", .date),
        ]))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let schedule = reader.schedule("schedule"),
              let target = reader.object("target", { (provider: $0.string("provider"), location: $0.string("location")) }),
              let targetProvider = target.provider else { return nil }
        self.id = id
        self.origin = reader.origin
        self.of = reader.strings("of")
        self.schedule = schedule
        self.method = reader.string("method")
        self.targetProvider = targetProvider
        self.targetLocation = target.location
        if let duration = reader.duration("retention") {
            self.retention = .duration(duration)
        } else {
            self.retention = reader.object("retention") {
                .counts(daily: $0.int("daily"), weekly: $0.int("weekly"), monthly: $0.int("monthly"))
            }
        }
        self.encrypted = reader.bool("encrypted")
        self.notify = reader.strings("notify").compactMap(Channel.init(rawValue:))
        let restore = reader.object("restore") { (procedure: $0.string("procedure"), testedOn: $0.day("testedOn")) }
        self.restoreProcedure = restore?.procedure ?? nil
        self.restoreTestedOn = restore?.testedOn ?? nil
    }
}

/// Where an alert or a notification goes.
public enum Channel: String, CaseIterable, Sendable {
    case email, pager, chat, sms, webhook
}

extension Channel: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

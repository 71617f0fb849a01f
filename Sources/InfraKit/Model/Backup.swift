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
        .required("of", "what it copies", .list(.reference([.datastore, .host]))),
        .required("schedule", "when it runs", .schedule),
        .optional("method", "how it copies", .openChoice(knownMethods)),
        .required("target", "where the copies go", .object(ObjectSchema("target", [
            .required("provider", "the failure domain that holds the copies", .reference([.provider])),
            .optional("location", "bucket, path or account", .text),
        ]))),
        .optional("retention", "how long copies are kept: a duration, or how many daily, weekly and monthly copies", .durationOrObject(ObjectSchema("retention", [
            .optional("daily", "daily copies kept", .integer(0...100_000)),
            .optional("weekly", "weekly copies kept", .integer(0...100_000)),
            .optional("monthly", "monthly copies kept", .integer(0...100_000)),
        ]))),
        .optional("encrypted", "whether the copies are encrypted", .boolean),
        .optional("notify", "where the result is reported", .list(.choice(choices(Channel.self)))),
        .optional("restore", "how to restore", .object(ObjectSchema("restore", [
            .optional("procedure", "the procedure, or where it is written down", .text),
            .optional("testedOn", "when a restore was last tested", .date),
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

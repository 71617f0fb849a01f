/// A scheduled task (cron, clockwork, a platform scheduler).
public struct Job: Entity {
    public static let kind = EntityKind.job

    public let id: String
    public let origin: Origin
    public let environment: String
    public let schedule: Schedule
    public let runsOn: [String]
    public let purpose: String?
    public let notify: [Channel]

    static let fields: [FieldSchema] = [
        .required("environment", "the environment it belongs to", .reference([.environment])),
        .required("schedule", "when it runs", .schedule),
        .optional("runsOn", "where it runs", .list(.reference([.host, .service]))),
        .optional("purpose", "what it does", .text),
        .optional("notify", "where its result is reported", .list(.choice(choices(Channel.self)))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let environment = reader.string("environment"),
              let schedule = reader.schedule("schedule") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.environment = environment
        self.schedule = schedule
        self.runsOn = reader.strings("runsOn")
        self.purpose = reader.string("purpose")
        self.notify = reader.strings("notify").compactMap(Channel.init(rawValue:))
    }
}

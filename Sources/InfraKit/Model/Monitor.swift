/// A monitoring tool watching parts of the system, with its checks and where its alerts go.
public struct Monitor: Entity {
    public static let kind = EntityKind.monitor

    static let knownTools = ["bugsnag", "cloudwatch", "datadog", "dynect", "exception_notifier", "nagios",
                             "newrelic", "papertrail", "pingdom", "prometheus", "scout", "sentry", "sumologic", "wombat"]

    public enum Kind: String, CaseIterable, Sendable {
        case apm, errors, uptime, host, metrics, logs
    }

    public struct Check: Sendable {
        public let metric: String
        /// A comparison such as `"< 3"`.
        public let condition: String
        public let origin: Origin
    }

    public struct Alert: Sendable {
        public let channel: Channel
        public let target: String?
        public let severity: String?
        public let origin: Origin
    }

    public let id: String
    public let origin: Origin
    public let tool: String
    public let kind: Kind?
    public let watches: [String]
    /// Where a self-hosted monitor runs (hosts or services); empty for SaaS monitors.
    public let runsOn: [String]
    public let checks: [Check]
    public let alerts: [Alert]

    static let fields: [FieldSchema] = [
        .required("tool", "the monitoring product", .openChoice(knownTools)),
        .optional("kind", "what it monitors", .choice(choices(Kind.self))),
        .optional("watches", "what it watches", .list(.reference(EntityKind.allCases.filter { $0 != .waiver }))),
        .optional("runsOn", "where a self-hosted monitor runs (Nagios, Wombat); leave it out for SaaS monitors. `infractl simulate` uses it: a monitor whose host fails stops watching", .list(.reference([.host, .service]))),
        .optional("checks", "what it checks", .list(.object(ObjectSchema("check", [
            .required("metric", "e.g. `free_disk_percent`", .text),
            .required("condition", "a comparison such as `\"< 10\"`", .text),
        ])))),
        .optional("alerts", "where alerts go", .list(.object(ObjectSchema("alert", [
            .required("channel", "how the alert is sent", .choice(choices(Channel.self))),
            .optional("target", "the address, number or channel name", .text),
            .optional("severity", "free-form severity", .text),
        ])))),
    ]

    init?(_ reader: EntityReader) {
        guard let id = reader.id, let tool = reader.string("tool") else { return nil }
        self.id = id
        self.origin = reader.origin
        self.tool = tool
        self.kind = reader.choice("kind", Kind.self)
        self.watches = reader.strings("watches")
        self.runsOn = reader.strings("runsOn")
        self.checks = reader.list("checks") { check in
            guard let metric = check.string("metric"), let condition = check.string("condition") else { return nil }
            return Check(metric: metric, condition: condition, origin: check.origin)
        }
        self.alerts = reader.list("alerts") { alert in
            alert.choice("channel", Channel.self).map {
                Alert(channel: $0, target: alert.string("target"), severity: alert.string("severity"), origin: alert.origin)
            }
        }
    }
}

extension Monitor.Kind: ByteChoice {
    static let byteTable = ChoiceTable<Self>()
}

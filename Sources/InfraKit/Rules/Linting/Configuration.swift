import InfraModel
import InfraJSON

/// `.infractl.json`: which rules run, their severities, thresholds and the default `--as-of`.
///
/// ```json
/// {
///   "asOf": "2026-11-01",
///   "exclude": ["generated", "fixtures/**/*.json"],
///   "rules": {"missing-log-rotation": {"enabled": false}, "unmonitored-service": {"severity": "warning"}},
///   "thresholds": {"restoreTestMaxAge": "90d", "failoverTTL": 120, "storageLimitPercent": 75}
/// }
/// ```
/// Mistakes in it are findings with locations, like inventory mistakes.
public struct Configuration: Sendable {
    public var asOf: Day?
    public var disabled: Set<String> = []
    public var enabled: Set<String> = []
    public var severities: [String: Severity] = [:]
    public var restoreTestMaxAge: Duration?
    public var failoverTTLSeconds: Int?
    public var storageLimitPercent: Double?
    /// Glob patterns of files and directories a directory walk leaves out, relative to the file's directory.
    public var exclude: [String] = []

    public init() {}

    static let ruleSettingsSchema = ObjectSchema("rule settings", [
        .optional("enabled", "whether the rule runs", .boolean),
        .optional("severity", "the severity its findings are reported at", .choice(choices(Severity.self))),
    ])

    static let schema = ObjectSchema("configuration", [
        .optional("asOf", "the day age checks use, unless --as-of is given", .date),
        .optional("exclude", "globs of paths a directory walk leaves out", .list(.text)),
        .optional("rules", "settings by rule id", .object(ObjectSchema("rules", []))),  // keys are rule ids, checked below
        .optional("thresholds", "the limits rules check against", .object(ObjectSchema("thresholds", [
            .optional("restoreTestMaxAge", "the oldest a restore test may be", .duration),
            .optional("failoverTTL", "the longest DNS TTL, in seconds, of a record a failover changes", .integer(0...2_147_483_647)),
            .optional("storageLimitPercent", "how full a datastore may be, in percent of its limit", .number(minimum: 0)),
        ]))),
    ])

    /// Reads a configuration document; the findings locate every mistake.
    public static func decode(_ document: JSONDocument) -> (Configuration, [Finding]) {
        var walker = SchemaWalker(source: document.source)
        var configuration = Configuration()
        let root = document.root
        guard root.kind == .object else {
            walker.report(.wrongType, "a configuration must be a JSON object, found \(root.kind)", at: root)
            return (configuration, walker.findings)
        }
        walker.checkDuplicateKeys(root, subject: "the configuration")
        let known = Set(RuleCatalog.identifiers)
        let rules = root["rules"]
        // A `rules` that is not an object is reported once, by the schema, in the loop below.
        // Validate everything but the rule map's keys, which are ids rather than fields.
        for member in root.members {
            if member.name == "rules", let rules, rules.kind == .object { continue }
            if let field = schema.field(named: member.name) {
                walker.validate(member.value, field.type, path: [.key(member.name)], subject: "the configuration")
            } else {
                walker.report(.unknownKey, "unknown key '\(member.name)' in the configuration\(Suggestion.clause(for: member.name, among: schema.fields.map(\.name)))",
                              at: member.key, path: member.name)
            }
        }
        if let rules, rules.kind == .object {
            walker.checkDuplicateKeys(rules, subject: "the configuration", path: [.key("rules")])
            for member in rules.members {
                guard known.contains(member.name) else {
                    walker.report(.unknownKey, "unknown rule '\(member.name)' in the configuration\(Suggestion.clause(for: member.name, among: known.sorted()))",
                                  at: member.key, path: "rules.\(member.name)")
                    continue
                }
                walker.validate(member.value, .object(ruleSettingsSchema), path: [.key("rules"), .key(member.name)], subject: "the configuration")
                let reader = EntityReader(origin: Origin(value: member.value, path: ""))
                switch reader.bool("enabled") {
                case false?: configuration.disabled.insert(member.name)
                case true?: configuration.enabled.insert(member.name)
                case nil: break
                }
                if let severity = reader.choice("severity", Severity.self) { configuration.severities[member.name] = severity }
            }
        }
        let reader = EntityReader(origin: Origin(value: root, path: ""))
        configuration.asOf = reader.day("asOf")
        configuration.exclude = reader.strings("exclude")
        configuration.restoreTestMaxAge = reader.object("thresholds") { $0.duration("restoreTestMaxAge") }
        configuration.failoverTTLSeconds = reader.object("thresholds") { $0.int("failoverTTL") }
        configuration.storageLimitPercent = reader.object("thresholds") { $0.number("storageLimitPercent") }
        return (configuration, walker.findings)
    }

    /// Applies this configuration to lint options (the command line then adds `--rule` and `--skip`).
    public func apply(to options: inout LintOptions) {
        options.disabled.formUnion(disabled)
        options.disabled.subtract(enabled)
        options.severityOverrides.merge(severities) { _, new in new }
        if let restoreTestMaxAge { options.settings.restoreTestMaxAge = restoreTestMaxAge }
        if let failoverTTLSeconds { options.settings.failoverTTLSeconds = failoverTTLSeconds }
        if let storageLimitPercent { options.settings.storageLimitPercent = storageLimitPercent }
    }
}

/// How serious a finding is. Ordered: `note < warning < error`.
public enum Severity: String, CaseIterable, Comparable, Sendable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One problem found in an inventory: a value, never thrown or printed by the code that finds it.
public struct Finding: Hashable, Sendable {
    /// The rule that produced it, e.g. `unknown-key` or `secret-in-source`.
    public var ruleID: String
    public var severity: Severity
    /// Lowercase, no trailing period, names in single quotes.
    public var message: String
    /// The entity the finding is about, when there is one.
    public var entityID: String?
    /// Path of the field inside the entity (`dependsOn[0].tls`), stable when lines move.
    public var fieldPath: String?
    /// Where the JSON that caused it starts: the field when there is one, else the entity.
    public var location: Location
    /// A stable identity for baselines and code scanning, built from rule, file, entity and field
    /// path (never from line numbers); set when a report is assembled (`Fingerprint.assign`).
    public var fingerprint: String = ""

    public init(
        ruleID: String, severity: Severity, message: String,
        entityID: String? = nil, fieldPath: String? = nil, location: Location
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.entityID = entityID
        self.fieldPath = fieldPath
        self.location = location
    }

    /// Report order: by location, then rule, then message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Finding {
    /// Sorts by `areInIncreasingOrder` (stably), moving each finding once: the positions are sorted
    /// and the findings gathered after, which on a large report is much cheaper than moving findings
    /// (and their strings) at every step of the sort.
    mutating func sortByPosition(_ areInIncreasingOrder: (Finding, Finding) -> Bool) {
        let order = withUnsafeBufferPointer { findings in
            findings.indices.sorted { areInIncreasingOrder(findings[$0], findings[$1]) }
        }
        self = order.map { self[$0] }
    }
}

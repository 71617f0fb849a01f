import InfraJSON

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

    /// The consequence a rule's findings must have to be reported at this severity in production.
    public var consequence: String {
        switch self {
        case .error: "data can be lost or exposed, or production goes down without warning"
        case .warning: "a risk that needs another failure first"
        case .note: "hygiene"
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

    /// Report order, the one order of findings in every report: by location, then rule, then
    /// message as reported, redacted (`CredentialScanner.redact`, which is idempotent), so a finding
    /// sorts the same before and after its message is redacted.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        return orderAtOnePlace(lhs, rhs) ?? false
    }

    /// Report order between two findings at one location: by rule, then by message as reported
    /// (the linter keeps the most severe findings before it redacts their messages); nil when both
    /// are equal.
    static func orderAtOnePlace(_ lhs: borrowing Finding, _ rhs: borrowing Finding) -> Bool? {
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        if lhs.message == rhs.message { return nil }
        let (left, right) = (CredentialScanner.redact(lhs.message), CredentialScanner.redact(rhs.message))
        return left == right ? nil : left < right
    }
}

extension Array where Element == Finding {
    /// Sorts into report order (`Finding.reportOrder`, equal findings keeping their order); with
    /// `mostSevereFirst`, by severity (most severe first) and then in report order.
    ///
    /// Each finding's place is packed into integers first (severity, file, line, column), so most
    /// comparisons are between two integers; only findings at the same place compare rule and
    /// message. Then each finding is moved once. Comparing `Finding` values directly copies two of
    /// them, and their strings, at every step — on a report of 100,000 findings that was most of the
    /// time spent sorting. Equal findings keep their order.
    package mutating func sortInReportOrder(mostSevereFirst: Bool = false) {
        self = sortedInReportOrder(mostSevereFirst: mostSevereFirst, keeping: count)
    }

    /// The first `limit` findings of `sortInReportOrder`: only those are copied.
    package func sortedInReportOrder(mostSevereFirst: Bool = false, keeping limit: Int) -> [Finding] {
        let order: [Int] = withUnsafeBufferPointer { findings in
            // Files by rank, so a place fits in two integers. Findings come in runs from one file.
            var files = Set<String>()
            var previous: String?
            for index in findings.indices where findings[index].location.file != previous {
                previous = findings[index].location.file
                files.insert(findings[index].location.file)
            }
            let fileRank = Dictionary(uniqueKeysWithValues: files.sorted().enumerated().map { ($1, UInt64($0)) })
            var last: (file: String, rank: UInt64)?
            var keys = findings.indices.map { index -> (place: UInt64, column: UInt64, index: Int) in
                let location = findings[index].location
                if location.file != last?.file { last = (location.file, fileRank[location.file] ?? 0) }
                let severity: UInt64 = switch findings[index].severity {
                case .error: 0
                case .warning: 1
                case .note: 2
                }
                let line = UInt64(UInt32(clamping: location.line))
                return ((mostSevereFirst ? severity << 62 : 0) | (last?.rank ?? 0) << 32 | line,
                        UInt64(clamping: location.column), index)
            }
            let before = { (lhs: (place: UInt64, column: UInt64, index: Int), rhs: (place: UInt64, column: UInt64, index: Int)) -> Bool in
                if lhs.place != rhs.place { return lhs.place < rhs.place }
                if lhs.column != rhs.column { return lhs.column < rhs.column }
                return Finding.orderAtOnePlace(findings[lhs.index], findings[rhs.index]) ?? (lhs.index < rhs.index)
            }
            keys.sort(by: before)
            return keys.prefix(limit).map(\.index)
        }
        return order.map { self[$0] }
    }

    /// Appends the findings of every part, in order, moving them rather than copying. A copy counts a
    /// reference on each of a finding's strings, and freeing the parts afterwards counts every one off
    /// again: on the 122,000 findings of 100,000 hosts that was most of the time left after the rules.
    /// Each part is left holding as many findings made of empty strings, which cost nothing to free.
    package mutating func appendMoving(_ parts: inout [[Finding]]) {
        let total = count + parts.reduce(0) { $0 + $1.count }
        let placeholder = Finding(ruleID: "", severity: .note, message: "", location: Location(file: "", line: 0, column: 0))
        let existing = self
        self = [Finding](unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            guard var next = buffer.baseAddress else { return }
            for finding in existing {
                next.initialize(to: finding)
                next += 1
            }
            for index in parts.indices {
                parts[index].withUnsafeMutableBufferPointer { part in
                    guard let base = part.baseAddress, !part.isEmpty else { return }
                    next.moveInitialize(from: base, count: part.count)
                    base.initialize(repeating: placeholder, count: part.count)
                    next += part.count
                }
            }
            initialized = total
        }
    }
}

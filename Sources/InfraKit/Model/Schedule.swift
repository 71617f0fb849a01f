import Synchronization

/// When something runs: five-field cron, `@hourly|@daily|@weekly|@monthly`, or `every N<unit>`.
public enum Schedule: Hashable, Sendable, CustomStringConvertible {
    case cron(CronExpression)
    case every(Duration)

    /// Parses a schedule, or explains why it cannot.
    public static func parse(_ text: String) -> Result<Schedule, ScheduleError> {
        let trimmed = text.trimmingSpaces
        switch trimmed {
        case "@hourly": return .success(.cron(CronExpression.hourly))
        case "@daily", "@midnight": return .success(.cron(CronExpression.daily))
        case "@weekly": return .success(.cron(CronExpression.weekly))
        case "@monthly": return .success(.cron(CronExpression.monthly))
        default: break
        }
        if trimmed.hasPrefix("@") {
            return .failure(ScheduleError(message: "unknown schedule '\(trimmed)': use @hourly, @daily (or @midnight), @weekly or @monthly"))
        }
        if trimmed.hasPrefix("every ") {
            let amount = String(trimmed.dropFirst(6)).trimmingSpaces
            guard let duration = Duration(parsing: amount), duration.seconds > 0 else {
                return .failure(ScheduleError(message: "'\(trimmed)' is not 'every' and a duration such as 'every 4h'"))
            }
            return .success(.every(duration))
        }
        return CronExpression.parse(trimmed).map { .cron($0) }
    }

    public var description: String {
        switch self {
        case .cron(let expression): expression.text
        case .every(let duration): "every \(duration)"
        }
    }
}

/// Why a schedule could not be read.
public struct ScheduleError: Error, Hashable, Sendable {
    public var message: String
}

/// A parsed five-field cron expression: minute, hour, day of month, month, day of week.
///
/// Each field is the set of values it allows. As in Vixie cron, when both day fields are
/// restricted (neither starts with `*`), a day matches if *either* matches.
public struct CronExpression: Hashable, Sendable {
    public let text: String
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    /// 0 = Sunday ... 6 = Saturday (7 is read as Sunday).
    public let daysOfWeek: Set<Int>
    public let dayOfMonthRestricted: Bool
    public let dayOfWeekRestricted: Bool

    static let hourly = parseUnchecked("0 * * * *")
    static let daily = parseUnchecked("0 0 * * *")
    static let weekly = parseUnchecked("0 0 * * 0")
    static let monthly = parseUnchecked("0 0 1 * *")

    private static func parseUnchecked(_ text: String) -> CronExpression {
        switch parse(text) {
        case .success(let expression): return expression
        case .failure: preconditionFailure("built-in cron expression '\(text)' must parse")
        }
    }

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let nameBase: Int
    }

    private static let fields = [
        Field(name: "minute", range: 0...59, names: [], nameBase: 0),
        Field(name: "hour", range: 0...23, names: [], nameBase: 0),
        Field(name: "day of month", range: 1...31, names: [], nameBase: 1),
        Field(name: "month", range: 1...12,
              names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], nameBase: 1),
        Field(name: "day of week", range: 0...7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], nameBase: 0),
    ]

    public static func parse(_ text: String) -> Result<CronExpression, ScheduleError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 5 else {
            return .failure(ScheduleError(message: "cron schedule '\(text)' has \(parts.count) fields; expected 5 (minute hour day-of-month month day-of-week)"))
        }
        var sets: [Set<Int>] = []
        for (field, part) in zip(fields, parts) {
            switch parseField(String(part), field) {
            case .success(let values): sets.append(values)
            case .failure(let error): return .failure(error)
            }
        }
        var daysOfWeek = sets[4]
        if daysOfWeek.remove(7) != nil { daysOfWeek.insert(0) }
        return .success(CronExpression(
            text: parts.joined(separator: " "),
            minutes: sets[0], hours: sets[1], daysOfMonth: sets[2], months: sets[3], daysOfWeek: daysOfWeek,
            dayOfMonthRestricted: !parts[2].hasPrefix("*"), dayOfWeekRestricted: !parts[4].hasPrefix("*")))
    }

    private static func parseField(_ text: String, _ field: Field) -> Result<Set<Int>, ScheduleError> {
        var values = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let fail = ScheduleError(message: "invalid \(field.name) '\(item)' in cron field '\(text)' (allowed \(field.range.lowerBound)-\(field.range.upperBound))")
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return .failure(fail) }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed >= 1 else { return .failure(fail) }
                step = parsed
            }
            let base = pieces[0]
            var lower: Int
            var upper: Int
            if base == "*" {
                lower = field.range.lowerBound
                upper = field.range.upperBound
            } else {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, let first = value(bounds[0], field) else { return .failure(fail) }
                lower = first
                if bounds.count == 2 {
                    guard let second = value(bounds[1], field), second >= first else { return .failure(fail) }
                    upper = second
                } else {
                    // `5/15` means from 5 to the end of the range, every 15.
                    upper = pieces.count == 2 ? field.range.upperBound : first
                }
            }
            guard field.range.contains(lower), field.range.contains(upper) else { return .failure(fail) }
            values.formUnion(stride(from: lower, through: upper, by: step))
        }
        return .success(values)
    }

    private static func value(_ text: Substring, _ field: Field) -> Int? {
        if let number = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) { return number }
        if let index = field.names.firstIndex(of: text.lowercased()) { return index + field.nameBase }
        return nil
    }
}

extension Schedule {
    /// `parse`, remembered: inventories repeat a handful of schedules thousands of times, and the
    /// decoder reads each one twice (to check it, then to build the model). At most `memoLimit`
    /// texts are kept, so hostile input cannot grow the memo without bound.
    static func parseRemembered(_ text: String) -> Result<Schedule, ScheduleError> {
        if let known = memo.withLock({ $0[text] }) { return known }
        let parsed = parse(text)
        memo.withLock { remembered in
            if remembered.count < memoLimit { remembered[text] = parsed }
        }
        return parsed
    }

    private static let memoLimit = 512
    private static let memo = Mutex<[String: Result<Schedule, ScheduleError>]>([:])
}

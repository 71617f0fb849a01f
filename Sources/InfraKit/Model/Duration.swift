/// A length of time written `"30s"`, `"15m"`, `"4h"`, `"7d"` or `"12w"`: an integer and one unit.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// Parses the inventory notation; nil when it is not an integer followed by one of s, m, h, d, w.
    public init?(parsing text: String) {
        guard let unit = text.last, text.count >= 2, text.count <= 12 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let amount = Int(digits) else { return nil }
        let factor: Int
        switch unit {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3_600
        case "d": factor = 86_400
        case "w": factor = 604_800
        default: return nil
        }
        let (product, overflow) = amount.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        self.seconds = product
    }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.seconds < rhs.seconds }

    /// The largest whole unit that divides the length: `86400` seconds reads `1d`.
    public var description: String {
        for (factor, unit) in [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "m")]
        where seconds != 0 && seconds % factor == 0 {
            return "\(seconds / factor)\(unit)"
        }
        return "\(seconds)s"
    }
}

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

    /// `init(parsing:)` on the UTF-8 of a text, without making a string: a duration is ASCII,
    /// where bytes and characters are one and the same.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 2, bytes.count <= 12, let unit = bytes.last else { return nil }
        var amount = 0
        for byte in bytes.dropLast() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            // At most 11 digits: no overflow.
            amount = amount * 10 + Int(byte - UInt8(ascii: "0"))
        }
        let factor: Int
        switch unit {
        case UInt8(ascii: "s"): factor = 1
        case UInt8(ascii: "m"): factor = 60
        case UInt8(ascii: "h"): factor = 3_600
        case UInt8(ascii: "d"): factor = 86_400
        case UInt8(ascii: "w"): factor = 604_800
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

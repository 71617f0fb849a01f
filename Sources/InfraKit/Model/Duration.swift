/// A length of time written `"30s"`, `"15m"`, `"4h"`, `"7d"` or `"12w"`: an integer and one unit.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// Parses the inventory notation; nil when it is not an integer followed by one of s, m, h, d, w.
    public init?(parsing text: String) {
        var text = text
        guard let duration = text.withUTF8(Duration.init(utf8:)) else { return nil }
        self = duration
    }

    /// `init(parsing:)` on the UTF-8 of a text, without making a string: a duration is ASCII digits
    /// and one ASCII unit, so any other byte makes it invalid.
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

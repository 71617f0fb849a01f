/// How well a part of the system works after a failure, from best to worst.
public enum Health: Int, Comparable, Sendable, CaseIterable {
    /// Unaffected.
    case up
    /// Still doing its whole job with less capacity or redundancy (lost one of three instances).
    case degraded
    /// Running, but part of what it does is broken because something it depends on is not working.
    case impaired
    /// Serving reads only: a consensus store that lost quorum but keeps answering reads.
    case readOnly
    /// Not working.
    case down

    public static func < (lhs: Health, rhs: Health) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .up: "up"
        case .degraded: "degraded"
        case .impaired: "impaired"
        case .readOnly: "read-only"
        case .down: "down"
        }
    }
}

/// Why a part of the system is in its state: what it depends on that failed, and how.
public struct HealthCause: Sendable, Equatable {
    /// The node whose state caused this one; nil for a failure that was simulated directly.
    public let source: Int?
    /// Lowercase, e.g. "runs only on host 'web-1'", "2 of 3 voters left, quorum 2 lost".
    public let reason: String
}

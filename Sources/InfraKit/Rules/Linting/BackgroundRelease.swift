import Dispatch

/// Frees a large value on another core, so the thread that is done with it can go on reporting.
///
/// Freeing the rule context of 100,000 hosts (the topology index and its tables) and the findings
/// a report does not keep releases hundreds of thousands of objects one by one; the report does not
/// wait for that. The value must no longer be used by anyone else.
enum BackgroundRelease {
    private final class Holder: @unchecked Sendable {
        var value: Any?
        init(_ value: Any) { self.value = value }
    }

    static func release(_ value: Any) {
        let holder = Holder(value)
        DispatchQueue.global().async { holder.value = nil }
    }
}

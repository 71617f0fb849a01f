import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map(transform)` with the elements taken on every core at once, the results in the same order:
    /// several inventories (a directory, the two versions of a diff) are loaded and linted side by
    /// side. Each result goes to its own slot; `concurrentPerform` returns once every one is made.
    package func mapSideBySide<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let slots = Mutex([Result?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { position in
            let result = transform(self[position])
            slots.withLock { $0[position] = result }
        }
        return slots.withLock { slots in slots.compactMap { $0 } }
    }
}

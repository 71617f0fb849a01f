/// The environments of entities, each distinct set made once: nearly every entity of an inventory
/// is in the same one or two environments, and a set of its own for each of 170,000 entities was
/// the largest part of the health report's memory. Equal sets share one storage.
package final class EnvironmentSets {
    private let index: InventoryIndex
    private var known: [Set<String>: Set<String>] = [:]

    package init(_ index: InventoryIndex) {
        self.index = index
    }

    /// `index.environmentIDs(of: id)`, as the first equal set returned.
    package func of(_ id: String) -> Set<String> {
        let environments = index.environmentIDs(of: id)
        if let shared = known[environments] { return shared }
        known[environments] = environments
        return environments
    }
}

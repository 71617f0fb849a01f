/// Entities listed under the ids they name: monitors by what they watch, backups by what they copy,
/// pipelines by what they deploy. Rules ask these once for nearly every entity of a kind.
public struct EntitiesByID<Value: Sendable>: Sendable {
    private var lists: [String: [Value]] = [:]

    init(capacity: Int) {
        lists.reserveCapacity(capacity)
    }

    /// Adds `value` under each of `ids`, once under an id it names twice.
    mutating func add(_ value: Value, under ids: [String]) {
        for id in InventoryIndex.distinct(ids) { lists[id, default: []].append(value) }
    }

    /// The entities naming `id`, in the inventory's order; nil when none does.
    public subscript(id: String) -> [Value]? {
        lists[id]
    }
}

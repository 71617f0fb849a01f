/// Entities listed under the ids they name: monitors by what they watch, backups by what they copy,
/// pipelines by what they deploy. Keyed by `IDKey`, whose hash is cheaper than a String's: rules ask
/// these once for nearly every entity of a kind.
public struct EntitiesByID<Value: Sendable>: Sendable {
    private var lists: [IDKey: [Value]] = [:]

    init(capacity: Int) {
        lists.reserveCapacity(capacity)
    }

    /// Adds `value` under each of `ids`, once under an id it names twice.
    mutating func add(_ value: Value, under ids: [String]) {
        for id in InventoryIndex.distinct(ids) { lists[IDKey(id), default: []].append(value) }
    }

    /// The entities naming `id`, in the inventory's order; nil when none does.
    public subscript(id: String) -> [Value]? {
        lists[IDKey(id)]
    }
}

/// Where each field of an object is on the tape, by the field's position in the object's schema:
/// the value of its first occurrence, the one the decoder uses.
///
/// The schema walk finds every key of an entity anyway; keeping where, the model is then built by
/// reading each field at its position instead of searching the object's keys again by name.
/// A fixed inline table: filling one allocates nothing.
struct FieldPositions {
    /// Most fields an object schema may have.
    static let capacity = 32

    private var values = InlineArray<32, Int32>(repeating: -1)

    /// The tape index of the field at `field` in the schema, nil when the object does not have it.
    subscript(field: Int) -> Int? {
        let value = values[field]
        return value < 0 ? nil : Int(value)
    }

    /// Records the first occurrence of a field; later ones (duplicate keys) are not used.
    mutating func record(field: Int, at index: Int) {
        if values[field] < 0 { values[field] = Int32(index) }
    }
}

import Synchronization

/// The fields of one schema that readers have asked for by a key written in the source
/// (`FieldKey.literal`), remembered by the address of the key's text.
///
/// A model type reads its fields by the same few literals for every entity, so after the first
/// entity each read finds its field's position in about one load and one comparison instead of
/// hashing the key's bytes and probing the schema's table (measured on 10,000 hosts: the readers'
/// field lookups from about 19M instructions to 8M). An address not remembered is looked up the
/// long way, then remembered.
///
/// Open addressing, entries never removed: a key's entry is at its slot or after it, before the
/// first free slot. Each slot is one atomic word holding the address and the field's position: a
/// schema is shared (`EntityKind.schema`), and a reader on another thread sees a whole entry or a
/// free slot, never half of an entry. Two threads remembering at once at worst write the same
/// entry twice.
struct LiteralFieldCache: ~Copyable, Sendable {
    /// More than twice the distinct keys a model type reads from one schema.
    private static let slotCount = 64
    /// Bits of an entry for the field's position, below the address.
    private static let fieldBits = 5

    /// Each slot's entry: the literal's address shifted up, then the field's position; 0 when free.
    private let slots = InlineArray<64, Atomic<UInt64>> { _ in Atomic(0) }

    init() {
        precondition(FieldPositions.capacity <= 1 << Self.fieldBits, "a field's position fits below the address")
    }

    /// The position of the field remembered for the literal at `address`, nil when none is.
    func field(at address: UInt) -> Int? {
        var slot = Self.slot(of: address)
        for _ in 0..<Self.slotCount {
            let entry = slots[slot].load(ordering: .relaxed)
            if entry == 0 { return nil }
            if entry >> Self.fieldBits == UInt64(address) { return Int(truncatingIfNeeded: entry & (1 << Self.fieldBits - 1)) }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return nil
    }

    /// Remembers that the literal at `address` names the field at position `field`.
    func remember(_ field: Int, at address: UInt) {
        // Addresses that would not fit above the position (none in practice) are not remembered.
        guard UInt64(address) >> (64 - Self.fieldBits) == 0 else { return }
        let entry = UInt64(address) << Self.fieldBits | UInt64(field)
        var slot = Self.slot(of: address)
        for _ in 0..<Self.slotCount {
            let (stored, found) = slots[slot].compareExchange(expected: 0, desired: entry, ordering: .relaxed)
            if stored || found == entry { return }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        // Full (more distinct keys than slots): this one is looked up the long way each time.
    }

    private static func slot(of address: UInt) -> Int {
        Int(truncatingIfNeeded: (UInt64(address) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }
}

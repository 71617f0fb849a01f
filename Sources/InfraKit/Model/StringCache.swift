#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The strings one batch of entities has read from the file, by their bytes: most strings of an
/// inventory are written again and again (environments, providers, zones, roles, software names,
/// protocols), and a repeat is taken from here instead of being made, checked for credentials and
/// allocated again. The same bytes give the same redacted string, so the model holds the same text.
///
/// Direct-mapped: a string has one slot, chosen by its bytes, and a newer string takes the slot.
/// Used by one thread at a time (each batch has its own).
final class StringCache {
    private struct Entry {
        /// The string's bytes in the file, valid while the document lives.
        var bytes: UnsafeBufferPointer<UInt8>
        var text: String
    }

    private let slotCount: Int
    /// How far a 64-bit hash is shifted to give a slot: 64 less the bits of `slotCount`.
    private let shift: UInt64
    private let entries: UnsafeMutablePointer<Entry>

    /// A cache for a batch of `entities`: 8 slots an entity, from 64 to 1,024 (a power of two).
    /// Making and freeing 1,024 slots for the few entities of a small file was a tenth of checking it.
    init(entities: Int = 128) {
        var bits = 6
        while bits < 10 && (1 << bits) < entities * 8 { bits += 1 }
        slotCount = 1 << bits
        shift = UInt64(64 - bits)
        entries = .allocate(capacity: slotCount)
        entries.initialize(repeating: Entry(bytes: UnsafeBufferPointer(start: nil, count: 0), text: ""), count: slotCount)
    }

    deinit {
        entries.deinitialize(count: slotCount)
        entries.deallocate()
    }

    /// The string written as `bytes` in the file (no escapes), redacted: `make(bytes)` when not
    /// remembered, which must depend on the bytes alone.
    func string(_ bytes: UnsafeBufferPointer<UInt8>, making make: (UnsafeBufferPointer<UInt8>) -> String) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return make(bytes) }
        let key = KeyWords(bytes)
        let mixed = (key.head &+ key.tail &* 31 &+ UInt64(truncatingIfNeeded: key.length)) &* 0x9E37_79B9_7F4A_7C15
        let slot = entries + Int(truncatingIfNeeded: mixed >> shift)
        let stored = slot.pointee.bytes
        if stored.count == bytes.count, let storedBase = stored.baseAddress, memcmp(storedBase, base, bytes.count) == 0 {
            return slot.pointee.text
        }
        let text = make(bytes)
        slot.pointee = Entry(bytes: bytes, text: text)
        return text
    }
}

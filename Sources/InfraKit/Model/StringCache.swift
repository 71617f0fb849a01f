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

    private static let slotCount = 1024
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: Self.slotCount)
        entries.initialize(repeating: Entry(bytes: UnsafeBufferPointer(start: nil, count: 0), text: ""), count: Self.slotCount)
    }

    deinit {
        entries.deinitialize(count: Self.slotCount)
        entries.deallocate()
    }

    /// The string written as `bytes` in the file (no escapes), redacted: `make(bytes)` when not
    /// remembered, which must depend on the bytes alone.
    func string(_ bytes: UnsafeBufferPointer<UInt8>, making make: (UnsafeBufferPointer<UInt8>) -> String) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return make(bytes) }
        let key = KeyWords(bytes)
        let mixed = (key.head &+ key.tail &* 31 &+ UInt64(truncatingIfNeeded: key.length)) &* 0x9E37_79B9_7F4A_7C15
        let slot = entries + Int(truncatingIfNeeded: mixed >> 54)
        let stored = slot.pointee.bytes
        if stored.count == bytes.count, let storedBase = stored.baseAddress, memcmp(storedBase, base, bytes.count) == 0 {
            return slot.pointee.text
        }
        let text = make(bytes)
        slot.pointee = Entry(bytes: bytes, text: text)
        return text
    }
}

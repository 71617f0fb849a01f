#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every id an inventory declares: the kind of entity that declares it and where its `id` value is.
///
/// The decoder looks up every reference here, hundreds of thousands in a large inventory, so the
/// table works on the ids' UTF-8 bytes: no `String` is made to look one up, and the hash is a
/// cheap one over a few bytes rather than a seeded `Hasher`. Ids are compared as bytes, like keys.
public struct EntityIDs: Sendable {
    /// One declared id.
    struct Entry: Sendable {
        /// Where the id's bytes start in `bytes`.
        let start: UInt32
        let length: UInt8
        let kind: EntityKind
        /// Byte offset of the `id` value in the file.
        let offset: UInt32
    }

    /// The bytes of every id, one after another.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing, a power of two in size: 0 for an empty slot, else the upper half of the id's
    /// hash over its position in `entries` plus one. The hash half rules out almost every other id
    /// in the slot's path without reading its entry or its bytes, which are far apart in memory.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 16)

    public init() {}

    /// Number of ids.
    public var count: Int { entries.count }

    /// The kind of entity that declares `id`, if any.
    public subscript(id: String) -> EntityKind? {
        var id = id
        return id.withUTF8 { entry(for: $0)?.kind }
    }

    /// Every id of one of `kinds`, sorted (for "did you mean" suggestions).
    func ids(of kinds: [EntityKind]) -> [String] {
        entries.filter { kinds.contains($0.kind) }.map(text).sorted()
    }

    /// Makes room for `count` ids without growing the table again.
    mutating func reserve(_ count: Int) {
        entries.reserveCapacity(count)
        bytes.reserveCapacity(count * 12)
        if count * 2 > slots.count { rehash(capacity: count * 2) }
    }

    /// The entry for the id a string value names.
    func entry(named value: JSONValue) -> Entry? {
        value.withStringBytes { entry(for: $0) } ?? nil
    }

    /// Adds the id a string value holds, when it is a valid id; returns the earlier entry instead
    /// when the id is already declared.
    mutating func insert(named value: JSONValue, kind: EntityKind) -> Entry? {
        value.withStringBytes { id -> Entry? in
            guard Identifier.isValid(id) else { return nil }
            return insert(id, kind: kind, offset: value.offset)
        } ?? nil
    }

    /// The entry for the id whose UTF-8 bytes are `id`.
    func entry(for id: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard id.count <= Identifier.maxLength else { return nil }
        let hash = Self.hash(id)
        let mask = slots.count - 1
        var slot = hash & mask
        let tag = Self.tag(hash)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { stored in
                while true {
                    let word = slots[slot]
                    guard word != 0 else { return nil }
                    if word & Self.tagMask == tag {
                        let entry = entries[Int(word & ~Self.tagMask) - 1]
                        if Int(entry.length) == id.count,
                           id.isEmpty || memcmp(stored.baseAddress! + Int(entry.start), id.baseAddress!, id.count) == 0 { return entry }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Adds `id` (at most `Identifier.maxLength` bytes); returns the earlier entry instead when
    /// the id is already declared.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, kind: EntityKind, offset: Int) -> Entry? {
        precondition(id.count <= Identifier.maxLength, "ids are validated before they are registered")
        if let existing = entry(for: id) { return existing }
        if (entries.count + 1) * 2 > slots.count { rehash(capacity: slots.count * 2) }
        let entry = Entry(start: UInt32(bytes.count), length: UInt8(id.count), kind: kind, offset: UInt32(offset))
        bytes.append(contentsOf: id)
        place(entries.count, hash: Self.hash(id))
        entries.append(entry)
        return nil
    }

    /// The id of `entry` as text.
    func text(_ entry: Entry) -> String {
        String(decoding: bytes[Int(entry.start)..<Int(entry.start) + Int(entry.length)], as: UTF8.self)
    }

    private mutating func place(_ position: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) | UInt64(position + 1)
    }

    private mutating func rehash(capacity: Int) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        for (position, entry) in entries.enumerated() {
            let hash = bytes.withUnsafeBufferPointer { stored in
                Self.hash(UnsafeBufferPointer(rebasing: stored[Int(entry.start)..<Int(entry.start) + Int(entry.length)]))
            }
            place(position, hash: hash)
        }
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The upper half of `hash`, where a slot keeps it: the slot's position comes from the lower bits.
    private static func tag(_ hash: Int) -> UInt64 {
        UInt64(bitPattern: Int64(hash)) & tagMask
    }

    /// FNV-1a: ids are short, so a byte-at-a-time hash is cheap, and it spreads `host-1`, `host-2`, ... well.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ hash >> 29)
    }
}

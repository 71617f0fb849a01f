#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import InfraJSON

/// Every id an inventory declares: the kind of entity that declares it, where its `id` value is,
/// and (once the entities are decoded, `locate`) which entity of each kind it names. The decoder
/// checks references here, and the topology and rules ask it what an id names.
///
/// The decoder looks up every reference here, hundreds of thousands in a large inventory, so the
/// table works on the ids' UTF-8 bytes: no `String` is made to look one up, and the hash is a
/// cheap one over a few bytes rather than a seeded `Hasher`. Ids are compared as bytes, like keys.
///
/// The ids are kept in two halves, chosen by one bit of their hash, so that two threads can
/// register a large inventory's ids side by side (`register`): an id always lands in the same half,
/// and each half takes its ids in document order, so the first declaration of an id is the same
/// as on one thread.
///
/// Ids are unique across a well-formed file; a repeated id is a `duplicate-id` finding, but the
/// lookups by kind still answer as a table per kind would: the first well-formed entity of each
/// kind with that id.
public struct EntityIDs: Sendable {
    /// One declared id.
    struct Entry: Sendable {
        /// Where the id's bytes start in its half's bytes.
        let start: UInt32
        let length: UInt8
        let kind: EntityKind
        /// Byte offset of the `id` value in the file.
        let offset: UInt32
    }

    /// An id declared again: the repeated `id` value and the declaration it repeats.
    struct Repeat: Sendable {
        let value: JSONValue
        let first: Entry
    }

    private var lowerHalf = IDTable()
    private var upperHalf = IDTable()
    /// Entities whose kind is not that of their id's first declaration, by id and kind: only in
    /// an inventory with a duplicate id, so the common case holds no dictionary to look up.
    private var otherKinds: [String: [EntityKind: Int]] = [:]
    /// The kinds with an id that more than one of their well-formed entities declares.
    private var repeating: Set<EntityKind> = []
    /// Whether well-formed entities of two kinds declare the same id.
    private var sharesIDs = false

    public init() {}

    /// Number of ids.
    public var count: Int { lowerHalf.count + upperHalf.count }

    /// The kind of entity that declares `id` first, if any (well-formed or not).
    public subscript(id: String) -> EntityKind? {
        var id = id
        return id.withUTF8 { entry(for: $0)?.kind }
    }

    // MARK: What an id names

    /// Notes where each entity of `inventory`'s lists is, so that the lookups by kind answer with
    /// positions in those lists; called once, when the lists are decoded.
    mutating func locate(_ inventory: Inventory) {
        lowerHalf.startLocating()
        upperHalf.startLocating()
        locate(inventory.environments)
        locate(inventory.providers)
        locate(inventory.hosts)
        locate(inventory.clusters)
        locate(inventory.services)
        locate(inventory.datastores)
        locate(inventory.backups)
        locate(inventory.monitors)
        locate(inventory.pipelines)
        locate(inventory.jobs)
        locate(inventory.secrets)
        locate(inventory.dns)
        sharesIDs = otherKinds.contains { id, kinds in kinds.count > 1 || firstDeclaration(of: id)?.position != nil }
    }

    private mutating func locate<T: Entity>(_ entities: [T]) {
        for position in entities.indices {
            var id = entities[position].id
            let placed = id.withUTF8 { bytes -> IDTable.Placement in
                guard !bytes.isEmpty, bytes.count <= Identifier.maxLength else { return .elsewhere }
                let key = IDBytesKey(bytes)
                return Self.isUpper(key.hash) ? upperHalf.place(bytes, key, kind: T.kind, position: position)
                    : lowerHalf.place(bytes, key, kind: T.kind, position: position)
            }
            switch placed {
            case .placed: continue
            case .repeated: repeating.insert(T.kind)
            case .elsewhere:
                if otherKinds[id]?[T.kind] != nil { repeating.insert(T.kind) } else { otherKinds[id, default: [:]][T.kind] = position }
            }
        }
    }

    /// The kind of `id`'s first declaration and the position of that kind's first well-formed
    /// entity with `id`, if it has one.
    private func firstDeclaration(of id: String) -> (kind: EntityKind, position: Int?)? {
        var id = id
        return id.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= Identifier.maxLength else { return nil }
            let key = IDBytesKey(bytes)
            return Self.isUpper(key.hash) ? upperHalf.located(bytes, key) : lowerHalf.located(bytes, key)
        }
    }

    /// What `id` names: its entity's position in each kind's list.
    package func named(_ id: String) -> NamedEntity {
        let declared = firstDeclaration(of: id)
        let first = declared.flatMap { declared in declared.position.map { (kind: declared.kind, position: $0) } }
        return NamedEntity(first: first, others: otherKinds.isEmpty ? nil : otherKinds[id])
    }

    /// The position of the first well-formed entity of `kind` with `id` in that kind's list.
    package func position(of id: String, kind: EntityKind) -> Int? {
        if let declared = firstDeclaration(of: id), declared.kind == kind { return declared.position }
        return otherKinds.isEmpty ? nil : otherKinds[id]?[kind]
    }

    /// Whether every id is declared once, as in every well-formed inventory: then each entity is
    /// the one its id names.
    package var idsAreUnique: Bool { repeating.isEmpty && !sharesIDs }

    /// Whether some id is declared by more than one well-formed entity of `kind`. When none is, an
    /// entity's position in its list is the position its id names.
    package func repeatsIDs(of kind: EntityKind) -> Bool { repeating.contains(kind) }

    // MARK: Declarations

    /// Every id of one of `kinds`, sorted (for "did you mean" suggestions).
    func ids(of kinds: [EntityKind]) -> [String] {
        (lowerHalf.ids(of: kinds) + upperHalf.ids(of: kinds)).sorted()
    }

    /// The entry for the id a string value names.
    func entry(named value: JSONValue) -> Entry? {
        // The file's bytes are looked up directly: a closure would capture this table and count a
        // reference on each of its arrays, which every decoding thread shares.
        if let bytes = value.verbatimStringBytes { return entry(for: bytes) }
        return value.withStringBytes { entry(for: $0) } ?? nil
    }

    /// The entry for the id whose UTF-8 bytes are `id`.
    func entry(for id: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard !id.isEmpty, id.count <= Identifier.maxLength else { return nil }
        let key = IDBytesKey(id)
        return Self.isUpper(key.hash) ? upperHalf.entry(for: id, key) : lowerHalf.entry(for: id, key)
    }

    /// Adds `id` (1 to `Identifier.maxLength` bytes); returns the earlier entry instead when
    /// the id is already declared.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, kind: EntityKind, offset: Int) -> Entry? {
        precondition(!id.isEmpty && id.count <= Identifier.maxLength, "ids are validated before they are registered")
        let key = IDBytesKey(id)
        if Self.isUpper(key.hash) { return upperHalf.insert(id, key, kind: kind, offset: offset) }
        return lowerHalf.insert(id, key, kind: kind, offset: offset)
    }

    /// Registers the valid id of every element of `arrays` (in document order); returns each id
    /// declared again, in document order, with its first declaration. With `concurrently`, the ids
    /// are found and hashed in chunks on every core, then each half of the table is filled on its
    /// own thread; the result is the same as on one thread, whatever `nodesPerChunk` (see `IDChunk`).
    mutating func register(_ arrays: [(kind: EntityKind, array: JSONValue)], concurrently: Bool,
                           nodesPerChunk: Int = IDChunk.defaultSize) -> [Repeat] {
        guard let shared = arrays.first?.array.document else { return [] }
        let chunks = IDChunk.split(arrays, nodesPerChunk: nodesPerChunk)
        let total = arrays.reduce(0) { $0 + $1.array.count }
        let parallel = concurrently && total >= Inventory.concurrencyThreshold
        let found = parallel ? chunks.mapSideBySide { $0.candidates() } : chunks.map { $0.candidates() }
        let firstElements = IDChunk.firstElements(of: chunks, found: found)
        // Each half is filled on a thread of its own and handed back.
        let halves = [lowerHalf, upperHalf]
        (lowerHalf, upperHalf) = (IDTable(), IDTable())
        let foundByChunk = found
        let fillOne = { @Sendable (half: Int) -> (table: IDTable, repeats: [Repeat]) in
            var table = halves[half]
            var repeats: [Repeat] = []
            // Its own document object: see `JSONDocument.sharingStorage`.
            let document = shared.sharingStorage()
            // Verbatim ids are read from the file where the candidate says: the tape is not read again.
            guard let file = document.source.storage.baseAddress else { return (table, repeats) }
            table.reserve(total / 2 + total / 16)
            for (number, chunk) in chunks.enumerated() {
                let first = firstElements[number]
                for candidate in foundByChunk[number].candidates
                where candidate.index > first && Self.isUpper(candidate.key.hash) == (half == 1) {
                    let earlier: Entry?
                    if candidate.length > 0, candidate.length <= 16 {
                        // All of a short id is in its head: the file is not read again (on a large
                        // inventory the id's bytes have long left the cache).
                        var head = candidate.key.head
                        earlier = withUnsafeBytes(of: &head) { bytes in
                            let id = UnsafeBufferPointer(start: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(candidate.length))
                            // The value starts at the quote before the id.
                            return table.insert(id, candidate.key, kind: chunk.kind, offset: Int(candidate.start) - 1)
                        }
                    } else if candidate.length > 0 {
                        let id = UnsafeBufferPointer(start: file + Int(candidate.start), count: Int(candidate.length))
                        earlier = table.insert(id, candidate.key, kind: chunk.kind, offset: Int(candidate.start) - 1)
                    } else {
                        let value = JSONValue(document: document, index: Int(candidate.index))
                        earlier = value.withStringBytes {
                            table.insert($0, candidate.key, kind: chunk.kind, offset: value.offset)
                        } ?? nil
                    }
                    if let earlier {
                        repeats.append(Repeat(value: JSONValue(document: document, index: Int(candidate.index)), first: earlier))
                    }
                }
            }
            return (table, repeats)
        }
        let filled = parallel ? [0, 1].mapSideBySide(fillOne) : [0, 1].map(fillOne)
        (lowerHalf, upperHalf) = (filled[0].table, filled[1].table)
        let repeats = filled.map(\.repeats)
        // Both lists are in document order, which is tape order: merged, they are the one-thread order.
        var merged: [Repeat] = []
        merged.reserveCapacity(repeats[0].count + repeats[1].count)
        var (lower, upper) = (repeats[0][...], repeats[1][...])
        while let next = lower.first, let other = upper.first {
            if next.value.index < other.value.index { merged.append(lower.removeFirst()) } else { merged.append(upper.removeFirst()) }
        }
        return merged + lower + upper
    }

    /// Which half holds the id with this hash: a bit that neither the slot (low bits) nor the tag
    /// (upper half) of `IDTable` uses.
    private static func isUpper(_ hash: Int) -> Bool {
        hash & 1 << 31 != 0
    }
}

/// A stretch of one entity array's tape, whose elements' ids are found together.
///
/// An array is cut by tape index, not by element: finding where every 4,096th element starts meant
/// walking every element on one thread first (on 100,000 hosts, 222,677 tape nodes about 470 bytes
/// apart, a cache miss each) before the threads could start. Instead each chunk finds its own
/// elements from where it starts, `start`, a node that may lie anywhere inside an element:
///
/// - From any node, stepping to the node after its subtree (`JSONValue.nextIndex`) visits its
///   later siblings, then its parent's, and so on up; never a node further down. From a node inside
///   element `e`, that reaches exactly the element after `e` (or the array's end), as `e`'s subtree
///   ends there; from an element, it visits every later element.
/// - So the chunk steps from `start` and stops at the first node at or past `limit`, the next chunk's
///   `start`. Once it has reached an element, every node it visits is one, and where it stops is the
///   first element at or past `limit`: where the next chunk's own elements begin.
/// - The nodes it visited before its first element lie inside the element before, and so do any ids
///   found in them: they are dropped by tape index (`firstElements(of:found:)`).
///
/// A chunk so short that it ends before reaching an element owns none, and the next chunk's elements
/// begin where this one's would have. The result is the same for any chunk size (tests use tiny ones).
struct IDChunk: Sendable {
    /// An element's valid id: where its `id` value is and the id's key.
    struct Candidate: Sendable {
        let key: IDBytesKey
        /// Tape index of the `id` value.
        let index: UInt32
        /// Byte offset of the id's first byte in the file, when it is written without escapes.
        let start: UInt32
        /// The id's length in the file; 0 when it has escapes (to be decoded from the tape).
        let length: UInt8
    }

    /// What a chunk found: its candidates, in order, and the node it stopped at.
    struct Found: Sendable {
        var candidates: [Candidate] = []
        var stop = 0
    }

    /// Tape nodes per chunk: on the synthetic inventories about 1,700 hosts, enough to amortise a
    /// thread hand-over, few enough to share the work.
    static let defaultSize = 1 << 16

    let kind: EntityKind
    let array: JSONValue
    /// Tape index where the chunk starts walking.
    let start: Int
    /// The chunk stops at the first node at or past this index: the next chunk's `start`, or the array's end.
    let limit: Int

    /// The chunks of every array, in document order, `size` nodes long but for each array's last.
    static func split(_ arrays: [(kind: EntityKind, array: JSONValue)], nodesPerChunk size: Int) -> [IDChunk] {
        precondition(size > 0)
        var chunks: [IDChunk] = []
        for (kind, array) in arrays {
            let end = array.nextIndex
            for start in stride(from: array.index + 1, to: end, by: size) {
                chunks.append(IDChunk(kind: kind, array: array, start: start, limit: min(start + size, end)))
            }
        }
        return chunks
    }

    /// Tape index of the first element each chunk owns (an id inside an element lies past it): each
    /// array's first chunk starts at its first element; every other chunk's elements begin where
    /// the chunk before stopped, unless it stopped before reaching one (see `IDChunk`).
    static func firstElements(of chunks: [IDChunk], found: [Found]) -> [Int] {
        var firsts: [Int] = []
        firsts.reserveCapacity(chunks.count)
        var first = 0
        for (chunk, found) in zip(chunks, found) {
            if chunk.start == chunk.array.index + 1 { first = chunk.start }
            firsts.append(first)
            first = max(first, found.stop)
        }
        return firsts
    }

    /// The valid ids of the nodes the chunk visits, in order (see `IDChunk`); elements without one
    /// are left out (the schema walk reports them).
    func candidates() -> Found {
        var found = Found()
        // Room for an element every 8 nodes (a synthetic host is about 40).
        found.candidates.reserveCapacity((limit - start) / 8 + 1)
        // Its own document object: see `JSONDocument.sharingStorage`.
        let document = array.document.sharingStorage()
        let tape = document.tape
        var node = start
        while node < limit {
            let element = node
            node = tape[element].isContainer ? Int(tape[element].end) : element + 1
            guard let index = document.leadingIDIndex(ofObjectAt: element)
                    ?? JSONValue(document: document, index: element).memberIndex(named: "id") else { continue }
            if let id = document.verbatimStringBytes(at: index) {
                guard Identifier.isValid(id) else { continue }
                found.candidates.append(Candidate(key: IDBytesKey(id), index: UInt32(index), start: tape[index].offset + 1,
                                                  length: UInt8(id.count)))
            } else if let key = JSONValue(document: document, index: index).withStringBytes({ id in Identifier.isValid(id) ? IDBytesKey(id) : nil }) ?? nil {
                found.candidates.append(Candidate(key: key, index: UInt32(index), start: 0, length: 0))
            }
        }
        found.stop = node
        return found
    }
}

/// One half of `EntityIDs`: an open-addressing table over the ids' bytes.
///
/// A slot holds all an entry is (`Slot`), with an id's first 16 bytes: ids are mostly that short
/// (`host-12345`), so finding one reads one slot, one cache line, and nothing else. On a large
/// inventory lookups miss the cache: the slot, its entry and the id's bytes were three misses, and
/// the decoder looks up every reference (on 100,000 hosts a fifth of its time was this table's).
private struct IDTable: Sendable {
    /// The bytes of every id, one after another (an id's bytes past its first 16 are compared here).
    private var bytes: [UInt8] = []
    /// Open addressing, a power of two in size; a slot is empty when its `length` is 0.
    private var slots: [Slot] = [Slot](repeating: Slot(), count: 16)
    private(set) var count = 0
    /// For each slot, the position in its kind's list of the first well-formed entity of the slot's
    /// kind with its id, -1 for none; empty until `startLocating`, which comes after every `insert`.
    private var positions: [Int32] = []

    /// An entry and the id it is for: its first 16 bytes (zeros after the id's end), its length and the
    /// upper half of its hash, which rules out almost every other id in the slot's path at once.
    struct Slot {
        var head = (UInt64(0), UInt64(0))
        var tag: UInt32 = 0
        var start: UInt32 = 0
        var offset: UInt32 = 0
        /// The id's length, 1 to 128 (0: the slot is empty).
        var length: UInt8 = 0
        var kind = EntityKind.environment

        var entry: EntityIDs.Entry {
            EntityIDs.Entry(start: start, length: length, kind: kind, offset: offset)
        }
    }

    func ids(of kinds: [EntityKind]) -> [String] {
        slots.compactMap { slot in
            guard slot.length != 0, kinds.contains(slot.kind) else { return nil }
            return text(slot.entry)
        }
    }

    /// Makes room for `count` ids without growing the table again.
    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(count * 12)
        if count * 2 > slots.count { rehash(capacity: count * 2) }
    }

    /// The slot of the id whose UTF-8 bytes are `id` (1 to 128 of them) and whose key is `key`, or the empty slot where it would go.
    private func find(_ id: UnsafeBufferPointer<UInt8>, _ key: IDBytesKey) -> (position: Int, found: Bool) {
        let mask = slots.count - 1
        var position = key.hash & mask
        let tag = Self.tag(key.hash)
        let head = key.head
        let length = UInt8(truncatingIfNeeded: id.count)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[position]
                guard slot.length != 0 else { return (position, false) }
                if slot.tag == tag, slot.length == length, slot.head == head,
                   id.count <= 16 || bytes.withUnsafeBufferPointer({ stored in
                       memcmp(stored.baseAddress! + Int(slot.start) + 16, id.baseAddress! + 16, id.count - 16) == 0
                   }) {
                    return (position, true)
                }
                position = (position + 1) & mask
            }
        }
    }

    /// The entry for the id whose UTF-8 bytes are `id` (1 to 128 of them) and whose key is `key`.
    func entry(for id: UnsafeBufferPointer<UInt8>, _ key: IDBytesKey) -> EntityIDs.Entry? {
        let (position, found) = find(id, key)
        return found ? slots[position].entry : nil
    }

    /// How `place` went: the entity is the first of the slot's kind with its id, a later one of
    /// that kind, or of another kind (or its id is not in this table).
    enum Placement { case placed, repeated, elsewhere }

    /// Readies the table for `place`: no id names an entity yet.
    mutating func startLocating() {
        positions = [Int32](repeating: -1, count: slots.count)
    }

    /// Notes that the entity of `kind` at `position` in its kind's list declares `id`, whose key is `key`.
    mutating func place(_ id: UnsafeBufferPointer<UInt8>, _ key: IDBytesKey, kind: EntityKind, position: Int) -> Placement {
        let (slot, found) = find(id, key)
        guard found, slots[slot].kind == kind else { return .elsewhere }
        guard positions[slot] < 0 else { return .repeated }
        positions[slot] = Int32(position)
        return .placed
    }

    /// The kind of the id's first declaration and the position of that kind's first well-formed
    /// entity with the id, if `place` noted one.
    func located(_ id: UnsafeBufferPointer<UInt8>, _ key: IDBytesKey) -> (kind: EntityKind, position: Int?)? {
        let (slot, found) = find(id, key)
        guard found else { return nil }
        let position = slot < positions.count ? positions[slot] : -1
        return (slots[slot].kind, position < 0 ? nil : Int(position))
    }

    /// Adds `id`, whose key is `key`; returns the earlier entry instead when the id is already declared.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, _ key: IDBytesKey, kind: EntityKind, offset: Int) -> EntityIDs.Entry? {
        if (count + 1) * 2 > slots.count { rehash(capacity: slots.count * 2) }
        let (position, found) = find(id, key)
        if found { return slots[position].entry }
        slots[position] = Slot(head: key.head, tag: Self.tag(key.hash), start: UInt32(bytes.count), offset: UInt32(offset),
                               length: UInt8(id.count), kind: kind)
        bytes.append(contentsOf: id)
        count += 1
        return nil
    }

    /// The id of `entry` as text.
    private func text(_ entry: EntityIDs.Entry) -> String {
        String(decoding: bytes[Int(entry.start)..<Int(entry.start) + Int(entry.length)], as: UTF8.self)
    }

    private mutating func rehash(capacity: Int) {
        var size = 16
        while size < capacity { size <<= 1 }
        let old = slots
        slots = [Slot](repeating: Slot(), count: size)
        let mask = size - 1
        for slot in old where slot.length != 0 {
            let hash = bytes.withUnsafeBufferPointer { stored in
                IDBytesKey(UnsafeBufferPointer(rebasing: stored[Int(slot.start)..<Int(slot.start) + Int(slot.length)])).hash
            }
            var position = hash & mask
            while slots[position].length != 0 { position = (position + 1) & mask }
            slots[position] = slot
        }
    }

    /// The upper half of `hash`: the slot's position comes from the lower bits.
    private static func tag(_ hash: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt64(bitPattern: Int64(hash)) >> 32)
    }
}

/// An id as `IDTable` reads it: its first 16 bytes as two words (`Slot.head`, zeros past the id's
/// end) and its hash, both from one pass over the id a word at a time.
///
/// Every reference the decoder resolves is hashed and compared here. The byte-at-a-time FNV-1a
/// hash and a `memmove` into the head took about 100 instructions of a lookup's 220 (callgrind,
/// hosts-10000.json); words loaded once serve both.
struct IDBytesKey: Sendable {
    let head: (UInt64, UInt64)
    let hash: Int

    /// The key of `id`, 1 to `Identifier.maxLength` bytes. No byte outside `id` is read: the words
    /// of an id shorter than 16 bytes are loaded overlapping from its own bytes and shifted.
    init(_ id: UnsafeBufferPointer<UInt8>) {
        let base = UnsafeRawPointer(id.baseAddress!)
        let count = id.count
        var first: UInt64 = 0
        var second: UInt64 = 0
        if count >= 8 {
            first = Self.word(base, at: 0)
            // 8 to 15 bytes: the last 8, shifted down so that byte 8 comes first (8 bytes: all shifted out).
            second = count >= 16 ? Self.word(base, at: 8) : Self.word(base, at: count - 8) >> (8 * (16 - count))
        } else if count >= 4 {
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            first = low | (last >> (8 * (8 - count))) << 32
        } else {
            for position in 0..<count { first |= UInt64(id[position]) << (8 * position) }
        }
        head = (first, second)
        var hash = Self.mix(first ^ 0x9E37_79B9_7F4A_7C15, second ^ 0xD6E8_FEB8_6659_FD93 ^ UInt64(count))
        // Past 16 bytes (rare): a word at a time, the last one overlapping the one before.
        var position = 16
        while position < count {
            hash = Self.mix(hash ^ Self.word(base, at: min(position, count - 8)), 0xA076_1D64_78BD_642F)
            position += 8
        }
        self.hash = Int(truncatingIfNeeded: Self.mix(hash, 0xE703_7ED1_A0B4_28DB))
    }

    private static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The two halves of the full product, folded: every bit of the result depends on every bit of
    /// both factors (as in wyhash), so the table's low bits (slot), bit 31 (half) and high bits (tag)
    /// all spread `host-1`, `host-2`, ...
    private static func mix(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }
}

/// The entities one id names, looked up once: at most one of each kind, by position in that kind's list.
public struct NamedEntity: Sendable {
    /// The kind of the id's first declaration and its first well-formed entity, if it has one.
    fileprivate let first: (kind: EntityKind, position: Int)?
    /// Entities of other kinds with the same id: only in an inventory with a duplicate id, so the
    /// common case holds no dictionary to count references on.
    fileprivate let others: [EntityKind: Int]?

    /// Whether no well-formed entity has this id.
    public var isUnknown: Bool { first == nil && others == nil }

    /// The position of the entity of `kind` with this id, if there is one.
    public func position(_ kind: EntityKind) -> Int? {
        if let first, first.kind == kind { return first.position }
        return others?[kind]
    }
}

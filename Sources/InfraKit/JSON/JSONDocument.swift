#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The kinds of JSON value.
public enum JSONKind: UInt8, Sendable, CustomStringConvertible {
    case null, bool, number, string, array, object

    public var description: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One entry of a document's tape: a value in document order, in 12 bytes.
///
/// Containers are followed by their children; `end` is the tape index just past the
/// container's last descendant, so a subtree is skipped in one step. Kind and flag share a word
/// with `end`, which leaves 28 bits for tape indexes (`maxNodes`).
package struct JSONNode: Sendable {
    /// Byte offset where the value's text starts (the quote, bracket, sign or digit).
    package var offset: UInt32
    /// Containers: member or element count. Strings and numbers: byte offset just past the text's content.
    package var count: UInt32
    /// Bits 0-27: `end`; bit 28: `flag`; bits 29-31: `kind`.
    private var packed: UInt32

    /// Most values a document may hold: tape indexes must fit in 28 bits.
    static let maxNodes = 1 << 28 - 1

    init(kind: JSONKind, flag: Bool, offset: UInt32, count: UInt32, end: UInt32) {
        self.offset = offset
        self.count = count
        self.packed = UInt32(kind.rawValue) << 29 | (flag ? 1 << 28 : 0) | end
    }

    /// Inlined everywhere: every walk over the tape asks it of every value, and as a call it was
    /// over 1% of a validation's instructions.
    @inline(__always) package var kind: JSONKind { JSONKind(rawValue: UInt8(truncatingIfNeeded: packed >> 29)) ?? .null }

    /// `bool`: the value; `string`: whether it holds escapes; `number`: whether it is an integer literal.
    package var flag: Bool { packed & 1 << 28 != 0 }

    /// Containers: tape index just past the subtree.
    package var end: UInt32 {
        get { packed & (1 << 28 - 1) }
        set { packed = packed & ~(1 << 28 - 1) | newValue }
    }

    /// Whether the value is an array or an object.
    package var isContainer: Bool { packed >> 29 >= UInt32(JSONKind.array.rawValue) }
}

/// Where a document's tape lives: one allocation with room for the most values any text of its
/// size can hold (`JSONTape.capacity(for:)`), so the parser never checks for room or moves the tape,
/// and two parsers can fill two regions of it side by side. Pages never written are never resident.
final class JSONTape: @unchecked Sendable { // buys: two parsers fill one tape side by side (parsing in halves, BENCHMARKS issue 20)
    let base: UnsafeMutablePointer<JSONNode>
    let capacity: Int
    /// Values written; set by the reader before the tape is shared, constant after.
    var count = 0
    /// Whether `base` is a mapping of its own (large tapes) rather than from `malloc`.
    private let mapped: Bool

    /// Room enough for any text of `size` bytes, valid or not, read with at most `maxDepth` containers
    /// open: every value starts at a byte of its own, and only an opening bracket can be followed at
    /// once by the next value; every other value is followed by at least one byte that starts none
    /// (`,`, `:`, a closing bracket, the rest of a string). So the values outnumber half the bytes by
    /// at most the brackets never closed.
    static func capacity(for size: Int, maxDepth: Int) -> Int { (size + maxDepth) / 2 + 16 }

    /// Tapes of at least this many bytes are mapped directly, without reserving swap: most of the
    /// room is never written, and the system should not count it (or refuse it) as if it would be.
    private static let mappedSize = 1 << 20

    /// Nil when the system will not give the room.
    init?(capacity: Int) {
        let bytes = capacity * MemoryLayout<JSONNode>.stride
        self.capacity = capacity
        if bytes >= Self.mappedSize {
            let address = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            // MAP_FAILED is (void *)-1.
            guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
            base = address.bindMemory(to: JSONNode.self, capacity: capacity)
            mapped = true
        } else {
            guard let address = malloc(max(bytes, 1)) else { return nil }
            base = address.bindMemory(to: JSONNode.self, capacity: capacity)
            mapped = false
        }
    }

    deinit {
        if mapped {
            munmap(base, capacity * MemoryLayout<JSONNode>.stride)
        } else {
            free(base)
        }
    }

    var nodes: UnsafeBufferPointer<JSONNode> { UnsafeBufferPointer(start: base, count: count) }

    /// Gives the pages wholly inside `range` (tape indexes) back to the system: written once and no
    /// longer needed (where the second half of a parse was written before it was moved), they would
    /// otherwise stay in memory as long as the tape. Reading them again would give zeros.
    func discard(_ range: Range<Int>) {
        #if os(Linux)
        guard mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = UInt(bitPattern: base + range.lowerBound), end = UInt(bitPattern: base + range.upperBound)
        let first = (start + UInt(page) - 1) & ~UInt(page - 1), last = end & ~UInt(page - 1)
        guard range.upperBound <= capacity, last > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(address, Int(last - first), Int32(MADV_DONTNEED))
        #endif
    }
}

/// A parsed JSON text: the source it came from and its values in document order.
///
/// Every value keeps the byte offset it starts at, so any value or key can be given a
/// `Location`. Objects keep their keys in order, duplicates included.
public final class JSONDocument: Sendable {
    public let source: SourceFile
    private let storage: JSONTape

    /// The values, read without counting a reference at every access; valid while this document
    /// lives, as the tape is never written after the document is made.
    package nonisolated(unsafe) let tape: UnsafeBufferPointer<JSONNode> // buys: no reference counted per node read by the decoding threads

    init(source: SourceFile, tape: JSONTape) {
        self.source = source
        self.storage = tape
        self.tape = tape.nodes
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// Another document object over the same source and tape (nothing is copied). Values made from
    /// it count their references on it, not on this one: threads decoding one file side by side
    /// each take their own, so they do not fight over one reference count.
    package func sharingStorage() -> JSONDocument {
        JSONDocument(source: source, tape: storage)
    }

    /// Number of values in the document, keys included.
    public var valueCount: Int { tape.count }
}

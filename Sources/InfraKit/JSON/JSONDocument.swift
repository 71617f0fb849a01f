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
struct JSONNode: Sendable {
    /// Byte offset where the value's text starts (the quote, bracket, sign or digit).
    var offset: UInt32
    /// Containers: member or element count. Strings and numbers: byte offset just past the text's content.
    var count: UInt32
    /// Bits 0-27: `end`; bit 28: `flag`; bits 29-31: `kind`.
    private var packed: UInt32

    /// Most values a document may hold: tape indexes must fit in 28 bits.
    static let maxNodes = 1 << 28 - 1

    init(kind: JSONKind, flag: Bool, offset: UInt32, count: UInt32, end: UInt32) {
        self.offset = offset
        self.count = count
        self.packed = UInt32(kind.rawValue) << 29 | (flag ? 1 << 28 : 0) | end
    }

    var kind: JSONKind { JSONKind(rawValue: UInt8(packed >> 29)) ?? .null }

    /// `bool`: the value; `string`: whether it holds escapes; `number`: whether it is an integer literal.
    var flag: Bool { packed & 1 << 28 != 0 }

    /// Containers: tape index just past the subtree.
    var end: UInt32 {
        get { packed & (1 << 28 - 1) }
        set { packed = packed & ~(1 << 28 - 1) | newValue }
    }

    /// Whether the value is an array or an object.
    var isContainer: Bool { packed >> 29 >= UInt32(JSONKind.array.rawValue) }
}

/// A parsed JSON text: the source it came from and its values in document order.
///
/// Every value keeps the byte offset it starts at, so any value or key can be given a
/// `Location`. Objects keep their keys in order, duplicates included.
public final class JSONDocument: Sendable {
    public let source: SourceFile
    let nodes: [JSONNode]

    /// The address of `nodes`' storage, read without counting a reference on the array at every
    /// access; valid while this document lives, as `nodes` is a constant (see `SourceFile.storage`).
    nonisolated(unsafe) let tape: UnsafeBufferPointer<JSONNode>

    init(source: SourceFile, nodes: [JSONNode]) {
        self.source = source
        self.nodes = nodes
        self.tape = self.nodes.withUnsafeBufferPointer { $0 }
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// Another document object over the same source and tape (nothing is copied). Values made from
    /// it count their references on it, not on this one: threads decoding one file side by side
    /// each take their own, so they do not fight over one reference count.
    func sharingStorage() -> JSONDocument {
        JSONDocument(source: source, nodes: nodes)
    }

    /// Number of values in the document, keys included.
    public var valueCount: Int { nodes.count }
}

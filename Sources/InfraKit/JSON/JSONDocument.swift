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

/// One entry of a document's tape: a value in document order.
///
/// Containers are followed by their children; `end` is the tape index just past the
/// container's last descendant, so a subtree is skipped in one step.
struct JSONNode: Sendable {
    var kind: JSONKind
    /// `bool`: the value; `string`: whether it holds escapes; `number`: whether it is an integer literal.
    var flag: Bool
    /// Byte offset where the value's text starts (the quote, bracket, sign or digit).
    var offset: UInt32
    /// Containers: member or element count. Strings and numbers: byte offset just past the text's content.
    var count: UInt32
    /// Containers: tape index just past the subtree.
    var end: UInt32
}

/// A parsed JSON text: the source it came from and its values in document order.
///
/// Every value keeps the byte offset it starts at, so any value or key can be given a
/// `Location`. Objects keep their keys in order, duplicates included.
public final class JSONDocument: Sendable {
    public let source: SourceFile
    let nodes: [JSONNode]

    init(source: SourceFile, nodes: [JSONNode]) {
        self.source = source
        self.nodes = nodes
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// Number of values in the document, keys included.
    public var valueCount: Int { nodes.count }
}

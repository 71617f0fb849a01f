#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A view of one value in a `JSONDocument`.
public struct JSONValue: Sendable {
    public let document: JSONDocument
    package let index: Int

    package init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    private var node: JSONNode { document.tape[index] }

    public var kind: JSONKind { node.kind }

    /// Byte offset of the value's first character.
    public var offset: Int { Int(node.offset) }

    /// Where the value starts.
    public var location: Location { document.source.location(at: offset) }

    public var bool: Bool? { node.kind == .bool ? node.flag : nil }

    /// The string's decoded text, or nil when the value is not a string.
    public var string: String? {
        let node = self.node
        guard node.kind == .string else { return nil }
        let start = Int(node.offset) + 1
        let end = Int(node.count)
        let slice = UnsafeBufferPointer(rebasing: document.source.storage[start..<end])
        return node.flag ? JSONStringDecoder.decode(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// Calls `body` with the bytes between a string's quotes as written in the file (escapes not
    /// decoded); nil for other kinds. For fast scans that decode only what they keep.
    public func withRawStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        let node = self.node
        guard node.kind == .string else { return nil }
        let start = Int(node.offset) + 1
        let end = Int(node.count)
        return body(UnsafeBufferPointer(rebasing: document.source.storage[start..<end]))
    }

    /// Whether two strings hold the same text, compared as raw bytes when neither has escapes.
    /// Code point by code point (RFC 8259 §8.3), not by Swift's canonical equivalence: "café" in
    /// NFC and in NFD are two different strings.
    public func hasSameStringBytes(as other: JSONValue) -> Bool {
        let (left, right) = (node, other.node)
        guard left.kind == .string, right.kind == .string else { return false }
        guard !left.flag, !right.flag else { return (string ?? "").utf8.elementsEqual((other.string ?? "").utf8) }
        let leftStart = Int(left.offset) + 1
        let rightStart = Int(right.offset) + 1
        let length = Int(left.count) - leftStart
        guard length == Int(right.count) - rightStart else { return false }
        let (mine, theirs) = (document.source.storage, other.document.source.storage)
        return (0..<length).allSatisfy { mine[leftStart + $0] == theirs[rightStart + $0] }
    }

    /// The number's literal text, exactly as written.
    public var numberText: String? {
        let node = self.node
        guard node.kind == .number else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: document.source.storage[Int(node.offset)..<Int(node.count)]), as: UTF8.self)
    }

    /// Whether the number was written without fraction or exponent.
    public var isIntegerLiteral: Bool { node.kind == .number && node.flag }

    /// The number as a `Double` (infinite when out of range), or nil when not a number.
    public var double: Double? {
        // Short integer literals (most numbers of an inventory) are exact in a Double: read without
        // building their text. `-0` stays negative zero, as `Double("-0")` gives.
        if let (magnitude, negative) = shortInteger(maxDigits: 15) {
            return negative ? -Double(magnitude) : Double(magnitude)
        }
        return numberText.flatMap { Double($0) }
    }

    /// The number as an `Int` when it is an integer literal that fits, else nil.
    public var int: Int? {
        guard isIntegerLiteral else { return nil }
        // Up to 18 digits always fit in an `Int`; longer literals are left to `Int(_:)` to range-check.
        if let (magnitude, negative) = shortInteger(maxDigits: 18) { return negative ? -magnitude : magnitude }
        return numberText.flatMap { Int($0) }
    }

    /// The magnitude and sign of an integer literal of at most `maxDigits` digits, read straight from
    /// the file's bytes; nil for other numbers and other kinds. The reader has validated the literal
    /// (`-?(0|[1-9][0-9]*)`), so its bytes are an optional minus and digits only.
    func shortInteger(maxDigits: Int) -> (magnitude: Int, negative: Bool)? {
        document.shortInteger(at: index, maxDigits: maxDigits)
    }

    /// Number of elements (array) or members (object); 0 otherwise.
    public var count: Int {
        let node = self.node
        return node.isContainer ? Int(node.count) : 0
    }

    /// The elements of an array (empty for any other kind).
    public var elements: [JSONValue] {
        let node = self.node
        guard node.kind == .array else { return [] }
        var result: [JSONValue] = []
        result.reserveCapacity(Int(node.count))
        var child = index + 1
        let nodes = document.tape
        for _ in 0..<node.count {
            result.append(JSONValue(document: document, index: child))
            child = Self.next(after: child, in: nodes)
        }
        return result
    }

    /// The members of an object in document order, duplicates included (empty for any other kind).
    public var members: [JSONMember] {
        let node = self.node
        guard node.kind == .object else { return [] }
        var result: [JSONMember] = []
        result.reserveCapacity(Int(node.count))
        var child = index + 1
        let nodes = document.tape
        for _ in 0..<node.count {
            let key = JSONValue(document: document, index: child)
            let valueIndex = child + 1
            result.append(JSONMember(key: key, value: JSONValue(document: document, index: valueIndex)))
            child = Self.next(after: valueIndex, in: nodes)
        }
        return result
    }

    private static func next(after index: Int, in nodes: UnsafeBufferPointer<JSONNode>) -> Int {
        let node = nodes[index]
        return node.isContainer ? Int(node.end) : index + 1
    }
}

/// One `"key": value` pair of an object.
public struct JSONMember: Sendable {
    /// The key, a string value carrying its own location.
    public let key: JSONValue
    public let value: JSONValue

    public var name: String { key.string ?? "" }
}

/// Decodes the content of a string that holds escapes; the reader has already validated it.
enum JSONStringDecoder {
    static func decode(_ content: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = content[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = hex4(content, at: index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, to: &output)
            default: output.append(escape)  // " \ /
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hex4(_ content: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (hexValue(content[index + offset]) ?? 0) }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

extension JSONValue {
    /// The value of the first member whose key is `key`, compared as bytes without building
    /// strings, for objects; nil for other kinds or when there is no such key.
    public subscript(key: String) -> JSONValue? {
        memberIndex(named: key).map { JSONValue(document: document, index: $0) }
    }

    /// The tape index of the value of the first member whose key is `name` (`value[name]`), for
    /// readers that look at the value's node without making a value that counts a reference.
    package func memberIndex(named name: String) -> Int? {
        // The tape and the bytes are read through their stable addresses: no reference is counted on
        // the shared arrays, which threads decoding side by side would fight over.
        Self.memberIndex(named: name, inObjectAt: index, nodes: document.tape, bytes: document.source.storage)
    }

    /// `memberIndex(named:)` of the object at tape index `index` of `nodes`, a document's tape, whose
    /// file's bytes are `bytes`: for readers that keep those addresses rather than the document.
    package static func memberIndex(named name: String, inObjectAt index: Int, nodes: UnsafeBufferPointer<JSONNode>,
                            bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var name = name
        return name.withUTF8 { memberIndex(keyBytes: $0, inObjectAt: index, nodes: nodes, bytes: bytes) }
    }

    /// `memberIndex(named:inObjectAt:nodes:bytes:)` of the key whose UTF-8 is `wanted`: for readers
    /// whose keys are static strings, whose bytes are at hand without copying a string.
    package static func memberIndex(keyBytes wanted: UnsafeBufferPointer<UInt8>, inObjectAt index: Int, nodes: UnsafeBufferPointer<JSONNode>,
                            bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let node = nodes[index]
        guard node.kind == .object else { return nil }
        var child = index + 1
        for _ in 0..<node.count {
            let key = nodes[child]
            let start = Int(key.offset) + 1
            let length = Int(key.count) - start
            let matches: Bool
            if key.flag {
                let decoded = JSONStringDecoder.decode(UnsafeBufferPointer(rebasing: bytes[start..<Int(key.count)]))
                matches = decoded.utf8.elementsEqual(wanted)
            } else {
                // Lengths first: most keys differ there, and then no byte is compared.
                matches = length == wanted.count
                    && (length == 0 || memcmp(bytes.baseAddress! + start, wanted.baseAddress!, length) == 0)
            }
            let valueIndex = child + 1
            if matches { return valueIndex }
            let value = nodes[valueIndex]
            child = value.isContainer ? Int(value.end) : valueIndex + 1
        }
        return nil
    }
}

extension JSONValue {
    /// The members of an object in document order without building an array (empty for any other
    /// kind), for the decoder's hot loops.
    package var memberSequence: JSONMemberSequence { JSONMemberSequence(cursor: JSONChildCursor(self, kind: .object)) }

    /// The elements of an array without building an array (empty for any other kind).
    package var elementSequence: JSONElementSequence { JSONElementSequence(cursor: JSONChildCursor(self, kind: .array)) }

    /// The tape index after this value and its descendants.
    package var nextIndex: Int {
        let node = document.tape[index]
        return node.isContainer ? Int(node.end) : index + 1
    }

    /// The bytes of a string without escapes as they sit in the file, nil for other values. Valid while
    /// the document lives (see `SourceFile.storage`); for lookups that must not capture a closure.
    package var verbatimStringBytes: UnsafeBufferPointer<UInt8>? {
        document.verbatimStringBytes(at: index)
    }

    /// Calls `body` with a string's decoded text as UTF-8: the bytes in the file when the string has
    /// no escapes, else its decoded copy. Nil for other kinds.
    package func withStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        let node = document.tape[index]
        guard node.kind == .string else { return nil }
        guard node.flag else { return withRawStringBytes(body) }
        var text = string ?? ""
        return text.withUTF8(body)
    }
}

/// Walks the children of a container on the tape in document order: each element of an array, or
/// each member of an object (its key, then its value). A subtree is skipped in one step.
struct JSONChildCursor {
    let document: JSONDocument
    private let isObject: Bool
    private var upcoming: Int
    private var remaining: Int

    /// The children of `container` when it is of `kind` (an array or an object); none otherwise.
    init(_ container: JSONValue, kind: JSONKind) {
        let node = container.document.tape[container.index]
        document = container.document
        isObject = kind == .object
        upcoming = container.index + 1
        remaining = node.kind == kind ? Int(node.count) : 0
    }

    /// The tape index of the next child (of its key, for an object), or nil after the last.
    mutating func next() -> Int? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let child = upcoming
        let last = isObject ? child + 1 : child
        let node = document.tape[last]
        upcoming = node.isContainer ? Int(node.end) : last + 1
        return child
    }
}

/// The members of an object, walked on the tape (`JSONValue.memberSequence`).
package struct JSONMemberSequence: Sequence, IteratorProtocol {
    var cursor: JSONChildCursor

    package mutating func next() -> JSONMember? {
        guard let key = cursor.next() else { return nil }
        return JSONMember(key: JSONValue(document: cursor.document, index: key), value: JSONValue(document: cursor.document, index: key + 1))
    }
}

/// The elements of an array, walked on the tape (`JSONValue.elementSequence`).
package struct JSONElementSequence: Sequence, IteratorProtocol {
    var cursor: JSONChildCursor

    package mutating func next() -> JSONValue? {
        guard let element = cursor.next() else { return nil }
        return JSONValue(document: cursor.document, index: element)
    }
}

extension JSONDocument {
    /// `JSONValue.verbatimStringBytes` of the value at tape index `index`, for walks over the tape
    /// that make a value only to report it.
    package func verbatimStringBytes(at index: Int) -> UnsafeBufferPointer<UInt8>? {
        let node = tape[index]
        guard node.kind == .string, !node.flag, let base = source.storage.baseAddress else { return nil }
        // The reader has checked that the string lies inside the file: no slice of the whole file to check again.
        let start = Int(node.offset) + 1
        return UnsafeBufferPointer(start: base + start, count: Int(node.count) - start)
    }

    /// `JSONValue.shortInteger` of the value at tape index `index`.
    package func shortInteger(at index: Int, maxDigits: Int) -> (magnitude: Int, negative: Bool)? {
        Self.shortInteger(tape[index], in: source.storage, maxDigits: maxDigits)
    }

    /// `JSONValue.shortInteger` of `node`, a node of a document whose file's bytes are `bytes`.
    package static func shortInteger(_ node: JSONNode, in bytes: UnsafeBufferPointer<UInt8>, maxDigits: Int) -> (magnitude: Int, negative: Bool)? {
        guard node.kind == .number, node.flag else { return nil }
        var position = Int(node.offset)
        let end = Int(node.count)
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard end - position <= maxDigits else { return nil }
        var magnitude = 0
        while position < end {
            magnitude = magnitude * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
            position += 1
        }
        return (magnitude, negative)
    }

    /// The tape index of the value of the first member named `id` of the object at `index`, when
    /// `id` is its first key, as it is in most entities; nil otherwise (look further with
    /// `JSONValue.memberIndex(named:)`).
    package func leadingIDIndex(ofObjectAt index: Int) -> Int? {
        let node = tape[index]
        guard node.kind == .object, node.count > 0, let bytes = verbatimStringBytes(at: index + 1),
              bytes.count == 2, bytes[0] == UInt8(ascii: "i"), bytes[1] == UInt8(ascii: "d") else { return nil }
        return index + 2
    }
}

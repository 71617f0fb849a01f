import InfraJSON

/// Reads typed values out of an object the decoder has already validated.
///
/// Every getter returns nil (or an empty array) for a missing or invalid value: the decoder has
/// reported the problem, and the model simply leaves the field out.
public struct EntityReader {
    public let origin: Origin
    /// The schema the walk validated the object against, when it found where the object's fields
    /// are (`positions`): a field is then read at its position instead of being searched for among
    /// the object's keys. Not counted: the decoder keeps the schema alive while the reader is used,
    /// and a reader is copied into every builder closure. Held unmanaged, as reading it as an
    /// `unowned(unsafe)` reference would still count one for the time of each lookup.
    private let schema: Unmanaged<ObjectSchema>? // buys: no reference counted per field read on the shared schema (with the schema tables ~4%, BENCHMARKS issue 20)
    private let positions: FieldPositions
    /// The entity's valid id when the decoder has read it already (to name the entity in findings).
    private let declaredID: String?
    /// The document's tape and the file's bytes, read through their addresses: reading a field
    /// counts no reference on the document, which `origin` keeps alive as long as the reader.
    private let nodes: UnsafeBufferPointer<JSONNode>
    private let text: UnsafeBufferPointer<UInt8>
    /// Where the strings read so far are remembered, when the decoder keeps one (and keeps it alive
    /// while the reader is used); passed on to the readers of nested objects. Held unretained, as the
    /// schema: reading an `unowned(unsafe)` reference counted one for every string read.
    private let stringCache: Unmanaged<StringCache>? // buys: no reference counted per string read (part of the ~4% above)

    public init(origin: Origin) {
        self.init(origin: origin, strings: nil)
    }

    private init(origin: Origin, strings: Unmanaged<StringCache>?) { // buys: passes the unretained cache on to nested readers
        self.origin = origin
        self.schema = nil
        self.positions = FieldPositions()
        self.declaredID = nil
        self.nodes = origin.value.document.tape
        self.text = origin.value.document.source.storage
        self.stringCache = strings
    }

    /// A reader for an object the schema walk has validated against `schema`, which must outlive
    /// the reader, finding its fields at `positions`; `id` is the object's valid id, if known.
    /// `strings`, if given, must outlive the reader too.
    init(origin: Origin, schema: ObjectSchema, positions: FieldPositions, id: String? = nil, strings: StringCache? = nil) {
        self.origin = origin
        self.schema = Unmanaged.passUnretained(schema) // buys: as `schema`
        self.positions = positions
        self.declaredID = id
        self.nodes = origin.value.document.tape
        self.text = origin.value.document.source.storage
        self.stringCache = strings.map(Unmanaged.passUnretained) // buys: as `stringCache`
    }

    public func value(_ key: FieldKey) -> JSONValue? {
        valueIndex(key).map { JSONValue(document: origin.value.document, index: $0) }
    }

    /// The tape index of `key`'s value: the getters below read its node directly rather than make a
    /// `JSONValue`, which would count a reference on the document for every field. A key written in
    /// the source is looked up by its bytes where the compiler put them (`FieldKey`), read through
    /// their address rather than in `withUTF8Buffer`'s closure, which copies the reader and so counts
    /// references on its document and path.
    private func valueIndex(_ key: FieldKey) -> Int? {
        valueIndex(key, field: schemaField(key))
    }

    /// `valueIndex` of `key`, whose field in the schema (`schemaField`) is `field`.
    private func valueIndex(_ key: FieldKey, field: Int?) -> Int? {
        if let field { return positions[field] }
        guard case .literal(let literal) = key, literal.hasPointerRepresentation else {
            return JSONValue.memberIndex(named: key.string, inObjectAt: origin.value.index, nodes: nodes, bytes: text)
        }
        let name = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return JSONValue.memberIndex(keyBytes: name, inObjectAt: origin.value.index, nodes: nodes, bytes: text)
    }

    /// The position in the schema of the field `key` names, when the reader has a schema with such a
    /// field: a key written in the source is found by its address (`ObjectSchema.fieldIndex(of:)`).
    private func schemaField(_ key: FieldKey) -> Int? {
        guard let schema else { return nil }
        switch key {
        case .literal(let literal) where literal.hasPointerRepresentation:
            return schema._withUnsafeGuaranteedRef { $0.fieldIndex(of: literal) }
        case .literal, .text:
            let name = key.string
            return schema._withUnsafeGuaranteedRef { $0.fieldIndex(named: name) }
        }
    }

    /// The path of the value of `key`, whose field in the schema is `field`: the schema's name of
    /// the field when it has one, made once, rather than a string made from the key for each entity.
    private func path(of key: FieldKey, field: Int?) -> String {
        guard let schema, let field else { return origin.path(of: key.string) }
        return origin.path(of: schema._withUnsafeGuaranteedRef { $0.fieldNames[field] })
    }

    /// The valid id, redacted like every string (`Identifier.isValid` leaves nothing to redact).
    public var id: String? {
        if let declaredID { return declaredID }
        return string("id").flatMap { Identifier.isValid($0) ? $0 : nil }
    }

    /// A string field, redacted (`CredentialScanner.redact`): a credential written into the inventory
    /// never reaches the model, so no output built from the model can print it. Ids, references and
    /// enum values cannot look like credentials, so they come through unchanged.
    public func string(_ key: FieldKey) -> String? { valueIndex(key).flatMap(redactedString(at:)) }

    public func bool(_ key: FieldKey) -> Bool? {
        guard let index = valueIndex(key) else { return nil }
        let node = nodes[index]
        return node.kind == .bool ? node.flag : nil
    }

    public func int(_ key: FieldKey) -> Int? {
        guard let index = valueIndex(key) else { return nil }
        // Read from the bytes as `JSONValue.int` reads them; longer literals through the value.
        if let (magnitude, negative) = JSONDocument.shortInteger(nodes[index], in: text, maxDigits: 18) { return negative ? -magnitude : magnitude }
        return JSONValue(document: origin.value.document, index: index).int
    }

    public func number(_ key: FieldKey) -> Double? {
        guard let index = valueIndex(key) else { return nil }
        // Read from the bytes as `JSONValue.double` reads them; other numbers through the value.
        if let (magnitude, negative) = JSONDocument.shortInteger(nodes[index], in: text, maxDigits: 15) {
            return negative ? -Double(magnitude) : Double(magnitude)
        }
        guard let number = JSONValue(document: origin.value.document, index: index).double, number.isFinite else { return nil }
        return number
    }

    public func choice<T: RawRepresentable>(_ key: FieldKey, _ type: T.Type) -> T? where T.RawValue == String {
        string(key).flatMap(T.init(rawValue:))
    }

    /// A choice of the format's words, told from the bytes in the file when they are one of the
    /// words: no word of the format is changed by the redaction (see the tests), so those bytes
    /// give the case the redacted string gives. Other text takes the way of strings.
    func choice<T: ByteChoice>(_ key: FieldKey, _ type: T.Type) -> T? {
        guard let index = valueIndex(key) else { return nil }
        if let bytes = verbatimBytes(at: index), let choice = T.byteTable.choice(bytes) { return choice }
        return redactedString(at: index).flatMap(T.init(rawValue:))
    }

    public func duration(_ key: FieldKey) -> Duration? {
        guard let index = valueIndex(key) else { return nil }
        if let bytes = unredactedBytes(at: index), let duration = Duration(utf8: bytes) { return duration }
        return redactedString(at: index).flatMap(Duration.init(parsing:))
    }

    public func day(_ key: FieldKey) -> Day? {
        guard let index = valueIndex(key) else { return nil }
        if let bytes = unredactedBytes(at: index) { return Day(utf8: bytes) }
        return redactedString(at: index).flatMap(Day.init(parsing:))
    }

    /// The bytes of the string at tape index `index` when they are its text as the model would get
    /// it: written without escapes and nothing the redaction would change. Parsed as they are, they
    /// give what parsing the string gives, without making it.
    private func unredactedBytes(at index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let bytes = verbatimBytes(at: index), !CredentialScanner.mayContainCredential(bytes) else { return nil }
        return bytes
    }

    /// `JSONValue.verbatimStringBytes` of the value at tape index `index`.
    private func verbatimBytes(at index: Int) -> UnsafeBufferPointer<UInt8>? {
        let node = nodes[index]
        guard node.kind == .string, !node.flag, let base = text.baseAddress else { return nil }
        // The reader has checked that the string lies inside the file.
        let start = Int(node.offset) + 1
        return UnsafeBufferPointer(start: base + start, count: Int(node.count) - start)
    }

    public func schedule(_ key: FieldKey) -> Schedule? {
        guard let text = string(key), case .success(let schedule) = Schedule.parseRemembered(text) else { return nil }
        return schedule
    }

    /// The strings of an array field (ids, tags, roles); non-strings are skipped.
    public func strings(_ key: FieldKey) -> [String] {
        guard let index = valueIndex(key) else { return [] }
        let array = nodes[index]
        guard array.kind == .array else { return [] }
        var texts: [String] = []
        texts.reserveCapacity(Int(array.count))
        var element = index + 1
        for _ in 0..<array.count {
            if let text = redactedString(at: element) { texts.append(text) }
            let node = nodes[element]
            element = node.isContainer ? Int(node.end) : element + 1
        }
        return texts
    }

    /// The text of the string at tape index `index`, redacted; nil for other kinds. A string written
    /// without escapes (most) is made from its bytes in the file, or taken from the string cache
    /// when the same bytes were read before.
    private func redactedString(at index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .string else { return nil }
        guard let bytes = verbatimBytes(at: index) else {
            return JSONValue(document: origin.value.document, index: index).string.map(CredentialScanner.redact)
        }
        if let stringCache { return stringCache._withUnsafeGuaranteedRef { $0.string(bytes, making: Self.redacted) } }
        return Self.redacted(bytes)
    }

    /// The string written as `bytes` (no escapes), redacted. The redaction's prefilter runs on the
    /// bytes, and only the strings it lets through are redacted, which gives the same text.
    private static func redacted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return CredentialScanner.mayContainCredential(bytes) ? CredentialScanner.redact(text) : text
    }

    /// The object at `key`, built by `build`.
    public func object<T>(_ key: FieldKey, _ build: (EntityReader) -> T?) -> T? {
        let field = schemaField(key)
        guard let index = valueIndex(key, field: field), nodes[index].kind == .object else { return nil }
        let child = JSONValue(document: origin.value.document, index: index)
        return build(EntityReader(origin: Origin(value: child, path: path(of: key, field: field)), strings: stringCache))
    }

    /// The objects of the array at `key`, each built by `build`; elements that fail are skipped.
    public func list<T>(_ key: FieldKey, _ build: (EntityReader) -> T?) -> [T] {
        let field = schemaField(key)
        guard let arrayIndex = valueIndex(key, field: field), nodes[arrayIndex].kind == .array else { return [] }
        let array = JSONValue(document: origin.value.document, index: arrayIndex)
        let base = path(of: key, field: field)
        var built: [T] = []
        built.reserveCapacity(array.count)
        var index = 0
        for element in array.elementSequence {
            defer { index += 1 }
            guard element.kind == .object else { continue }
            if let item = build(EntityReader(origin: Origin(value: element, path: elementPath(base, index, field: field)), strings: stringCache)) {
                built.append(item)
            }
        }
        return built
    }
}

extension EntityReader {
    /// `elementPath(base, index)` of the element at `index` of the list `base`, the path of the
    /// field at `field` in the schema: the schema's copy when it has made it (`ObjectSchema.elementPaths`).
    private func elementPath(_ base: String, _ index: Int, field: Int?) -> String {
        // The schema's paths start at the entity, as this reader's own path does when it is empty.
        if let schema, let field, origin.path.isEmpty,
           let made = schema._withUnsafeGuaranteedRef({ $0.elementPaths[field].indices.contains(index) ? $0.elementPaths[field][index] : nil }) {
            return made
        }
        return Self.elementPath(base, index)
    }

    /// `base[index]`: the path of an element of a list, written straight into the string's storage
    /// rather than joined from four pieces (or interpolated), which costs several times as much.
    static func elementPath(_ base: String, _ index: Int) -> String {
        var base = base
        var digits = 1
        var rest = index / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return base.withUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + digits + 2) { buffer in
                var position = 0
                for byte in prefix {
                    buffer[position] = byte
                    position += 1
                }
                buffer[position] = UInt8(ascii: "[")
                var value = index
                for offset in stride(from: digits, to: 0, by: -1) {
                    buffer[position + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                buffer[position + digits + 1] = UInt8(ascii: "]")
                return position + digits + 2
            }
        }
    }
}

/// The rule for ids: lowercase letters, digits, `.`, `_` and `-`, at most 128 characters.
public enum Identifier {
    public static let maxLength = 128

    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isValid)
    }

    /// `isValid` on an id's UTF-8 bytes.
    static func isValid(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !utf8.isEmpty, utf8.count <= maxLength else { return false }
        return utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}

/// What every entity but a waiver has: an id and the JSON it came from.
public protocol Entity: Sendable {
    static var kind: EntityKind { get }
    /// Unique across the inventory.
    var id: String { get }
    /// The entity's JSON object, for locating its fields.
    var origin: Origin { get }
}

extension Entity {
    /// The entity's free-text description, if any, redacted like every string of the model.
    public var summary: String? { origin.value["description"]?.string.map(CredentialScanner.redact) }

    public var tags: [String] { origin.value["tags"]?.elements.compactMap { $0.string.map(CredentialScanner.redact) } ?? [] }
}

/// A name and a version, for operating systems, runtimes and frameworks.
public struct Software: Hashable, Sendable {
    public let name: String
    public let version: String?

    static let operatingSystem = schema(name: "`ubuntu`", version: "`22.04`")
    static let runtime = schema(name: "`ruby`", version: "`1.9.3`")
    static let framework = schema(name: "`rails`", version: "`3.2`")

    /// The same two keys, with examples of what they hold for the field at hand.
    private static func schema(name: String, version: String) -> ObjectSchema {
        ObjectSchema("software", [
            .required("name", "its name, e.g. \(name)", .text),
            .optional("version", "its version, e.g. \(version)", .text),
        ])
    }

    init?(_ reader: EntityReader) {
        guard let name = reader.string("name") else { return nil }
        self.name = name
        self.version = reader.string("version")
    }
}

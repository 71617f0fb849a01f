#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfraJSON

/// The shape of one field value. The decoder validates against it and `infractl schema`
/// will generate JSON Schema from it, so the format has one definition.
public enum FieldType: Sendable {
    /// Any string.
    case text
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// A finite number at or above a minimum.
    case number(minimum: Double)
    case boolean
    /// A format version: a whole number from 1 to this one.
    case version(Int)
    /// One of a closed list of strings.
    case choice([String])
    /// Any non-empty string; the list names the usual values (an open enum).
    case openChoice([String])
    /// The entity's own id.
    case identifier
    /// The id of an entity of one of these kinds.
    case reference([EntityKind])
    /// An entity id of these kinds, or a literal (an address or host name) when no entity has that id.
    case referenceOrLiteral([EntityKind])
    case duration
    case date
    case schedule
    indirect case list(FieldType)
    case object(ObjectSchema)
    /// A duration, or an object of this shape (backup retention).
    case durationOrObject(ObjectSchema)

    /// The same type with fresh copies of its lists and schemas (`ObjectSchema.copiedStorage`).
    func copiedStorage() -> FieldType {
        switch self {
        case .text, .integer, .number, .boolean, .version, .identifier, .duration, .date, .schedule: self
        case .choice(let words): .choice(words.map { $0 })
        case .openChoice(let words): .openChoice(words.map { $0 })
        case .reference(let kinds): .reference(kinds.map { $0 })
        case .referenceOrLiteral(let kinds): .referenceOrLiteral(kinds.map { $0 })
        case .list(let element): .list(element.copiedStorage())
        case .object(let schema): .object(schema.copiedStorage())
        case .durationOrObject(let schema): .durationOrObject(schema.copiedStorage())
        }
    }

    /// The kind of JSON value that is all this type asks for (any string, any boolean), nil when a
    /// value of the right kind still needs checking.
    var plainKind: JSONKind? {
        switch self {
        case .text: .string
        case .boolean: .bool
        default: nil
        }
    }

    /// How the type reads in messages: "an array of ids", "a duration such as \"4h\"".
    var expectation: String {
        switch self {
        case .text, .choice, .openChoice: "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .version(let latest): "a whole number from 1 to \(latest)"
        case .identifier, .reference: "an id (a string)"
        case .referenceOrLiteral: "an id or an address (a string)"
        case .duration: "a duration such as \"4h\""
        case .date: "a date such as \"2024-01-31\""
        case .schedule: "a schedule such as \"0 2 * * *\""
        case .list(let element): "an array of \(element.pluralExpectation)"
        case .object: "an object"
        case .durationOrObject: "a duration or an object"
        }
    }

    private var pluralExpectation: String {
        switch self {
        case .text, .choice, .openChoice: "strings"
        case .identifier, .reference: "ids"
        case .referenceOrLiteral: "ids or addresses"
        case .object: "objects"
        case .integer: "whole numbers"
        default: "values"
        }
    }
}

/// One key of an object.
public struct FieldSchema: Sendable {
    public let name: String
    public let type: FieldType
    public let isRequired: Bool
    /// What the key means, in the words of a reference table's "meaning" column: `infractl explain
    /// field`, the tables of docs/format.md and the JSON Schema's descriptions all print this text.
    /// May quote words in backticks; it is the format's own text, never inventory text.
    public let description: String
    /// The format version that introduced the key: a file of an earlier version that uses it gets a
    /// `format-version` finding telling it to migrate (`infractl migrate`).
    public private(set) var since = 1

    public static func required(_ name: String, _ description: String, _ type: FieldType) -> FieldSchema {
        FieldSchema(name: name, type: type, isRequired: true, description: description)
    }

    public static func optional(_ name: String, _ description: String, _ type: FieldType) -> FieldSchema {
        FieldSchema(name: name, type: type, isRequired: false, description: description)
    }

    /// This field, introduced by format version `version`.
    public func since(_ version: Int) -> FieldSchema {
        var field = self
        field.since = version
        return field
    }
}

/// The keys an object may have.
public final class ObjectSchema: Sendable {
    /// What the object is called in messages (`os`, `dependency`).
    public let name: String
    public let fields: [FieldSchema]
    /// Keys of which exactly one must be present (`hosting`, `trigger`); empty when no such rule.
    public let exactlyOneOf: [String]

    /// Each field's name as UTF-8, to match raw keys without building strings.
    let fieldNameBytes: [[UInt8]]
    /// Each field's name, in field order: the paths of nested objects take it from here rather
    /// than make the same string again for every entity (`EntityReader.object`).
    let fieldNames: [String]
    /// The paths of the first elements of each list field (`accounts[0]`, `accounts[1]`, ...), by
    /// field position; none for other fields. Made once: the reader of every element of every
    /// entity needs its path, and making one costs a few hundred instructions (`EntityReader.list`).
    let elementPaths: [[String]]
    /// How many of each list's first elements have their paths in `elementPaths`: most lists of an
    /// inventory (accounts, ports, dependencies, stages) are shorter.
    static let rememberedElementPaths = 4
    /// The required fields as a bit set by position in `fields`, as the schema walk marks the fields it sees.
    let requiredFields: UInt64
    /// The fields of `exactlyOneOf` as a bit set by position in `fields`.
    let exactlyOneOfFields: UInt64
    /// The fields a later format version introduced (`FieldSchema.since`), as a bit set by position.
    let laterFields: UInt64
    /// Each field's name as `KeyWords`, in field order.
    private let fieldKeys: [KeyWords]
    /// Open addressing over `fieldKeys` by `KeyWords.slot`: field positions, `emptySlot` when free.
    /// Every key of every object is looked up here, so a key is found in about one comparison of two
    /// words instead of a byte comparison with each field's name in turn.
    private let fieldSlots: [UInt8]
    private static let emptySlot = UInt8.max
    /// The addresses of `fieldKeys`' and `fieldSlots`' storage, read without counting a reference on
    /// the arrays at every key: a kind's schema is shared by the threads decoding side by side, which
    /// would otherwise fight over those counts. Valid while the schema lives, as the arrays are
    /// constants (see `JSONDocument.tape`).
    nonisolated(unsafe) private let keyTable: UnsafeBufferPointer<KeyWords> // buys: key lookups without reference counts contended by the decoding threads (~4% with Unmanaged, BENCHMARKS issue 20)
    nonisolated(unsafe) private let slotTable: UnsafeBufferPointer<UInt8> // buys: as keyTable
    /// `fields.count`, read without touching the array.
    private let fieldCount: Int
    /// Each field's `FieldCheck`, read like the tables above.
    private let checks: [FieldCheck]
    nonisolated(unsafe) private let checkTable: UnsafeBufferPointer<FieldCheck> // buys: as keyTable, for every value checked
    /// The UTF-8 of every field name, then of every word of the choices of `checks`, one after
    /// another; `spans` says where each is (the field names first, in field order). Read like the
    /// tables above.
    private let text: [UInt8]
    private let spans: [Range<Int>]
    nonisolated(unsafe) private let textTable: UnsafeBufferPointer<UInt8> // buys: as keyTable, for every key and word compared
    nonisolated(unsafe) private let spanTable: UnsafeBufferPointer<Range<Int>> // buys: as textTable

    public init(_ name: String, _ fields: [FieldSchema], exactlyOneOf: [String] = []) {
        self.name = name
        self.fields = fields
        self.exactlyOneOf = exactlyOneOf
        self.fieldNameBytes = fields.map { Array($0.name.utf8) }
        self.fieldNames = fields.map(\.name)
        self.elementPaths = fields.map { field in
            guard case .list = field.type else { return [] }
            return (0..<Self.rememberedElementPaths).map { EntityReader.elementPath(field.name, $0) }
        }
        self.requiredFields = fields.indices.reduce(0) { fields[$1].isRequired ? $0 | 1 << $1 : $0 }
        self.exactlyOneOfFields = fields.indices.reduce(0) { exactlyOneOf.contains(fields[$1].name) ? $0 | 1 << $1 : $0 }
        self.laterFields = fields.indices.reduce(0) { fields[$1].since > 1 ? $0 | 1 << $1 : $0 }
        precondition(exactlyOneOf.allSatisfy { name in fields.contains { $0.name == name } }, "exactlyOneOf names fields of the schema")
        precondition(fields.count <= FieldPositions.capacity, "an object schema has at most \(FieldPositions.capacity) fields (FieldPositions)")
        let keys = fieldNameBytes.map { $0.withUnsafeBufferPointer(KeyWords.init) }
        var slots = [UInt8](repeating: Self.emptySlot, count: KeyWords.slotCount)
        for (index, key) in keys.enumerated() {
            var slot = key.slot
            while slots[slot] != Self.emptySlot { slot = (slot + 1) & (KeyWords.slotCount - 1) }
            slots[slot] = UInt8(index)
        }
        self.fieldKeys = keys
        self.fieldSlots = slots
        self.keyTable = self.fieldKeys.withUnsafeBufferPointer { $0 }
        self.slotTable = self.fieldSlots.withUnsafeBufferPointer { $0 }
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        func add(_ word: String) {
            spans.append(text.count..<text.count + word.utf8.count)
            text += word.utf8
        }
        fields.forEach { add($0.name) }
        self.fieldCount = fields.count
        self.checks = fields.map { field in
            FieldCheck(field.type) { words in
                let first = spans.count
                words.forEach(add)
                return first..<spans.count
            }
        }
        self.text = text
        self.spans = spans
        self.checkTable = self.checks.withUnsafeBufferPointer { $0 }
        self.textTable = self.text.withUnsafeBufferPointer { $0 }
        self.spanTable = self.spans.withUnsafeBufferPointer { $0 }
    }

    /// A copy of this schema, its nested schemas and their lists, sharing no storage with it. Each
    /// thread decoding a batch walks its own copy: walking counts references on the schemas and their
    /// lists, and threads counting on the same objects slow each other down.
    func copiedStorage() -> ObjectSchema {
        ObjectSchema(name, fields.map { FieldSchema(name: $0.name, type: $0.type.copiedStorage(), isRequired: $0.isRequired, description: $0.description) },
                     exactlyOneOf: exactlyOneOf.map { $0 })
    }

    /// The field whose name is `name`, compared as bytes (as every key is).
    public func field(named name: String) -> FieldSchema? {
        fieldIndex(named: name).map { fields[$0] }
    }

    /// The check of the field at `fieldIndex`.
    func check(_ fieldIndex: Int) -> FieldCheck {
        checkTable[fieldIndex]
    }

    /// Whether `bytes` are the UTF-8 of one of the words of a check (`FieldCheck.words`).
    func isWord(_ bytes: UnsafeBufferPointer<UInt8>, among words: Range<Int>) -> Bool {
        for word in words where matches(bytes, span: word) { return true }
        return false
    }

    /// Whether `bytes` are the text at `spans[span]`.
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, span: Int) -> Bool {
        let stored = spanTable[span]
        guard stored.count == bytes.count, let base = textTable.baseAddress else { return false }
        return stored.isEmpty || memcmp(base + stored.lowerBound, bytes.baseAddress!, stored.count) == 0
    }

    /// The position of the field whose name's UTF-8 is `bytes`, trying the field at `expected`
    /// first: objects of one kind mostly list their keys in the schema's order, so after one field
    /// the next key is usually the next field, told by comparing a few bytes instead of a lookup.
    func fieldIndex(ofBytes bytes: UnsafeBufferPointer<UInt8>, expected: Int) -> Int? {
        if expected < fieldCount, matches(bytes, span: expected) { return expected }
        return fieldIndex(ofBytes: bytes)
    }

    /// The position in `fields` of the field named by `key`, a string value (compared as bytes).
    func fieldIndex(of key: JSONValue) -> Int? {
        if let bytes = key.verbatimStringBytes { return fieldIndex(ofBytes: bytes) }
        // A closure rather than the method itself, which would be a closure counting a reference on the schema.
        var name = key.string ?? ""
        return name.withUTF8 { fieldIndex(ofBytes: $0) }
    }

    /// The position in `fields` of the field whose name is `name`.
    func fieldIndex(named name: String) -> Int? {
        var name = name
        return name.withUTF8 { fieldIndex(ofBytes: $0) }
    }

    /// The position in `fields` of the field named by `key`, a key written in the source (which
    /// must have a pointer representation), read where the compiler put its bytes.
    func fieldIndex(of key: StaticString) -> Int? {
        fieldIndex(ofBytes: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    /// The position in `fields` of the field whose name's UTF-8 is `bytes`.
    func fieldIndex(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = KeyWords(bytes)
        var slot = key.slot
        while true {
            let candidate = slotTable[slot]
            guard candidate != Self.emptySlot else { return nil }
            let index = Int(candidate)
            if keyTable[index] == key, bytes.count <= KeyWords.coveredLength || fieldNameBytes[index].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
                return index
            }
            slot = (slot + 1) & (KeyWords.slotCount - 1)
        }
    }
}

/// A key's length and its first and last eight bytes as two words: equal words and lengths mean
/// equal keys up to `coveredLength` bytes, which every field name of the format is within.
struct KeyWords: Equatable {
    let length: Int
    let head: UInt64
    let tail: UInt64

    /// Keys this long or shorter are wholly compared by their words.
    static let coveredLength = 16
    /// Slots of a schema's open-addressing table: more than twice the most fields a schema has.
    static let slotCount = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        length = bytes.count
        // Overlapping loads that stay inside the key: two words from 8 bytes on, two half-words from
        // 4 to 7 bytes; with the length, they cover every byte, so equal words mean equal keys.
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else {
            (head, tail) = (0, 0)
            return
        }
        switch bytes.count {
        case 8...:
            head = base.loadUnaligned(as: UInt64.self)
            tail = base.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        case 4...:
            head = UInt64(base.loadUnaligned(as: UInt32.self))
            tail = UInt64(base.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
        default:
            var word: UInt64 = 0
            for (position, byte) in bytes.enumerated() { word |= UInt64(byte) << (position * 8) }
            head = word
            tail = 0
        }
    }

    /// The first slot to try in a table of `slotCount` slots.
    var slot: Int {
        let mixed = (head &+ tail &* 31 &+ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 56)
    }
}

/// The kinds of entity an inventory holds, in the order they appear at the top level.
public enum EntityKind: String, CaseIterable, Sendable {
    case environment, provider, host, cluster, service, datastore, backup, monitor, pipeline, job, secret, dns, waiver

    /// The kind whose entities the top-level key `arrayKey` holds.
    public init?(arrayKey: String) {
        guard let kind = EntityKind.allCases.first(where: { $0.arrayKey == arrayKey }) else { return nil }
        self = kind
    }

    /// The top-level key that holds entities of this kind.
    public var arrayKey: String {
        switch self {
        case .dns: "dns"
        default: rawValue + "s"
        }
    }

    /// How one entity of this kind is called in messages.
    public var noun: String {
        switch self {
        case .dns: "DNS zone"
        default: rawValue
        }
    }

    public var pluralNoun: String {
        switch self {
        case .dns: "DNS zones"
        default: arrayKey
        }
    }

    /// What an entity of this kind is, in a few words: the JSON Schema's, `infractl explain`'s
    /// and docs/format.md's description of the kind.
    public var summary: String {
        switch self {
        case .environment: "a deployment environment"
        case .provider: "a failure domain: one company's service in one region"
        case .host: "a machine: physical, virtual or a cloud instance"
        case .cluster: "a group of hosts acting as one system"
        case .service: "a process, a load balancer or an external service"
        case .datastore: "a place where state lives"
        case .backup: "a scheduled copy of datastores or hosts"
        case .monitor: "a monitoring tool, its checks and alerts"
        case .pipeline: "how code is deployed"
        case .job: "a scheduled task"
        case .secret: "a credential, described by where it is kept, never by its value"
        case .dns: "a DNS zone, its records and traffic manager"
        case .waiver: "an accepted finding: silences one rule on one entity"
        }
    }

    /// The fields every entity but a waiver shares, after its own: `description`, `tags`, `source`.
    public static let commonFieldNames = ["description", "tags", "source"]

    /// The fields of an entity of this kind, the shared `id`, `description`, `tags` and `source` included.
    public var schema: ObjectSchema { Self.schemas[self] ?? makeSchema() }

    /// Every kind's schema, built once.
    private static let schemas = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeSchema()) })

    /// Provenance: which importer wrote the entity (`infractl import`), absent when written by hand.
    static let sourceDescription = "provenance: the importer and the address in its input that wrote the entity (`\"terraform:aws_db_instance.main\"`); `infractl import --into` replaces only entities whose source names that importer. Leave it out on entities written by hand"

    private func makeSchema() -> ObjectSchema {
        let own: [FieldSchema]
        switch self {
        case .environment: own = Environment.fields
        case .provider: own = Provider.fields
        case .host: own = Host.fields
        case .cluster: own = Cluster.fields
        case .service: own = Service.fields
        case .datastore: own = Datastore.fields
        case .backup: own = Backup.fields
        case .monitor: own = Monitor.fields
        case .pipeline: own = Pipeline.fields
        case .job: own = Job.fields
        case .secret: own = Secret.fields
        case .dns: own = DNSZone.fields
        case .waiver: return ObjectSchema(noun, Waiver.fields)
        }
        return ObjectSchema(noun, [.required("id", "the entity's id, unique across the file", .identifier)] + own + [
            .optional("description", "free text: what the entity is, where the facts come from", .text),
            .optional("tags", "free-form labels", .list(.text)),
            .optional("source", Self.sourceDescription, .text),
        ])
    }
}

/// A list of the words in a `CaseIterable` string enum, for `.choice`.
package func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [String] where T.RawValue == String {
    type.allCases.map { $0.rawValue }
}

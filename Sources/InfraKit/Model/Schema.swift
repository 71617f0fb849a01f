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
    /// Exactly this integer (the format version).
    case constant(Int)
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

    /// How the type reads in messages: "an array of ids", "a duration such as \"4h\"".
    var expectation: String {
        switch self {
        case .text, .choice, .openChoice: "a string"
        case .integer: "a whole number"
        case .number: "a number"
        case .boolean: "true or false"
        case .constant(let value): "the number \(value)"
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

    public static func required(_ name: String, _ type: FieldType) -> FieldSchema {
        FieldSchema(name: name, type: type, isRequired: true)
    }

    public static func optional(_ name: String, _ type: FieldType) -> FieldSchema {
        FieldSchema(name: name, type: type, isRequired: false)
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

    public init(_ name: String, _ fields: [FieldSchema], exactlyOneOf: [String] = []) {
        self.name = name
        self.fields = fields
        self.exactlyOneOf = exactlyOneOf
        self.fieldNameBytes = fields.map { Array($0.name.utf8) }
        precondition(fields.count <= 64, "an object schema has at most 64 fields (SchemaWalker keeps them in a bit set)")
    }

    public func field(named name: String) -> FieldSchema? {
        fields.first { $0.name == name }
    }

    /// The position in `fields` of the field named by `key`, a string value (compared as bytes).
    func fieldIndex(of key: JSONValue) -> Int? {
        if key.isVerbatimString {
            return key.withRawStringBytes { raw in
                for index in fieldNameBytes.indices where fieldNameBytes[index].count == raw.count {
                    if fieldNameBytes[index].withUnsafeBufferPointer({ $0.elementsEqual(raw) }) { return index }
                }
                return nil
            } ?? nil
        }
        let name = key.string ?? ""
        return fields.firstIndex { $0.name.utf8.elementsEqual(name.utf8) }
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

    /// The fields of an entity of this kind, the shared `id`, `description` and `tags` included.
    public var schema: ObjectSchema { Self.schemas[self] ?? makeSchema() }

    /// Every kind's schema, built once.
    private static let schemas = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeSchema()) })

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
        return ObjectSchema(noun, [.required("id", .identifier)] + own + [
            .optional("description", .text),
            .optional("tags", .list(.text)),
        ])
    }
}

/// A list of the words in a `CaseIterable` string enum, for `.choice`.
func choices<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [String] where T.RawValue == String {
    type.allCases.map { $0.rawValue }
}

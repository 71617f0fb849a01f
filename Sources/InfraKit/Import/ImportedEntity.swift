/// One entity an importer wrote: its kind, its id and its other fields in the order written,
/// `source` (its provenance) last.
public struct ImportedEntity: Sendable {
    public let kind: EntityKind
    public let id: String
    public var fields: [(String, JSONOutput)]

    /// The entity as it is written in an inventory.
    public var output: JSONOutput { .object([("id", .string(id))] + fields) }
}

/// The fields of one entity as an importer builds them: a field whose value the source does not
/// give is left out, so the rules ask a person for it instead of trusting a guess.
struct FieldList {
    private(set) var members: [(String, JSONOutput)] = []

    init() {}

    mutating func add(_ name: String, _ value: JSONOutput?) {
        guard let value else { return }
        if case .object(let inner) = value, inner.isEmpty { return }
        members.append((name, value))
    }

    mutating func add(_ name: String, _ value: String?) { add(name, value.map(JSONOutput.string)) }
    mutating func add(_ name: String, _ value: Bool?) { add(name, value.map(JSONOutput.bool)) }
    mutating func add(_ name: String, _ value: Int?) { add(name, value.map(JSONOutput.int)) }

    /// An array of ids or words, left out when empty.
    mutating func add(_ name: String, strings: [String]) {
        guard !strings.isEmpty else { return }
        members.append((name, .array(strings.map(JSONOutput.string))))
    }

    /// A nested object, left out when it has no field.
    mutating func add(_ name: String, object build: (inout FieldList) -> Void) {
        var inner = FieldList()
        build(&inner)
        guard !inner.members.isEmpty else { return }
        members.append((name, .object(inner.members)))
    }

    var output: JSONOutput { .object(members) }
}

/// What an import found, beyond its entities: resource types it has no mapping for (counted and
/// listed, never dropped silently) and notes for the person running it.
public struct ImportResult: Sendable {
    public var entities: [ImportedEntity]
    /// Each type the importer does not map, with the addresses of its resources, sorted.
    public var unmapped: [(type: String, addresses: [String])]
    /// One line each: credentials found and not copied, values not understood, what was skipped.
    public var notes: [String]

    /// `entities` by id.
    var byID: [String: ImportedEntity] {
        Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

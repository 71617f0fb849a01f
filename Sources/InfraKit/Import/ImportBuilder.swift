import InfraJSON
import InfraModel

/// Collects what one import writes: entities with unique ids and their provenance, the shared
/// environment and providers they refer to, unmapped resource types and notes. Importers add to
/// it; `result` gives every entity sorted by kind and id, so the output is deterministic.
package struct ImportBuilder {
    let source: ImportSource
    /// The environment every imported entity belongs to (`--environment`).
    let environment: String
    /// The provider of hosts whose source names none (`--provider`); nil: one called `unknown`.
    let defaultProvider: String?
    private var entities: [String: ImportedEntity] = [:]
    private var unmapped: [String: [String]] = [:]
    private var notes: [String] = []

    package init(source: ImportSource, environment: String, defaultProvider: String?) {
        self.source = source
        self.environment = environment
        self.defaultProvider = defaultProvider
    }

    /// Adds an entity read from `address`, with an id made from `name` (made unique with a number
    /// when taken); returns the id. The environment it names is created the first time.
    @discardableResult
    mutating func add(_ kind: EntityKind, name: String, address: String, fields: FieldList) -> String {
        var id = ImportID.make(name)
        var number = 2
        while entities[id] != nil {
            id = ImportID.make(name, suffix: "-\(number)")
            number += 1
        }
        var members = fields.members.map { ($0.0, scrubbed($0.1, at: "\(id).\($0.0)")) }
        members.append(("source", .string(source.provenance(address))))
        entities[id] = ImportedEntity(kind: kind, id: id, fields: members)
        return id
    }

    /// `value` with every string that holds a credential (a TXT record's token, an address with a
    /// password in it) redacted, and a note for each: an import never writes a credential.
    private mutating func scrubbed(_ value: JSONOutput, at path: String) -> JSONOutput {
        switch value {
        case .string(let text) where !CredentialScanner.scan(text).isEmpty:
            note("\(path): a value that looks like a credential was written redacted")
            return .string(CredentialScanner.redact(text))
        case .array(let elements):
            return .array(elements.map { scrubbed($0, at: path) })
        case .object(let members):
            return .object(members.map { ($0.0, scrubbed($0.1, at: "\(path).\($0.0)")) })
        default:
            return value
        }
    }

    /// The id of the provider of `kind` in `region` (`aws-eu-west-1`), created the first time.
    mutating func provider(kind: String, region: String?) -> String {
        let region = region.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let id = ImportID.make(region.map { "\(kind)-\($0)" } ?? kind)
        guard entities[id] == nil else { return id }
        var fields = FieldList()
        fields.add("kind", kind)
        fields.add("region", region)
        fields.add("source", .string(source.provenance("provider.\(id)")))
        entities[id] = ImportedEntity(kind: .provider, id: id, fields: fields.members)
        return id
    }

    /// The provider of hosts and services whose source does not say where they run.
    mutating func unknownProvider() -> String {
        if let defaultProvider { return provider(kind: defaultProvider, region: nil) }
        notes.append("the \(source.rawValue) input does not say which provider runs its hosts: they are given the provider 'unknown'; name it with --provider")
        return provider(kind: "unknown", region: nil)
    }

    /// The id of the environment called `name` (default: `--environment`), created the first time.
    mutating func environment(_ name: String? = nil) -> String {
        let id = ImportID.make(name ?? environment)
        guard entities[id] == nil else { return id }
        var fields = FieldList()
        fields.add("kind", ImportID.environmentKind(of: id))
        fields.add("source", .string(source.provenance("environment.\(id)")))
        entities[id] = ImportedEntity(kind: .environment, id: id, fields: fields.members)
        return id
    }

    /// Whether an entity has this id.
    func has(_ id: String) -> Bool { entities[id] != nil }

    /// Counts a resource of a type the importer does not map.
    mutating func unmapped(type: String, address: String) {
        unmapped[type, default: []].append(address)
    }

    mutating func note(_ text: String) {
        if !notes.contains(text) { notes.append(text) }
    }

    package var result: ImportResult {
        let order = Dictionary(uniqueKeysWithValues: EntityKind.allCases.enumerated().map { ($1, $0) })
        let sorted = entities.values.sorted { (order[$0.kind] ?? 0, $0.id) < (order[$1.kind] ?? 0, $1.id) }
        let types = unmapped.keys.sorted().map { (type: $0, addresses: (unmapped[$0] ?? []).sorted()) }
        return ImportResult(entities: sorted, unmapped: types, notes: notes)
    }
}

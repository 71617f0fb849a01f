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

import InfraJSON
import InfraModel

/// One entity an importer wrote: its kind, its id and its other fields in the order written,
/// `source` (its provenance) last.
public struct ImportedEntity: Sendable {
    public let kind: EntityKind
    public let id: String
    public var fields: [(String, JSONOutput)]

    /// The entity as it is written in an inventory.
    public var output: JSONOutput { .object([("id", .string(id))] + fields) }
}

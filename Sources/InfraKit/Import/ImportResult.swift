import InfraJSON
import InfraModel

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

    /// A new inventory named `name` holding the imported entities: each kind's array in the
    /// format's order, `environments` always, the others when they have entities.
    package func inventory(named name: String) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("infractl", .int(InventoryDecoder.formatVersion)), ("name", .string(name))]
        for kind in EntityKind.allCases {
            let ofKind = entities.filter { $0.kind == kind }
            if !ofKind.isEmpty || kind == .environment { members.append((kind.arrayKey, .array(ofKind.map(\.output)))) }
        }
        return .object(members)
    }
}

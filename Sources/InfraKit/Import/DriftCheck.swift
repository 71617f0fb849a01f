import InfraJSON
import InfraModel

/// Compares an import with the inventory it was written into (`import --check`): what the source
/// has and the inventory lacks, what the inventory holds from this importer that the source no
/// longer has, and the fields the source gives that differ. Fields the importer does not write
/// are the person's and are not compared; nor are entities written by hand.
package struct DriftCheck {
    /// One difference, as a line of the report.
    package struct Drift: Equatable {
        package enum Kind: String { case missing, gone, differs }
        package let kind: Kind
        package let text: String
    }

    let source: ImportSource
    let imported: ImportResult

    package init(source: ImportSource, imported: ImportResult) {
        self.source = source
        self.imported = imported
    }

    package func compare(with root: JSONValue) -> [Drift] {
        let inventory = InventoryMerge.entities(of: root)
        var byID: [String: (kind: EntityKind, value: JSONValue)] = [:]
        for entity in inventory { if let id = entity.value.text("id"), byID[id] == nil { byID[id] = entity } }
        var drifts: [Drift] = []
        for entity in imported.entities {
            guard let existing = byID[entity.id] else {
                drifts.append(Drift(kind: .missing, text: "\(entity.kind.noun) '\(entity.id)' (\(Self.provenance(of: entity))) is in the source but not in the inventory"))
                continue
            }
            guard source.wrote(existing.value.text("source")) else { continue }
            drifts += differences(InventoryMerge.output(existing.value).objectMembers, entity.fields, path: entity.id)
        }
        let importedIDs = Set(imported.entities.map(\.id))
        for (kind, value) in inventory {
            guard let id = value.text("id"), source.wrote(value.text("source")), !importedIDs.contains(id) else { continue }
            drifts.append(Drift(kind: .gone, text: "\(kind.noun) '\(id)' (\(value.text("source") ?? "")) is in the inventory but no longer in the source"))
        }
        return drifts
    }

    /// The fields of `written` whose value in `kept` differs, nested objects compared key by key.
    private func differences(_ kept: [(String, JSONOutput)], _ written: [(String, JSONOutput)], path: String) -> [Drift] {
        written.flatMap { key, new -> [Drift] in
            guard key != "source" else { return [] }
            guard let old = kept.first(where: { $0.0 == key })?.1 else {
                return [Drift(kind: .differs, text: "'\(path).\(key)': the inventory has none, the source has \(InventoryMerge.shown(new))")]
            }
            if case .object(let oldMembers) = old, case .object(let newMembers) = new {
                return differences(oldMembers, newMembers, path: "\(path).\(key)")
            }
            guard old != new else { return [] }
            return [Drift(kind: .differs, text: "'\(path).\(key)': the inventory has \(InventoryMerge.shown(old)), the source has \(InventoryMerge.shown(new))")]
        }
    }

    private static func provenance(of entity: ImportedEntity) -> String {
        guard case .string(let text)? = entity.fields.first(where: { $0.0 == "source" })?.1 else { return "" }
        return text
    }
}

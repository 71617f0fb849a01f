import InfraJSON
import InfraModel

/// Writes an import into an existing inventory (`import --into`). The rule, in docs/format.md and
/// the README:
///
/// - an entity whose `source` names this importer is the importer's: a re-import writes the
///   fields the source gives over it (nested objects key by key) and keeps every other field, so
///   what a person added — `description`, `objectives`, `restore`, `dependsOn`, alerts — stays;
///   where a person changed a field the source gives, the source's value is written and a note
///   says so; such an entity gone from the source is removed;
/// - every other entity is the person's and is kept as written; an imported entity with the id of
///   one is not written (a note says so): to take an entity over by hand, delete its `source`;
/// - entities keep their place; new ones go at the end of their array, sorted by id.
///
/// Layout is not kept: the inventory is written back with two-space indentation.
package struct InventoryMerge {
    let source: ImportSource
    let imported: ImportResult
    package private(set) var notes: [String] = []

    package init(source: ImportSource, imported: ImportResult) {
        self.source = source
        self.imported = imported
    }

    /// The merged inventory.
    package mutating func merge(into root: JSONValue) -> JSONOutput {
        var remaining = imported.byID
        // Every id the person owns, in any array, so an import never duplicates one.
        let handIDs = Set(Self.entities(of: root).filter { !source.wrote($0.value.text("source")) }.compactMap { $0.value.text("id") })
        for id in handIDs where remaining[id] != nil {
            if let entity = remaining[id], entity.kind != .environment, entity.kind != .provider {
                notes.append("'\(id)' is written by hand (it has no '\(source.rawValue):' source), so the imported \(entity.kind.noun) was not written over it")
            }
            remaining[id] = nil
        }
        var members: [(String, JSONOutput)] = []
        for member in root.members {
            guard let kind = EntityKind(arrayKey: member.name), kind != .waiver, member.value.kind == .array else {
                members.append((member.name, Self.output(member.value)))
                continue
            }
            members.append((member.name, .array(mergeArray(member.value, kind: kind, remaining: &remaining))))
        }
        for kind in EntityKind.allCases {
            let added = remaining.values.filter { $0.kind == kind }.sorted { $0.id < $1.id }
            guard !added.isEmpty else { continue }
            members.append((kind.arrayKey, .array(added.map(\.output))))
        }
        return .object(members)
    }

    private mutating func mergeArray(_ array: JSONValue, kind: EntityKind, remaining: inout [String: ImportedEntity]) -> [JSONOutput] {
        var elements: [JSONOutput] = []
        for element in array.elements {
            let id = element.text("id") ?? ""
            guard source.wrote(element.text("source")) else {
                elements.append(Self.output(element))
                continue
            }
            // Gone from the input, or now of another kind (written in its own array instead).
            guard let entity = remaining[id], entity.kind == kind else {
                notes.append("removed \(kind.noun) '\(id)': it is no longer in the \(source.rawValue) input")
                continue
            }
            remaining[id] = nil
            elements.append(.object(mergeObject(kept: element.members.map { ($0.name, Self.output($0.value)) },
                                                written: entity.output.objectMembers, path: id)))
        }
        let added = remaining.values.filter { $0.kind == kind }.sorted { $0.id < $1.id }
        for entity in added { remaining[entity.id] = nil }
        return elements + added.map(\.output)
    }

    /// The inventory's members with the importer's written over them: in the inventory's order, the
    /// importer's new keys after; objects on both sides merged key by key.
    private mutating func mergeObject(kept: [(String, JSONOutput)], written: [(String, JSONOutput)], path: String) -> [(String, JSONOutput)] {
        var result: [(String, JSONOutput)] = []
        for (key, old) in kept {
            guard let new = written.first(where: { $0.0 == key })?.1 else {
                result.append((key, old))
                continue
            }
            if case .object(let oldMembers) = old, case .object(let newMembers) = new {
                result.append((key, .object(mergeObject(kept: oldMembers, written: newMembers, path: "\(path).\(key)"))))
                continue
            }
            if key != "source", old != new {
                notes.append("'\(path).\(key)': the inventory had \(Self.shown(old)), the \(source.rawValue) input has \(Self.shown(new)); the input's value is written")
            }
            result.append((key, new))
        }
        result += written.filter { key, _ in !kept.contains { $0.0 == key } }
        return result
    }

    /// A value as a note shows it: compact, credentials redacted, cut short.
    static func shown(_ value: JSONOutput) -> String {
        let text = CredentialScanner.redact(value.rendered(pretty: false))
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// Every entity object in the inventory's entity arrays (waivers aside).
    static func entities(of root: JSONValue) -> [(kind: EntityKind, value: JSONValue)] {
        root.members.flatMap { member -> [(kind: EntityKind, value: JSONValue)] in
            guard let kind = EntityKind(arrayKey: member.name), kind != .waiver else { return [] }
            return member.value.elements.filter { $0.kind == .object }.map { (kind, $0) }
        }
    }

    /// A read value as one to write: keys in order, duplicates kept, numbers as read.
    static func output(_ value: JSONValue) -> JSONOutput {
        switch value.kind {
        case .null: return .null
        case .bool: return .bool(value.bool ?? false)
        case .number:
            if value.isIntegerLiteral, let number = value.int { return .int(number) }
            return .double(value.double ?? 0)
        case .string: return .string(value.string ?? "")
        case .array: return .array(value.elements.map(output))
        case .object: return .object(value.members.map { ($0.name, output($0.value)) })
        }
    }
}

extension JSONOutput {
    /// The members of an object; empty for other values.
    var objectMembers: [(String, JSONOutput)] {
        if case .object(let members) = self { return members }
        return []
    }
}

import InfraModel

/// The reference of the inventory format, read from the definitions the decoder validates against
/// (`InventoryDecoder.headerFields`, `EntityKind.schema` and each field's `FieldSchema.description`):
/// `infractl explain format` and `infractl explain field` print it, and the key tables of
/// docs/format.md are generated from it, so the format's meaning is written in one place.
public struct FormatReference: Sendable {
    /// One key, at any depth: `retention.daily`, `members[].host`.
    public struct Row: Sendable {
        /// The key's path below its entity (or the top level), list elements marked `[]`.
        public let path: String
        public let field: FieldSchema
        /// The path of the key's parent, nil for a key of the entity itself.
        public let parent: String?
    }

    /// A `KIND.FIELD` that names no key, with a one-line reason and a suggestion.
    public struct UnknownField: Error, Sendable {
        public let message: String
    }

    public init() {}

    /// Every key of an entity of `kind`, depth first in format order.
    public func rows(_ kind: EntityKind) -> [Row] {
        Self.rows(kind.schema.fields, under: nil)
    }

    /// Every top-level key other than the entity arrays, and the keys nested in them.
    public func headerRows() -> [Row] {
        Self.rows(InventoryDecoder.headerFields, under: nil)
    }

    private static func rows(_ fields: [FieldSchema], under parent: String?) -> [Row] {
        fields.flatMap { field -> [Row] in
            let path = parent.map { "\($0).\(field.name)" } ?? field.name
            var rows = [Row(path: path, field: field, parent: parent)]
            switch field.type {
            case .object(let schema), .durationOrObject(let schema):
                rows += Self.rows(schema.fields, under: path)
            case .list(.object(let schema)):
                rows += Self.rows(schema.fields, under: path + "[]")
            default:
                break
            }
            return rows
        }
    }

    // MARK: Looking up KIND.FIELD

    /// The key `name` names: `backups.retention`, `backup.retention.daily`, `clusters.members[].host`,
    /// or a top-level key (`owner.team`). Kinds are named by their top-level key or singular name.
    public func lookUp(_ name: String) throws(UnknownField) -> (kind: EntityKind?, row: Row) {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = segments.first, !first.isEmpty else { throw UnknownField(message: "no field named: write KIND.FIELD, e.g. backups.retention") }
        let kind = EntityKind.allCases.first { $0.arrayKey == first || $0.rawValue == first }
        let rows = kind.map(rows) ?? headerRows()
        let wanted = (kind == nil ? segments : Array(segments.dropFirst())).map(Self.withoutIndex).joined(separator: ".")
        let scope = kind.map { "\($0.noun) (\($0.arrayKey))" } ?? "the top level"
        guard !wanted.isEmpty else { throw UnknownField(message: "no field named after '\(first)': write KIND.FIELD, e.g. backups.retention") }
        if let row = rows.first(where: { Self.withoutIndex($0.path) == wanted }) { return (kind, row) }
        if kind == nil, !InventoryDecoder.headerFields.contains(where: { $0.name == first }) {
            let names = EntityKind.allCases.map(\.arrayKey) + InventoryDecoder.headerFields.map(\.name)
            throw UnknownField(message: "unknown kind '\(first)'\(Suggestion.clause(for: first, among: names)); write KIND.FIELD with KIND one of \(EntityKind.allCases.map(\.arrayKey).joined(separator: ", "))")
        }
        let candidates = rows.map { Self.withoutIndex($0.path) }
        let shown = kind.map { "\($0.arrayKey).\(wanted)" } ?? wanted
        let suggestion = Suggestion.closest(to: wanted, among: candidates).map { "; did you mean '\(kind.map { "\($0.arrayKey)." } ?? "")\($0)'?" } ?? ""
        let listing = kind.map { "'infractl explain field \($0.arrayKey)' lists its keys" } ?? "'infractl explain format' lists every key"
        throw UnknownField(message: "unknown field '\(shown)': \(scope) has no key '\(wanted)'\(suggestion); \(listing)")
    }

    /// `members[].host` and `members[0].host` as `members.host`.
    private static func withoutIndex(_ path: String) -> String {
        var result = ""
        var inBrackets = false
        for character in path {
            switch character {
            case "[": inBrackets = true
            case "]": inBrackets = false
            default: if !inBrackets { result.append(character) }
            }
        }
        return result
    }

    // MARK: Types in words

    /// A field's type as the reference tables say it: "id of a host or cluster", "one of `a`, `b`".
    /// `markdown` links the value formats to their sections of docs/format.md.
    public static func typeText(_ type: FieldType, markdown: Bool = false) -> String {
        switch type {
        case .text: "string"
        case .integer(let range): "integer \(range.lowerBound)–\(range.upperBound)"
        case .number(let minimum): "number ≥ \(minimum == minimum.rounded() ? String(Int(minimum)) : String(minimum))"
        case .boolean: "boolean"
        case .version(let latest): "the integer `\(latest)` (or an earlier version)"
        case .choice(let words): "one of " + quoted(words)
        case .openChoice(let words): (markdown ? "*open*: " : "open, usually: ") + quoted(words.sorted()) + (markdown ? "" : " (any non-empty string)")
        case .identifier: "id"
        case .reference(let kinds): "id of " + phrase(kinds)
        case .referenceOrLiteral(let kinds): "id of " + phrase(kinds) + ", or a literal address or host name"
        case .duration: markdown ? "[duration](#durations)" : "duration"
        case .date: markdown ? "[date](#dates)" : "date"
        case .schedule: markdown ? "[schedule](#schedules)" : "schedule"
        case .list(let element): "array of " + plural(element, markdown: markdown)
        case .object(let schema): objectText(schema)
        case .durationOrObject(let schema): typeText(.duration, markdown: markdown) + ", or " + objectText(schema)
        }
    }

    private static func plural(_ element: FieldType, markdown: Bool) -> String {
        switch element {
        case .text: "strings"
        case .reference(let kinds): "ids of " + phrase(kinds, plural: true)
        case .referenceOrLiteral(let kinds): "ids of " + phrase(kinds, plural: true) + ", or literal addresses"
        case .object(let schema): objectText(schema, plural: true)
        case .choice: "strings, each " + typeText(element, markdown: markdown)
        default: "values, each " + typeText(element, markdown: markdown)
        }
    }

    private static func objectText(_ schema: ObjectSchema, plural: Bool = false) -> String {
        let noun = plural ? "objects" : "object"
        guard !schema.exactlyOneOf.isEmpty else { return noun }
        return "\(noun) with exactly one of " + quoted(schema.exactlyOneOf)
    }

    private static func quoted(_ words: [String]) -> String {
        words.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// "a host or cluster", "hosts or clusters", "any entity but a waiver".
    private static func phrase(_ kinds: [EntityKind], plural: Bool = false) -> String {
        let all = EntityKind.allCases.filter { $0 != .waiver }
        if Set(kinds) == Set(all) { return plural ? "any entities but waivers" : "any entity but a waiver" }
        let others = all.filter { !kinds.contains($0) }
        if others.count == 1, let other = others.first, kinds.count > 4 {
            return plural ? "any entities but \(other.pluralNoun) and waivers" : "any entity but a \(other.noun) or a waiver"
        }
        let nouns = kinds.map { plural ? $0.pluralNoun : $0.noun }
        let list = nouns.count > 1 ? nouns.dropLast().joined(separator: ", ") + " or " + (nouns.last ?? "") : nouns.first ?? ""
        guard !plural else { return list }
        return (list.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + list
    }
}

// MARK: Text for the terminal (`infractl explain format`, `infractl explain field`)

extension FormatReference {
    /// The whole format: top-level keys, the value formats, then every kind with its keys.
    public func formatText() -> String {
        var text = """
        THE INVENTORY FORMAT, VERSION \(InventoryDecoder.formatVersion)
        One JSON object per system (strict RFC 8259: no comments, no trailing commas). Unknown keys,
        missing required keys, wrong types and references to missing ids are findings. docs/format.md
        is the full reference; 'infractl explain field KIND.FIELD' prints one key.

        TOP-LEVEL KEYS


        """
        let width = Self.pathWidth(headerRows())
        text += headerRows().map { Self.rowText($0, width: width) }.joined()
        for kind in EntityKind.allCases {
            let required = kind == .environment ? "required" : "optional"
            text += "  \(Self.padded(kind.arrayKey, width))  \(required)  array of \(kind.pluralNoun)\n      \(kind.summary)\n"
        }
        text += "\nVALUE FORMATS\n\n"
        for note in JSONSchemaGenerator.valueFormatNotes { text += "  \(note.name)\n      \(note.text)\n" }
        for kind in EntityKind.allCases { text += "\n" + kindText(kind) }
        return text
    }

    /// One kind: what it is, where it is listed, and its keys.
    public func kindText(_ kind: EntityKind) -> String {
        let rows = rows(kind)
        let width = Self.pathWidth(rows)
        return "\(kind.arrayKey.uppercased()): \(kind.summary)\n\n" + rows.map { Self.rowText($0, width: width) }.joined()
    }

    /// One key: where it is, whether it is required, its type, what it means, and the keys below it.
    public func fieldText(kind: EntityKind?, row: Row) -> String {
        let owner = kind.map { "\($0.noun) (top-level key '\($0.arrayKey)')" } ?? "the inventory's top level"
        var text = "\(kind.map { "\($0.arrayKey)." } ?? "")\(row.path)\n"
        text += "  in:       \(owner)\(row.parent.map { ", inside '\($0)'" } ?? "")\n"
        text += "  required: \(Self.requirement(row))\n"
        text += "  type:     \(Self.typeText(row.field.type))\n"
        text += "\n  \(row.field.description)\n"
        for format in Self.valueFormats(of: row.field.type) {
            if let note = JSONSchemaGenerator.valueFormatNotes.first(where: { $0.name == format }) {
                text += "\n  A \(format) is \(note.text).\n"
            }
        }
        let children = (kind.map(rows) ?? headerRows()).filter { $0.parent.map(Self.withoutIndex) == Self.withoutIndex(row.path) }
        if !children.isEmpty {
            let width = Self.pathWidth(children)
            text += "\nKEYS\n\n" + children.map { Self.rowText($0, width: width) }.joined()
        }
        return text
    }

    private static func rowText(_ row: Row, width: Int) -> String {
        "  \(padded(row.path, width))  \(row.field.isRequired ? "required" : "optional")  \(typeText(row.field.type))\n      \(row.field.description)\n"
    }

    /// The path column's width: the longest path, at most 30 characters.
    private static func pathWidth(_ rows: [Row]) -> Int {
        min(30, rows.map(\.path.count).max() ?? 0)
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text.count < width ? text + String(repeating: " ", count: width - text.count) : text
    }

    private static func requirement(_ row: Row) -> String {
        guard row.field.isRequired else { return "no" }
        guard let parent = row.parent else { return "yes" }
        return parent.hasSuffix("[]") ? "yes, in each element of '\(parent.dropLast(2))'" : "yes, when '\(parent)' is present"
    }

    /// The value formats a type uses directly: a duration field, a list of dates.
    private static func valueFormats(of type: FieldType) -> [String] {
        switch type {
        case .duration, .durationOrObject: ["duration"]
        case .date: ["date"]
        case .schedule: ["schedule"]
        case .list(let element): valueFormats(of: element)
        default: []
        }
    }
}

// MARK: Markdown for docs/format.md

extension FormatReference {
    /// The table of an entity's keys as docs/format.md shows it: the keys every entity shares
    /// (`description`, `tags`, `source`) have their own table, `commonTable()`.
    public func markdownTable(_ kind: EntityKind) -> String {
        Self.markdownTable(rows(kind).filter { row in
            kind == .waiver || !EntityKind.commonFieldNames.contains(row.path) || row.parent != nil
        })
    }

    /// The keys every entity but a waiver may carry.
    public func commonTable() -> String {
        Self.markdownTable(rows(.host).filter { EntityKind.commonFieldNames.contains($0.path) })
    }

    /// The top-level keys: the header, then one array per kind.
    public func topLevelTable() -> String {
        var table = Self.markdownTable(headerRows())
        for kind in EntityKind.allCases {
            let required = kind == .environment ? "yes" : "no"
            let anchor = kind.noun.lowercased().split(separator: " ").joined(separator: "-")
            table += "| `\(kind.arrayKey)` | \(required) | array of [\(kind.pluralNoun)](#\(anchor)) | \(kind.summary) |\n"
        }
        return table
    }

    private static func markdownTable(_ rows: [Row]) -> String {
        var table = "| key | required | type | meaning |\n|---|---|---|---|\n"
        for row in rows {
            let cells = [
                "`\(row.path)`",
                row.field.isRequired ? "yes" : "no",
                typeText(row.field.type, markdown: true),
                row.field.description,
            ]
            table += "| " + cells.map { String($0.flatMap { $0 == "|" ? ["\\", "|"] : [$0] }) }.joined(separator: " | ") + " |\n"
        }
        return table
    }
}

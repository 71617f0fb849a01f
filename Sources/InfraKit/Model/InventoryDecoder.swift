import Dispatch
import InfraJSON

/// Turns a parsed JSON document into an `Inventory`, collecting every structural finding in one pass.
///
/// The document is walked against the schemas of `EntityKind.schema`: wrong types, missing and
/// unknown keys, duplicate keys, invalid enums, ids, durations, dates and schedules, duplicate ids
/// and references that dangle or point at the wrong kind of entity. Nothing stops at the first
/// problem; each finding points at the value that caused it.
public struct InventoryDecoder: Sendable {
    /// The version this infractl writes; it reads every version from 1 up to it.
    public static let formatVersion = 2

    /// Structural findings beyond this many are counted, not kept (`decodeLimited`).
    public var maxFindings = Int.max
    /// Whether large files are decoded on every core (off only in tests that compare the two ways).
    var decodesConcurrently = true
    /// Whether the schema walk checks values by their `FieldCheck` before walking their type (off
    /// only in tests that compare the two ways).
    var usesFieldChecks = true

    public init() {}

    /// The top-level keys other than the entity arrays.
    package static let headerFields: [FieldSchema] = [
        .optional("$schema", "the JSON Schema the file follows, so editors can check it as you type: a path relative to the inventory file (`\"../schema/inventory.schema.json\"` from `inventories/`) to the schema `infractl schema` writes; infractl does not read it", .text),
        .required("infractl", "the format version: `2`; version `1` files still load, and `infractl migrate` rewrites them as version 2", .version(formatVersion)),
        .required("name", "the system's name, e.g. `classroom7`", .text),
        .optional("description", "free text about the system", .text),
        .optional("owner", "who owns the system", .object(ObjectSchema("owner", [
            .optional("team", "the owning team", .text),
            .optional("contact", "how to reach it (an address, a channel)", .text),
        ]))),
    ]

    /// Every key the top level may hold, in format order.
    public static var topLevelKeys: [String] {
        headerFields.map(\.name) + EntityKind.allCases.map(\.arrayKey)
    }

    public func decode(_ document: JSONDocument) -> (inventory: Inventory, findings: [Finding]) {
        let decoded = decodeLimited(document)
        return (decoded.inventory, decoded.findings)
    }

    /// Decodes keeping at most `maxFindings` structural findings; `omitted` counts the rest.
    public func decodeLimited(_ document: JSONDocument) -> (inventory: Inventory, findings: [Finding], omitted: Int) {
        var walker = SchemaWalker(source: document.source)
        walker.maxFindings = maxFindings
        walker.usesFieldChecks = usesFieldChecks
        var inventory = Inventory(source: document.source)
        inventory.document = document
        let root = document.root
        guard root.kind == .object else {
            walker.report(.wrongType, "an inventory must be a JSON object, found \(root.kind)", at: root)
            return (inventory, walker.findings, walker.omittedFindings)
        }
        guard checkFormatVersion(root, &walker) else { return (inventory, walker.findings, walker.omittedFindings) }

        // First pass: every id, so references can be resolved wherever they appear.
        walker.collectIDs(root, counts: &inventory.declaredCounts, concurrently: decodesConcurrently)

        let rootOrigin = Origin(value: root, path: "")
        walker.checkDuplicateKeys(root, subject: "the inventory")
        var seenEnvironments = false
        var seenKeys = Set<[UInt8]>()
        // Entities are decoded in batches, on every core when there are many; the header is checked
        // here. Each batch remembers where its findings go among the header's, so the findings come
        // out in the same order as a single pass would give.
        var batches: [EntityBatch] = []
        for member in root.memberSequence {
            let key = member.name
            // A repeated key was reported as a duplicate; as everywhere, the first value is used.
            // Keys are compared as bytes, as the duplicate check does: NFC and NFD are two keys.
            guard seenKeys.insert(Array(key.utf8)).inserted else { continue }
            if let kind = EntityKind(arrayKey: key) {
                seenEnvironments = seenEnvironments || kind == .environment
                guard member.value.kind == .array else {
                    walker.report(.wrongType, "'\(kind.arrayKey)' must be an array of \(kind.pluralNoun), found \(member.value.kind)",
                                  at: member.value, path: kind.arrayKey)
                    continue
                }
                batches += EntityBatch.split(member.value, kind: kind, findingsBefore: walker.findings.count)
            } else if let field = Self.headerFields.first(where: { $0.name == key }) {
                guard key != "infractl" else { continue }
                walker.validate(member.value, field.type, path: [.key(key)], subject: "the inventory")
            } else {
                walker.report(.unknownKey, "unknown top-level key '\(key)'\(Suggestion.clause(for: key, among: Self.topLevelKeys))",
                              at: member.key, path: key)
            }
        }
        decode(batches, into: &inventory, walker: &walker)
        if walker.formatVersion < Self.formatVersion { checkLaterWords(root, &walker) }
        var ids = walker.ids
        ids.locate(inventory)
        inventory.ids = ids
        for field in Self.headerFields where field.isRequired && field.name != "infractl" && root[field.name] == nil {
            walker.report(.missingField, "the inventory is missing required field '\(field.name)'", at: root)
        }
        if !seenEnvironments {
            walker.report(.missingField, "the inventory is missing required field 'environments'", at: root)
        }
        let reader = EntityReader(origin: rootOrigin)
        inventory.name = reader.string("name")
        inventory.ownerTeam = reader.object("owner") { $0.string("team") }
        inventory.ownerContact = reader.object("owner") { $0.string("contact") }
        return (inventory, walker.findings, walker.omittedFindings)
    }

    /// What an inventory's `infractl` value declares: the decoder and `FormatMigration` read it alike.
    enum DeclaredVersion {
        case missing
        case notANumber(JSONValue)
        case unsupported(JSONValue)
        case supported(Int, JSONValue)
    }

    static func declaredVersion(of root: JSONValue) -> DeclaredVersion {
        guard let version = root["infractl"] else { return .missing }
        guard version.kind == .number else { return .notANumber(version) }
        guard let declared = version.int, 1...formatVersion ~= declared else { return .unsupported(version) }
        return .supported(declared, version)
    }

    /// Reports a missing or unsupported version and notes a version 1 file; false when the rest
    /// cannot be read. Sets the version the walker holds keys to.
    private func checkFormatVersion(_ root: JSONValue, _ walker: inout SchemaWalker) -> Bool {
        switch Self.declaredVersion(of: root) {
        case .missing:
            walker.report(.formatVersion, "missing format version: add \"infractl\": \(Self.formatVersion) at the top level", at: root)
            return true
        case .notANumber(let version):
            walker.report(.formatVersion, "the format version must be the number \(Self.formatVersion), found \(version.kind)", at: version)
            return true
        case .unsupported(let version):
            walker.report(.formatVersion, "unsupported format version \(version.numberText ?? "?"): this infractl reads versions 1 to \(Self.formatVersion)", at: version)
            return false
        case .supported(let declared, let version):
            walker.formatVersion = declared
            if declared < Self.formatVersion {
                walker.report(.formatVersion, "format version \(declared) still loads; version \(Self.formatVersion) adds \(Self.keysAdded): "
                              + "`infractl migrate FILE` rewrites the file as version \(Self.formatVersion)", at: version, severity: .note)
            }
            return true
        }
    }

    /// Words a later version added to a closed list: in a file of an earlier version, each is a
    /// `format-version` error at the value (the entity is still read).
    private static let laterWords: [(kind: EntityKind, key: String, word: String, since: Int)] = [
        (.secret, "storage", Secret.Storage.hostFile.rawValue, 2),
    ]

    private func checkLaterWords(_ root: JSONValue, _ walker: inout SchemaWalker) {
        for later in Self.laterWords where later.since > walker.formatVersion {
            guard let list = root[later.kind.arrayKey], list.kind == .array else { continue }
            for entity in list.elementSequence where entity.kind == .object {
                guard let value = entity[later.key], value.string == later.word else { continue }
                walker.entityID = entity["id"]?.string
                walker.report(.formatVersion, "'\(later.word)' for '\(later.key)' is a format version \(later.since) value, and this file declares version "
                              + "\(walker.formatVersion): `infractl migrate FILE` moves it to version \(Self.formatVersion)", at: value, path: later.key)
            }
        }
        walker.entityID = nil
    }

    /// The entity keys added after version 1, as the note on an older file lists them: "a
    /// datastore's `purpose`, `replication`".
    private static let keysAdded: String = {
        let added = EntityKind.allCases.compactMap { kind -> String? in
            let names = kind.schema.fields.filter { $0.since > 1 }.map { "`\($0.name)`" }
            return names.isEmpty ? nil : "a \(kind.noun)'s " + names.joined(separator: ", ")
        }
        let words = laterWords.map { "a \($0.kind.noun)'s `\($0.key)` `\($0.word)`" }
        return (added + words).joined(separator: "; ")
    }()

    /// Decodes every batch (concurrently when there is more than one) and merges the results in
    /// document order: entities into `inventory`, findings among the walker's.
    private func decode(_ batches: [EntityBatch], into inventory: inout Inventory, walker: inout SchemaWalker) {
        let template = walker
        // Each batch decodes its entities straight into their kind's room, at its own positions.
        let slots = EntitySlots(for: batches)
        let decodeOne = { @Sendable (batch: EntityBatch) -> (stored: Int, walker: SchemaWalker) in
            var batchWalker = template
            batchWalker.startBatch()
            let stored = decodeEntities(batch, into: slots, walker: &batchWalker)
            return (stored, batchWalker)
        }
        let concurrently = decodesConcurrently && batches.map(\.positions.count).reduce(0, +) >= Inventory.concurrencyThreshold
        var results: [(stored: Int, walker: SchemaWalker)?] = concurrently ? batches.mapSideBySide(decodeOne) : batches.map(decodeOne)
        slots.collect(batches, stored: results.map { $0?.stored ?? 0 }, into: &inventory)
        let headerFindings = walker.findings
        var merged: [Finding] = []
        var taken = 0
        for (number, batch) in batches.enumerated() {
            // Taken out of its slot, so each batch's findings are freed once merged.
            guard let result = results[number].take() else { continue }
            merged += headerFindings[taken..<batch.findingsBefore]
            taken = batch.findingsBefore
            merged += result.walker.findings
            walker.countOmitted(result.walker.omittedFindings)
        }
        merged += headerFindings[taken...]
        walker.replaceFindings(with: merged)
    }

    /// The fewest entities a batch decodes with a copy of the schema of its own.
    static let batchOwningSchema = 256

    /// Decodes the entities of `batch` into the slots of their positions, packed at the start of
    /// the batch's stretch; returns how many decoded.
    private func decodeEntities(_ batch: EntityBatch, into slots: EntitySlots, walker: inout SchemaWalker) -> Int {
        let kind = batch.kind
        // This thread's own copy (see `ObjectSchema.copiedStorage`), for a batch long enough that
        // counting references on a shared schema costs more than copying it: in a small file the
        // copy was most of the decoding.
        let schema = batch.positions.count >= Self.batchOwningSchema ? kind.schema.copiedStorage() : kind.schema
        // Its own document object: see `JSONDocument.sharingStorage`.
        var element = JSONValue(document: batch.array.document.sharingStorage(), index: batch.firstIndex)
        var stored = 0
        // The batch's own: see `StringCache`. Kept alive to the end, as the readers do not count it.
        let strings = StringCache(entities: batch.positions.count)
        defer { withExtendedLifetime(strings) {} }
        for index in batch.positions {
            defer { element = JSONValue(document: element.document, index: element.nextIndex) }
            let id = Self.validID(of: element)
            let subject = id.map { FindingSubject.entity(kind, id: $0) } ?? .element(kind, position: index)
            guard element.kind == .object else {
                walker.report(.wrongType, "\(subject) must be an object, found \(element.kind)", at: element)
                continue
            }
            walker.entityID = id
            let positions = walker.validateObject(element, schema, path: [], subject: subject)
            let reader = EntityReader(origin: Origin(value: element, path: ""), schema: schema, positions: positions, id: id, strings: strings)
            checkEntityRules(kind, reader, subject: subject, walker: &walker)
            if slots.store(kind, reader, at: batch.positions.lowerBound + stored) { stored += 1 }
            walker.entityID = nil
        }
        return stored
    }

    /// The id of an entity when it is a valid one: checked on its bytes in the file, so that only a
    /// valid id is made into a string.
    private static func validID(of element: JSONValue) -> String? {
        guard let index = element.document.leadingIDIndex(ofObjectAt: element.index) ?? element.memberIndex(named: "id") else { return nil }
        if let bytes = element.document.verbatimStringBytes(at: index) {
            return Identifier.isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
        }
        return JSONValue(document: element.document, index: index).string.flatMap { Identifier.isValid($0) ? $0 : nil }
    }

    /// Rules about one entity that a per-field schema cannot say.
    private func checkEntityRules(_ kind: EntityKind, _ reader: EntityReader, subject: FindingSubject, walker: inout SchemaWalker) {
        switch kind {
        case .service:
            let serviceKind = reader.choice("kind", Service.Kind.self)
            let placed = reader.value("runsOn").map { $0.kind != .array || $0.count > 0 } ?? false
            if !placed, let serviceKind, serviceKind != .external, reader.value("provider") == nil {
                walker.report(.missingField, "\(subject) is missing required field 'runsOn' (only external services and services a provider runs may leave it out)",
                              at: reader.origin.value)
            }
        case .cluster:
            if let members = reader.value("members"), members.kind == .array, members.count == 0 {
                walker.report(.invalidValue, "'members' of \(subject) is empty: a cluster needs at least one member",
                              at: members, path: "members")
            }
        default:
            break
        }
    }
}

/// A run of consecutive entities of one array, decoded together.
struct EntityBatch {
    /// Entities per batch: enough to amortise a thread hand-over, few enough to share the work.
    static let size = 2048

    let kind: EntityKind
    let array: JSONValue
    /// Positions in the array of the batch's entities.
    let positions: Range<Int>
    /// Tape index of the first entity.
    let firstIndex: Int
    /// How many header findings precede this batch's in document order.
    let findingsBefore: Int

    /// The batches of `array`, in order.
    static func split(_ array: JSONValue, kind: EntityKind, findingsBefore: Int) -> [EntityBatch] {
        var batches: [EntityBatch] = []
        var start = 0
        var startIndex = array.index + 1
        var position = 0
        var cursor = startIndex
        for element in array.elementSequence {
            if position - start == size {
                batches.append(EntityBatch(kind: kind, array: array, positions: start..<position, firstIndex: startIndex, findingsBefore: findingsBefore))
                start = position
                startIndex = cursor
            }
            cursor = element.nextIndex
            position += 1
        }
        if position > start {
            batches.append(EntityBatch(kind: kind, array: array, positions: start..<position, firstIndex: startIndex, findingsBefore: findingsBefore))
        }
        return batches
    }
}

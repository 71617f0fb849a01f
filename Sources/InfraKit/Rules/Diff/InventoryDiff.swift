import InfraJSON
import InfraModel
import InfraTopology

/// What changed between two versions of an inventory: entities added, removed and changed (field by
/// field, each change located), and the findings the change introduces and resolves.
///
/// Pure logic: it reads the two parsed documents and the two lint results, touches no files.
///
/// **Entities** are the elements of the top-level entity arrays, identified by kind and `id`
/// (a waiver, which has no id, by `rule:target`; an element without an id by `hosts[3]`). An
/// entity whose kind changed counts as removed and added.
///
/// **Field paths** use the notation of finding paths, `os.version` and `roles[0]`, with one
/// addition: an array whose elements are all objects carrying a string under one identifying key
/// (`id`, `target`, `host` or `name`, the first that is present and unique in both versions) is
/// matched by that key, written `dependsOn[target=couchdb-cloudant].tls`, so inserting one
/// dependency does not mark every later one changed. A key value other than letters, digits,
/// `.`, `_` and `-` is written as a JSON string (`stages[name="approve release"]`). An array
/// that holds only scalars (`runsOn`, `tags`) is compared whole: one change with both arrays.
///
/// **Values** are compact JSON text as written (numbers keep their literal), absent as nil. Two
/// values are equal when they have the same structure; key order and whitespace do not count.
/// A change is located at its value in NEW, or in OLD when the field was removed. Strings, keys
/// and ids taken from the JSON are redacted (`CredentialScanner.redact`), as everywhere else.
///
/// **Findings** are matched by rule, severity, entity and field path (in the notation above, so a
/// finding on `dependsOn[1].tls` keeps its identity when a dependency is inserted before it) and
/// occurrence, never by file: OLD and NEW are usually different paths. A finding whose severity
/// changed is resolved at the old severity and introduced at the new one. Only reported findings
/// count: a finding a new waiver silences is resolved (and says so), one whose waiver went away
/// is introduced.
public struct InventoryDiff: Sendable {
    /// One version of the inventory with its lint result.
    public struct Side: Sendable {
        public let inventory: Inventory
        /// Findings reported (not suppressed), in report order.
        public let findings: [Finding]
        public let suppressed: [SuppressedFinding]

        public init(inventory: Inventory, findings: [Finding], suppressed: [SuppressedFinding] = []) {
            self.inventory = inventory
            self.findings = findings
            self.suppressed = suppressed
        }
    }

    /// An entity present in only one version.
    public struct EntityReference: Sendable, Equatable {
        public let id: String
        public let kind: EntityKind
        /// Where it starts: in NEW when added, in OLD when removed.
        public let location: Location
    }

    /// One field that differs.
    public struct FieldChange: Sendable, Equatable {
        /// Path inside the entity (or the top level, for inventory fields).
        public let path: String
        /// Compact JSON in OLD; nil when the field was added.
        public let old: String?
        /// Compact JSON in NEW; nil when the field was removed.
        public let new: String?
        /// The value in NEW, or in OLD when the field was removed.
        public let location: Location
    }

    /// An entity present in both versions whose JSON differs.
    public struct EntityChange: Sendable, Equatable {
        public let id: String
        public let kind: EntityKind
        /// Where the entity starts in NEW.
        public let location: Location
        public let changes: [FieldChange]
    }

    /// A finding of OLD that NEW no longer reports.
    public struct ResolvedFinding: Sendable {
        public let finding: Finding
        /// The reason of the waiver that silences it in NEW, when it still occurs there.
        public let waivedBecause: String?
    }

    public var added: [EntityReference] = []
    public var removed: [EntityReference] = []
    public var changed: [EntityChange] = []
    /// Changes to the top-level fields that are not entities: `infractl`, `name`, `description`, `owner`.
    public var inventoryChanges: [FieldChange] = []
    /// Findings of NEW that OLD did not report, in report order.
    public var introduced: [Finding] = []
    /// Findings of OLD that NEW does not report, in report order.
    public var resolved: [ResolvedFinding] = []

    /// The ids, as written, of every entity added, removed or changed; nil when a change is not
    /// confined to entities with an id of their own (a top-level field, a repeated or missing id).
    /// What a failure simulation reads can only differ where these entities are.
    public private(set) var touchedIDs: Set<String>? = []

    public var fieldChangeCount: Int { changed.map(\.changes.count).reduce(inventoryChanges.count, +) }

    /// Whether nothing differs: no entity, no field, no finding.
    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && changed.isEmpty && inventoryChanges.isEmpty && introduced.isEmpty && resolved.isEmpty
    }

    /// The whole comparison: every entity present in both versions is compared field by field
    /// from the two documents.
    public init(old: Side, new: Side) {
        self.init(old: SummarisedVersion(keeping: old), new: new, comparingEvery: true)
    }

    /// The comparison with the version before summarised (`SummarisedVersion`): an entity whose
    /// digest is unchanged is written alike in both versions, and only the others are read again
    /// from OLD's file and compared field by field. The result is that of `init(old:new:)`.
    public init(old: SummarisedVersion, new: Side) {
        self.init(old: old, new: new, comparingEvery: false)
    }

    private init(old: SummarisedVersion, new: Side, comparingEvery: Bool) {
        let newRoot = new.inventory.document?.root
        let newEntities = Self.entities(in: newRoot)
        let newSpans = newRoot.map { SummarisedVersion.spans($0).entities } ?? []
        let newBytes = new.inventory.source.storage
        // Whether some entity of NEW has the identity of OLD's entry at each first position.
        var matched = [Bool](repeating: false, count: old.entries.count)
        // Comparing texts reads both files again: their pages leave the resident set every so often.
        var bytesRead = 0
        for (entity, span) in zip(newEntities, newSpans) {
            guard let position = old.positions[entity.key] else {
                added.append(EntityReference(id: entity.id, kind: entity.kind, location: entity.value.location))
                touch(entity)
                continue
            }
            matched[position] = true
            let entry = old.entries[position]
            // Most entities are unchanged: written alike, they need no field-by-field comparison.
            if !comparingEvery {
                bytesRead += span.end - span.start
                if bytesRead > Self.bytesBetweenReleases {
                    old.releasePages()
                    new.inventory.source.releaseResidentPages()
                    bytesRead = 0
                }
                if old.hasText(entry.span, UnsafeBufferPointer(rebasing: newBytes[span.start..<span.end])) { continue }
            }
            // Read again from bytes that were read as JSON before: it cannot fail.
            guard let before = old.value(entry.span) else { continue }
            var places = OldPlaces(old)
            places.add(before.value, base: before.base)
            var changes: [FieldChange] = []
            Self.compare(before.value, entity.value, path: "", places: places, into: &changes)
            if !changes.isEmpty {
                changed.append(EntityChange(id: entity.id, kind: entity.kind, location: entity.value.location, changes: changes))
                touch(entity)
            }
        }
        for (position, entry) in old.entries.enumerated() where !matched[old.positions[entry.identity] ?? position] {
            removed.append(EntityReference(id: entry.identity.id, kind: entry.identity.kind, location: old.location(at: entry.span.start)))
            touch(entry, in: old)
        }
        added.sort { $0.location < $1.location }
        removed.sort { $0.location < $1.location }
        changed.sort { $0.location < $1.location }
        var places = OldPlaces(old)
        let oldHeader = old.header.compactMap { member -> (String, JSONValue)? in
            guard let piece = old.value(member.span) else { return nil }
            places.add(piece.value, base: piece.base)
            return (member.name, piece.value)
        }
        Self.compare(oldHeader, Self.header(of: newRoot), places: places, into: &inventoryChanges)
        if !inventoryChanges.isEmpty { touchedIDs = nil }

        // Findings are matched through tables: each side's entities by id, each finding by its key.
        let newTable = EntityTable(newEntities, root: newRoot)
        let newBaseKeys = new.findings.map { Self.baseKey($0, in: newTable) }
        let oldKeys = Self.occurrenceKeys(old.findingKeys)
        let newFindingKeys = Self.occurrenceKeys(newBaseKeys)
        let newMatch = Set(newFindingKeys)
        let oldMatch = Set(oldKeys)
        introduced = zip(new.findings, newFindingKeys).filter { !oldMatch.contains($0.1) }.map(\.0)
        let waivers = Dictionary(
            new.suppressed.map { (Self.baseKey($0.finding, in: newTable), $0.reason) },
            uniquingKeysWith: { first, _ in first })
        resolved = zip(old.findings.indices, oldKeys).filter { !newMatch.contains($0.1) }.map { index, _ in
            ResolvedFinding(finding: old.findings[index], waivedBecause: waivers[old.findingKeys[index]])
        }
    }

    /// How many bytes of each file are compared between two releases of their pages.
    private static let bytesBetweenReleases = 32 << 20

    /// A removed entity of OLD touched: its id as written is read again from OLD.
    private mutating func touch(_ entry: SummarisedVersion.Entry, in old: SummarisedVersion) {
        guard entry.identity.kind != .waiver else { return }
        guard !entry.isRepeat, let id = old.value(entry.span)?.value["id"]?.string, !id.isEmpty else {
            touchedIDs = nil
            return
        }
        touchedIDs?.insert(id)
    }

    private mutating func touch(_ entity: Entity) {
        guard entity.kind != .waiver else { return }
        // The id as written (not redacted), unless it names no single entity.
        guard !entity.isRepeat, let id = entity.value["id"]?.string, !id.isEmpty else {
            touchedIDs = nil
            return
        }
        touchedIDs?.insert(id)
    }

    // MARK: Entities

    struct Entity: Sendable {
        let kind: EntityKind
        let id: String
        let value: JSONValue
        /// A second element with the same identity (a structural error).
        var isRepeat = false

        var key: Key { Key(kind: kind, id: id) }
    }

    /// An entity's identity: its kind and id.
    struct Key: Hashable, Sendable {
        let kind: EntityKind
        let id: String
    }

    /// One side's entities by id, the first of each (waivers left out: they are no finding's entity),
    /// so each finding finds its entity in one lookup. Built on the first lookup: only findings whose
    /// field path has an index step look their entity up.
    final class EntityTable {
        let root: JSONValue?
        private let entities: [Entity]
        private lazy var values: [String: JSONValue] = {
            var values: [String: JSONValue] = [:]
            values.reserveCapacity(entities.count)
            for entity in entities where entity.kind != .waiver && values[entity.id] == nil {
                values[entity.id] = entity.value
            }
            return values
        }()

        init(_ entities: [Entity], root: JSONValue? = nil) {
            (self.entities, self.root) = (entities, root)
        }

        subscript(id: String) -> JSONValue? { values[id] }
    }

    /// Every element of every entity array, in document order, with its identity.
    static func entities(in root: JSONValue?) -> [Entity] {
        guard let root, root.kind == .object else { return [] }
        let arrays = firstMembers(root).compactMap { key, array in
            EntityKind(arrayKey: key).flatMap { array.kind == .array ? (key, $0, array) : nil }
        }
        // Identities are per kind, and each kind has one array.
        var result: [Entity] = []
        result.reserveCapacity(arrays.reduce(0) { $0 + $1.2.count })
        for (key, kind, array) in arrays { result += entities(of: array, kind: kind, key: key) }
        return result
    }

    /// The elements of one entity array (`key`, of `kind`), in order, with their identities.
    private static func entities(of array: JSONValue, kind: EntityKind, key: String) -> [Entity] {
        let elements = array.elements
        var result: [Entity] = []
        result.reserveCapacity(elements.count)
        var seen = Set<Key>()
        seen.reserveCapacity(elements.count)
        // How often each repeated identity has occurred: only repeats look here.
        var occurrences: [Key: Int] = [:]
        for (index, element) in elements.enumerated() {
            let identity = Key(kind: kind, id: identity(of: element, kind: kind) ?? "\(key)[\(index)]")
            if seen.insert(identity).inserted {
                result.append(Entity(kind: kind, id: identity.id, value: element))
                continue
            }
            // A repeated id (a structural error) still gets an identity of its own.
            let count = occurrences[identity, default: 1] + 1
            occurrences[identity] = count
            result.append(Entity(kind: kind, id: identity.id + "#\(count)", value: element, isRepeat: true))
        }
        return result
    }

    /// The key `id`, for looking it up without making a string of the name for every entity.
    private static let idKey = Array("id".utf8)

    private static func identity(of element: JSONValue, kind: EntityKind) -> String? {
        if kind == .waiver {
            guard let rule = element["rule"]?.string, let target = element["target"]?.string else { return nil }
            return "\(CredentialScanner.redact(rule)):\(CredentialScanner.redact(target))"
        }
        let document = element.document
        let found = idKey.withUnsafeBufferPointer { key in
            JSONValue.memberIndex(keyBytes: key, inObjectAt: element.index, nodes: document.tape, bytes: document.source.storage)
        }
        guard let found, let id = JSONValue(document: document, index: found).string, !id.isEmpty else { return nil }
        return CredentialScanner.redact(id)
    }

    /// The top level without its entity arrays, as an object-like list of members.
    private static func header(of root: JSONValue?) -> [(String, JSONValue)] {
        guard let root, root.kind == .object else { return [] }
        return firstMembers(root).filter { key, value in
            EntityKind(arrayKey: key) == nil || value.kind != .array
        }
    }

    /// An object's members, the first of each key only (as the decoder reads them).
    private static func firstMembers(_ object: JSONValue) -> [(String, JSONValue)] {
        var seen = Set<String>()
        return object.members.compactMap { member in
            seen.insert(member.name).inserted ? (member.name, member.value) : nil
        }
    }

    // MARK: Field comparison

    /// What is left to compare, next last: two values at a path, or a change already found. The
    /// comparison keeps its own stack, so nesting as deep as `--max-depth` allows costs heap, not
    /// the thread's stack; changes come out in document order all the same.
    private enum Step {
        case values(JSONValue, JSONValue, path: String)
        case change(FieldChange)
    }

    /// Locates OLD's values in OLD's file: a value read again from a piece of the file by where that
    /// piece starts, one of the whole document where it is.
    private struct OldPlaces {
        let old: SummarisedVersion
        /// The start of each piece read again, by its document (kept alive here, so its identity is not reused).
        private var bases: [ObjectIdentifier: (document: JSONDocument, base: Int)] = [:]

        init(_ old: SummarisedVersion) { self.old = old }

        mutating func add(_ value: JSONValue, base: Int) {
            bases[ObjectIdentifier(value.document)] = (value.document, base)
        }

        func location(of value: JSONValue) -> Location {
            old.location(at: (bases[ObjectIdentifier(value.document)]?.base ?? 0) + value.offset)
        }
    }

    private static func compare(_ old: [(String, JSONValue)], _ new: [(String, JSONValue)], places: OldPlaces, into changes: inout [FieldChange]) {
        var steps: [Step] = []
        memberSteps(old, new, prefix: "", places: places, into: &steps)
        run(steps, places: places, into: &changes)
    }

    private static func compare(_ old: JSONValue, _ new: JSONValue, path: String, places: OldPlaces, into changes: inout [FieldChange]) {
        run([.values(old, new, path: path)], places: places, into: &changes)
    }

    /// Works through `initial` in order, each pair of values expanding into the steps below it.
    private static func run(_ initial: [Step], places: OldPlaces, into changes: inout [FieldChange]) {
        var steps = Array(initial.reversed())
        while let step = steps.popLast() {
            switch step {
            case .change(let change):
                changes.append(change)
            case .values(let old, let new, let path):
                var next: [Step] = []
                switch (old.kind, new.kind) {
                case (.object, .object):
                    memberSteps(firstMembers(old), firstMembers(new), prefix: path, places: places, into: &next)
                case (.array, .array):
                    arraySteps(old, new, path: path, places: places, into: &next)
                default:
                    if !equal(old, new) {
                        next.append(.change(FieldChange(path: path, old: compact(old), new: compact(new), location: new.location)))
                    }
                }
                steps += next.reversed()
            }
        }
    }

    private static func memberSteps(_ old: [(String, JSONValue)], _ new: [(String, JSONValue)], prefix: String, places: OldPlaces,
                                    into steps: inout [Step]) {
        let oldValues = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let newKeys = Set(new.map(\.0))
        for (key, value) in new {
            let path = prefix.isEmpty ? CredentialScanner.redact(key) : "\(prefix).\(CredentialScanner.redact(key))"
            // The value of a credential-named key (`password`) is a credential whatever it looks like.
            let credential = CredentialScanner.isCredentialName(key)
            if let before = oldValues[key], credential {
                if !equal(before, value) {
                    steps.append(.change(FieldChange(path: path, old: compact(before, credential: true), new: compact(value, credential: true), location: value.location)))
                }
            } else if let before = oldValues[key] {
                steps.append(.values(before, value, path: path))
            } else {
                steps.append(.change(FieldChange(path: path, old: nil, new: compact(value, credential: credential), location: value.location)))
            }
        }
        for (key, value) in old where !newKeys.contains(key) {
            let path = prefix.isEmpty ? CredentialScanner.redact(key) : "\(prefix).\(CredentialScanner.redact(key))"
            steps.append(.change(FieldChange(path: path, old: compact(value, credential: CredentialScanner.isCredentialName(key)), new: nil,
                                             location: places.location(of: value))))
        }
    }

    private static func arraySteps(_ old: JSONValue, _ new: JSONValue, path: String, places: OldPlaces, into steps: inout [Step]) {
        let oldElements = old.elements
        let newElements = new.elements
        let scalars = (oldElements + newElements).allSatisfy { $0.kind != .object && $0.kind != .array }
        if scalars {
            if !equal(old, new) {
                steps.append(.change(FieldChange(path: path, old: compact(old), new: compact(new), location: new.location)))
            }
            return
        }
        if let key = identifyingKey(for: [oldElements, newElements]) {
            let label = { (element: JSONValue) in "\(path)[\(key)=\(keyText(element[key]?.string ?? ""))]" }
            let oldByKey = Dictionary(oldElements.map { ($0[key]?.string ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            let newKeys = Set(newElements.map { $0[key]?.string ?? "" })
            for element in newElements {
                let value = element[key]?.string ?? ""
                if let before = oldByKey[value] {
                    steps.append(.values(before, element, path: label(element)))
                } else {
                    steps.append(.change(FieldChange(path: label(element), old: nil, new: compact(element), location: element.location)))
                }
            }
            for element in oldElements where !newKeys.contains(element[key]?.string ?? "") {
                steps.append(.change(FieldChange(path: label(element), old: compact(element), new: nil, location: places.location(of: element))))
            }
            return
        }
        for index in 0..<max(oldElements.count, newElements.count) {
            let elementPath = "\(path)[\(index)]"
            switch (index < oldElements.count ? oldElements[index] : nil, index < newElements.count ? newElements[index] : nil) {
            case (let before?, let after?): steps.append(.values(before, after, path: elementPath))
            case (nil, let after?): steps.append(.change(FieldChange(path: elementPath, old: nil, new: compact(after), location: after.location)))
            case (let before?, nil): steps.append(.change(FieldChange(path: elementPath, old: compact(before), new: nil, location: places.location(of: before))))
            case (nil, nil): break
            }
        }
    }

    /// The keys that identify an array's objects, in order of preference.
    static let identifyingKeys = ["id", "target", "host", "name"]

    /// The first identifying key that every element of every array holds as a string, unique within its array.
    private static func identifyingKey(for arrays: [[JSONValue]]) -> String? {
        identifyingKeys.first { key in
            arrays.allSatisfy { elements in
                var seen = Set<String>()
                return elements.allSatisfy { element in
                    guard element.kind == .object, let value = element[key]?.string else { return false }
                    return seen.insert(value).inserted
                }
            }
        }
    }

    /// A key value as written inside `[key=...]`: bare when it is id-like, else a JSON string.
    private static func keyText(_ value: String) -> String {
        let value = CredentialScanner.redact(value)
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-"
        }
        if plain { return value }
        var quoted = ""
        JSONOutput.writeString(value, to: &quoted)
        return quoted
    }

    // MARK: Values

    /// Structural equality: objects by key (first of each), arrays element by element, numbers by their literal.
    /// Iterative, like the comparison.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        var pairs = [(lhs, rhs)]
        while let (left, right) = pairs.popLast() {
            guard left.kind == right.kind else { return false }
            switch left.kind {
            case .null: continue
            case .bool: guard left.bool == right.bool else { return false }
            case .number: guard left.numberText == right.numberText else { return false }
            case .string: guard left.string == right.string else { return false }
            case .array:
                let (leftElements, rightElements) = (left.elements, right.elements)
                guard leftElements.count == rightElements.count else { return false }
                pairs += zip(leftElements, rightElements).reversed()
            case .object:
                let leftMembers = firstMembers(left)
                let rightMembers = Dictionary(firstMembers(right), uniquingKeysWith: { first, _ in first })
                guard leftMembers.count == rightMembers.count else { return false }
                for (key, value) in leftMembers.reversed() {
                    guard let other = rightMembers[key] else { return false }
                    pairs.append((value, other))
                }
            }
        }
        return true
    }

    /// The value as compact JSON: no whitespace, members in document order, numbers as written.
    /// `credential`: the value of a credential-named key, shown only redacted.
    static func compact(_ value: JSONValue, credential: Bool = false) -> String {
        var output = ""
        writeCompact(value, credential: credential, to: &output)
        return output
    }

    /// Iterative, like the comparison: a piece of text, or a value still to write.
    private enum Piece {
        case text(String)
        case value(JSONValue, credential: Bool)
    }

    private static func writeCompact(_ root: JSONValue, credential: Bool = false, to output: inout String) {
        var pieces: [Piece] = [.value(root, credential: credential)]
        while let piece = pieces.popLast() {
            let value: JSONValue
            let credential: Bool
            switch piece {
            case .text(let text):
                output += text
                continue
            case .value(let next, let isCredential):
                (value, credential) = (next, isCredential)
            }
            var next: [Piece] = []
            switch value.kind {
            case .null: output += "null"
            case .bool: output += value.bool == true ? "true" : "false"
            case .number: output += value.numberText ?? "0"
            case .string where credential && value.string?.isEmpty == false:
                JSONOutput.writeString(CredentialScanner.redacted(Array((value.string ?? "").utf8)), to: &output)
            case .string: JSONOutput.writeString(CredentialScanner.redact(value.string ?? ""), to: &output)
            case .array:
                output += "["
                for (index, element) in value.elements.enumerated() {
                    if index > 0 { next.append(.text(",")) }
                    next.append(.value(element, credential: false))
                }
                next.append(.text("]"))
            case .object:
                output += "{"
                for (index, member) in value.members.enumerated() {
                    var key = index > 0 ? "," : ""
                    JSONOutput.writeString(CredentialScanner.redact(member.name), to: &key)
                    next.append(.text(key + ":"))
                    next.append(.value(member.value, credential: CredentialScanner.isCredentialName(member.name)))
                }
                next.append(.text("}"))
            }
            pieces += next.reversed()
        }
    }

    // MARK: Finding identity

    /// Each finding's match key, from its base key (rule, severity, entity and keyed field path) in
    /// the order given, numbered by occurrence.
    private static func occurrenceKeys(_ baseKeys: [String]) -> [String] {
        var occurrences: [String: Int] = [:]
        occurrences.reserveCapacity(baseKeys.count)
        return baseKeys.map { base in
            let occurrence = occurrences[base, default: 0]
            occurrences[base] = occurrence + 1
            return "\(base)\u{1F}\(occurrence)"
        }
    }

    static func baseKey(_ finding: Finding, in table: EntityTable) -> String {
        let path = finding.fieldPath.map { keyedPath($0, entityID: finding.entityID, in: table) } ?? ""
        return [finding.ruleID, finding.severity.rawValue, finding.entityID ?? "", path].joined(separator: "\u{1F}")
    }

    /// A finding's field path with array indices replaced by identifying keys where the array has
    /// one (`dependsOn[1].tls` becomes `dependsOn[target=couchdb-cloudant].tls`); unchanged when
    /// the path cannot be followed in the entity's JSON.
    static func keyedPath(_ path: String, entityID: String?, in inventory: Inventory) -> String {
        let root = inventory.document?.root
        return keyedPath(path, entityID: entityID, in: EntityTable(entities(in: root), root: root))
    }

    private static func keyedPath(_ path: String, entityID: String?, in table: EntityTable) -> String {
        // Without an index step there is nothing to key: the path is kept as it is either way.
        guard path.utf8.contains(UInt8(ascii: "[")) else { return path }
        var current: JSONValue
        if let entityID {
            guard let entity = table[entityID] else { return path }
            current = entity
        } else {
            guard let root = table.root, root.kind == .object else { return path }
            current = root
        }
        guard let steps = parseSteps(path) else { return path }
        var rendered = ""
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return path }
                rendered += rendered.isEmpty ? key : ".\(key)"
                current = next
            case .index(let index):
                guard current.kind == .array, index < current.count else { return path }
                let elements = current.elements
                let element = elements[index]
                if let key = identifyingKey(for: [elements]), let value = element[key]?.string {
                    rendered += "[\(key)=\(keyText(value))]"
                } else {
                    rendered += "[\(index)]"
                }
                current = element
            }
        }
        return rendered
    }

    /// Splits `a.b[2].c` into steps; nil when the text is not a path of that shape.
    private static func parseSteps(_ path: String) -> [PathStep]? {
        var steps: [PathStep] = []
        var scalars = Array(path.unicodeScalars)[...]
        while !scalars.isEmpty {
            if scalars.first == "[" {
                guard let close = scalars.firstIndex(of: "]"),
                      let index = Int(String(String.UnicodeScalarView(scalars[scalars.startIndex + 1..<close]))) else { return nil }
                steps.append(.index(index))
                scalars = scalars[(close + 1)...]
                if scalars.first == "." { scalars = scalars.dropFirst() }
                continue
            }
            let end = scalars.firstIndex { $0 == "." || $0 == "[" } ?? scalars.endIndex
            guard end > scalars.startIndex else { return nil }
            steps.append(.key(String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))))
            scalars = scalars[end...]
            if scalars.first == "." { scalars = scalars.dropFirst() }
        }
        return steps
    }
}

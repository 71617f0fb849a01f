import InfraJSON

/// A step of a field path: a key or an array index.
package enum PathStep {
    case key(String)
    case index(Int)

    package static func render(_ steps: [PathStep]) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// Validates JSON values against field types, collecting structural findings.
package struct SchemaWalker {
    let source: SourceFile
    package private(set) var findings: [Finding] = []
    /// Every declared id: its kind and the offset of its `id` value.
    private(set) var ids = EntityIDs()
    /// The entity being validated, for the findings' `entityID`.
    var entityID: String?
    /// The field path being validated, pushed and popped as the walk descends: rendered only
    /// when a finding needs it, so valid input allocates no paths.
    private var path: [PathStep] = []
    /// Findings beyond this many are counted, not kept: hostile input (a million empty entities)
    /// must not cost a million located findings.
    var maxFindings = Int.max
    /// Whether values are checked by their field's `FieldCheck` before the full walk of their type.
    var usesFieldChecks = true
    /// The format version the file declares: a key of a later version is reported (`FieldSchema.since`).
    var formatVersion = InventoryDecoder.formatVersion
    private(set) var omittedFindings = 0

    package init(source: SourceFile) {
        self.source = source
    }

    /// Readies a copy of a walker (ids collected) to decode one batch of entities on its own.
    mutating func startBatch() {
        findings = []
        omittedFindings = 0
        entityID = nil
        path = []
    }

    /// Adds findings a batch left out (`maxFindings`) to this walker's count.
    mutating func countOmitted(_ count: Int) {
        omittedFindings += count
    }

    /// Sets the findings to the merge of this walker's and its batches', keeping at most `maxFindings`.
    mutating func replaceFindings(with merged: [Finding]) {
        findings = Array(merged.prefix(maxFindings))
        omittedFindings += merged.count - findings.count
    }

    package mutating func report(_ rule: StructuralRule, _ message: String, at value: JSONValue, path: String? = nil,
                                 severity: Severity = .error) {
        guard findings.count < maxFindings else {
            omittedFindings += 1
            return
        }
        findings.append(Finding(ruleID: rule.identifier, severity: severity, message: message,
                                entityID: entityID, fieldPath: path, location: source.location(at: value.offset)))
    }

    private func describe(_ offset: Int) -> String {
        let location = source.location(at: offset)
        return "line \(location.line), column \(location.column)"
    }

    // MARK: Ids

    /// Registers the id of every entity, reporting duplicates at their second use; on every core
    /// for large inventories when `concurrently` (see `EntityIDs.register`).
    mutating func collectIDs(_ root: JSONValue, counts: inout [EntityKind: Int], concurrently: Bool = false) {
        var seenKeys = Set<String>()
        var arrays: [(kind: EntityKind, array: JSONValue)] = []
        for member in root.memberSequence {
            guard seenKeys.insert(member.name).inserted else { continue }
            guard let kind = EntityKind(arrayKey: member.name), member.value.kind == .array else { continue }
            counts[kind, default: 0] += member.value.count
            if kind != .waiver { arrays.append((kind, member.value)) }
        }
        for repeated in ids.register(arrays, concurrently: concurrently) {
            let idValue = repeated.value
            let id = idValue.string ?? ""
            entityID = id
            report(.duplicateID, "duplicate id '\(id)': \(repeated.first.kind.noun) at \(describe(Int(repeated.first.offset))) already uses it (ids are unique across the whole file)",
                   at: idValue, path: "id")
            entityID = nil
        }
    }

    // MARK: Values

    /// Validates an object against `schema`; returns where its fields are, for building the model.
    mutating func validateObject(_ object: JSONValue, _ schema: ObjectSchema, path start: [PathStep], subject: FindingSubject) -> FieldPositions {
        // The path's storage is kept from one entity to the next, not allocated again for each.
        path.removeAll(keepingCapacity: true)
        path += start
        return walkObject(object, schema, subject: subject)
    }

    @discardableResult
    private mutating func walkObject(_ object: JSONValue, _ schema: ObjectSchema, subject: FindingSubject) -> FieldPositions {
        // The object is walked on the tape, its keys and values read as nodes and bytes through
        // their stable addresses: a `JSONValue`, which counts a reference on the document, is made
        // only for a value that needs the full walk or a finding.
        let document = object.document
        let nodes = document.tape
        // Known keys are told apart by their field's bit, so repeating one is seen without comparing
        // keys; only unknown keys (rare) are compared with each other, in `reportDuplicates`.
        var seen: UInt64 = 0
        var positions = FieldPositions()
        var unknownKeys: [JSONValue] = []
        var present = 0
        var expected = 0
        var keyIndex = object.index + 1
        for _ in 0..<object.count {
            let valueIndex = keyIndex + 1
            let valueNode = nodes[valueIndex]
            defer { keyIndex = valueNode.isContainer ? Int(valueNode.end) : valueIndex + 1 }
            let found = document.verbatimStringBytes(at: keyIndex).map { schema.fieldIndex(ofBytes: $0, expected: expected) }
                ?? schema.fieldIndex(of: JSONValue(document: document, index: keyIndex))
            guard let fieldIndex = found else {
                let key = JSONValue(document: document, index: keyIndex)
                let name = key.string ?? ""
                unknownKeys.append(key)
                path.append(.key(name))
                let suggestion = Suggestion.clause(for: name, among: schema.fields.map(\.name))
                report(.unknownKey, "unknown key '\(PathStep.render(path))' in \(subject)\(suggestion)",
                       at: key, path: PathStep.render(path))
                path.removeLast()
                continue
            }
            expected = fieldIndex + 1
            if schema.laterFields & 1 << fieldIndex != 0 { checkVersion(of: schema.fields[fieldIndex], key: keyIndex, in: document, subject: subject) }
            if seen & 1 << fieldIndex != 0 {
                let key = JSONValue(document: document, index: keyIndex)
                path.append(.key(schema.fields[fieldIndex].name))
                let first = object.memberSequence.first { schema.fieldIndex(of: $0.key) == fieldIndex }?.key ?? key
                reportDuplicate(key, first: first, subject: subject)
                path.removeLast()
            }
            seen |= 1 << fieldIndex
            positions.record(field: fieldIndex, at: valueIndex)
            if schema.exactlyOneOfFields & 1 << fieldIndex != 0 { present += 1 }
            let check = usesFieldChecks ? schema.check(fieldIndex) : FieldCheck.none
            if check.isList {
                if valueNode.kind == .array {
                    walkList(at: valueIndex, in: document, check, schema: schema, field: fieldIndex, subject: subject)
                    continue
                }
            } else if check.code == .object {
                if valueNode.kind == .object, let nested = check.schema {
                    path.append(.key(schema.fields[fieldIndex].name))
                    _ = nested._withUnsafeGuaranteedRef { walkObject(JSONValue(document: document, index: valueIndex), $0, subject: subject) }
                    path.removeLast()
                    continue
                }
            } else if accepts(check, at: valueIndex, in: document, schema: schema) {
                // Most values: nothing to report, so the field is not copied out of the schema nor
                // its key pushed on the path.
                continue
            }
            // The full walk, which reports what is wrong.
            let field = schema.fields[fieldIndex]
            path.append(.key(field.name))
            walk(JSONValue(document: document, index: valueIndex), field.type, subject: subject)
            path.removeLast()
        }
        if unknownKeys.count > 1 { reportDuplicates(among: unknownKeys, subject: subject) }
        // Compared as bit sets first: going through the fields copies each one.
        if seen & schema.requiredFields != schema.requiredFields {
            for (fieldIndex, field) in schema.fields.enumerated() where field.isRequired && seen & 1 << fieldIndex == 0 {
                report(.missingField, "\(subject) is missing required field '\(PathStep.render(path + [.key(field.name)]))'",
                       at: object, path: PathStep.render(path))
            }
        }
        if schema.exactlyOneOfFields != 0, present != 1 {
            let names = schema.exactlyOneOf.map { "'\($0)'" }.joined(separator: ", ")
            report(.invalidValue, "'\(PathStep.render(path))' of \(subject) must have exactly one of \(names), found \(present)",
                   at: object, path: PathStep.render(path))
        }
        return positions
    }

    /// Walks the array at tape index `index`, the value of the list field at `field` of `schema`
    /// whose elements `check` checks: as `walk` does, element by element, each element the check
    /// does not accept walked in full.
    private mutating func walkList(at index: Int, in document: JSONDocument, _ check: FieldCheck, schema: ObjectSchema,
                                   field: Int, subject: FindingSubject) {
        let nodes = document.tape
        var element = index + 1
        var pushed = false
        for position in 0..<Int(nodes[index].count) {
            let node = nodes[element]
            defer { element = node.isContainer ? Int(node.end) : element + 1 }
            if check.code != .object, accepts(check, at: element, in: document, schema: schema) { continue }
            // The field's key goes on the path once, for the first element that needs it.
            if !pushed {
                path.append(.key(schema.fields[field].name))
                pushed = true
            }
            path.append(.index(position))
            if check.code == .object, node.kind == .object, let nested = check.schema {
                _ = nested._withUnsafeGuaranteedRef { walkObject(JSONValue(document: document, index: element), $0, subject: subject) }
            } else if case .list(let elementType) = schema.fields[field].type {
                walk(JSONValue(document: document, index: element), elementType, subject: subject)
            }
            path.removeLast()
        }
        if pushed { path.removeLast() }
    }

    /// Whether the value at tape index `index` passes `check` (for a list, as one element) with
    /// nothing to report. False when it does not, or when only the full walk can tell (escaped
    /// strings, fractions, long numbers, the kinds `FieldCheck` leaves to it): a false here costs
    /// time, a wrong true a missed finding.
    private func accepts(_ check: FieldCheck, at index: Int, in document: JSONDocument, schema: ObjectSchema) -> Bool {
        let node = document.tape[index]
        switch check.code {
        case .text:
            return node.kind == .string
        case .boolean:
            return node.kind == .bool
        case .integer:
            guard let (magnitude, negative) = document.shortInteger(at: index, maxDigits: 18) else { return false }
            return check.range.contains(negative ? -magnitude : magnitude)
        case .number:
            // Short integer literals are exact in a Double, as `JSONValue.double` reads them.
            guard let (magnitude, negative) = document.shortInteger(at: index, maxDigits: 15) else { return false }
            return (negative ? -Double(magnitude) : Double(magnitude)) >= check.minimum
        case .choice:
            // Byte for byte one of the words; anything else (an escape, another normalisation) is
            // left to the full walk's comparison of strings.
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            return schema.isWord(bytes, among: check.words)
        case .openChoice:
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            return !bytes.isEmpty
        case .identifier:
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            return Identifier.isValid(bytes)
        case .reference:
            guard let bytes = document.verbatimStringBytes(at: index), let target = ids.entry(for: bytes) else { return false }
            return check.kinds & target.kind.bit != 0
        case .referenceOrLiteral:
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            guard let target = ids.entry(for: bytes) else { return true }
            return check.kinds & target.kind.bit != 0
        case .duration:
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            return Duration(utf8: bytes) != nil
        case .date:
            guard let bytes = document.verbatimStringBytes(at: index) else { return false }
            return Day(utf8: bytes) != nil
        case .object, .other:
            return false
        }
    }

    /// Reports every key of `object` that repeats an earlier one, at the repeat.
    package mutating func checkDuplicateKeys(_ object: JSONValue, subject: FindingSubject, path: [PathStep] = []) {
        let saved = self.path
        self.path = path
        reportDuplicates(among: object.memberSequence.map(\.key), subject: subject)
        self.path = saved
    }

    /// Reports each of `keys` (in document order) that repeats an earlier one.
    private mutating func reportDuplicates(among keys: [JSONValue], subject: FindingSubject) {
        guard keys.count > 1 else { return }
        // Few keys: comparing raw key bytes pairwise beats hashing strings. Many keys (hostile
        // input) get a dictionary, so the check stays linear.
        // Keys are compared as UTF-8 bytes, never by canonical equivalence (NFC and NFD differ).
        var firstByName: [[UInt8]: JSONValue] = [:]
        if keys.count > 32 {
            for key in keys.reversed() { firstByName[Array((key.string ?? "").utf8)] = key }
        }
        for (position, key) in keys.enumerated().dropFirst() {
            let earlier = keys.count > 32
                ? firstByName[Array((key.string ?? "").utf8)].flatMap { $0.offset < key.offset ? $0 : nil }
                : keys[..<position].first { $0.hasSameStringBytes(as: key) }
            guard let first = earlier else { continue }
            path.append(.key(key.string ?? ""))
            reportDuplicate(key, first: first, subject: subject)
            path.removeLast()
        }
    }

    /// Reports `key` as a repeat of `first`; the path already ends with the key.
    /// Reports a key the file's format version does not have yet; its value is still read.
    private mutating func checkVersion(of field: FieldSchema, key: Int, in document: JSONDocument, subject: FindingSubject) {
        guard field.since > formatVersion else { return }
        path.append(.key(field.name))
        let rendered = PathStep.render(path)
        path.removeLast()
        report(.formatVersion, "'\(rendered)' in \(subject) is a format version \(field.since) key, and this file declares version \(formatVersion): "
               + "`infractl migrate FILE` moves it to version \(InventoryDecoder.formatVersion)", at: JSONValue(document: document, index: key), path: rendered)
    }

    private mutating func reportDuplicate(_ key: JSONValue, first: JSONValue, subject: FindingSubject) {
        let rendered = PathStep.render(path)
        report(.duplicateKey, "duplicate key '\(rendered)' in \(subject) (first at \(describe(first.offset))); the first value is used",
               at: key, path: rendered)
    }

    package mutating func validate(_ value: JSONValue, _ type: FieldType, path start: [PathStep], subject: FindingSubject) {
        path = start
        walk(value, type, subject: subject)
    }

    private mutating func walk(_ value: JSONValue, _ type: FieldType, subject: FindingSubject) {
        func rendered() -> String { PathStep.render(path) }
        func wrongType(_ walker: inout SchemaWalker) {
            walker.report(.wrongType, "'\(PathStep.render(walker.path))' of \(subject) must be \(type.expectation), found \(value.kind)",
                          at: value, path: PathStep.render(walker.path))
        }
        switch type {
        case .text:
            guard value.kind == .string else { return wrongType(&self) }
        case .boolean:
            guard value.kind == .bool else { return wrongType(&self) }
        case .version:
            return  // the format version is checked before the walk
        case .integer(let range):
            guard value.kind == .number else { return wrongType(&self) }
            guard let number = value.int else {
                // A whole number too large for 64 bits is out of range, not fractional.
                let problem = value.isIntegerLiteral ? "is out of range:" : "must be a whole number, found"
                return report(.invalidValue, "'\(rendered())' of \(subject) \(problem) \(value.numberText ?? "?")",
                              at: value, path: rendered())
            }
            if !range.contains(number) {
                report(.invalidValue, "'\(rendered())' of \(subject) is \(number), outside \(range.lowerBound)-\(range.upperBound)",
                       at: value, path: rendered())
            }
        case .number(let minimum):
            guard value.kind == .number else { return wrongType(&self) }
            guard let number = value.double, number.isFinite else {
                return report(.invalidValue, "'\(rendered())' of \(subject) is out of range: \(value.numberText ?? "?")",
                              at: value, path: rendered())
            }
            if number < minimum {
                report(.invalidValue, "'\(rendered())' of \(subject) is \(value.numberText ?? "?"), below the minimum \(minimum.formatted)",
                       at: value, path: rendered())
            }
        case .choice(let allowed):
            guard let text = value.string else { return wrongType(&self) }
            if !allowed.contains(text) {
                let suggestion = Suggestion.clause(for: text, among: allowed)
                report(.invalidEnum, "'\(rendered())' of \(subject) is '\(text)', which is not one of \(allowed.joined(separator: ", "))\(suggestion)",
                       at: value, path: rendered())
            }
        case .openChoice:
            guard let text = value.string else { return wrongType(&self) }
            if text.isEmpty {
                report(.invalidValue, "'\(rendered())' of \(subject) must not be empty", at: value, path: rendered())
            }
        case .identifier:
            guard let text = value.string else { return wrongType(&self) }
            if !Identifier.isValid(text) {
                report(.invalidID, "\(invalidIDMessage(text)) in \(subject)", at: value, path: rendered())
            }
        case .reference(let kinds):
            guard value.kind == .string else { return wrongType(&self) }
            if let target = declaration(of: value), kinds.contains(target.kind) { return }
            reportReference(value, kinds, subject: subject)
        case .referenceOrLiteral(let kinds):
            guard value.kind == .string else { return wrongType(&self) }
            // Not an id at all: a literal address or host name.
            if let target = declaration(of: value), !kinds.contains(target.kind) {
                reportReference(value, kinds, subject: subject)
            }
        case .duration:
            guard let text = value.string else { return wrongType(&self) }
            if Duration(parsing: text) == nil {
                report(.invalidDuration, "'\(rendered())' of \(subject) is '\(text)', which is not a duration: write a whole number and one unit, as in \"30s\", \"15m\", \"4h\", \"7d\" or \"12w\"",
                       at: value, path: rendered())
            }
        case .date:
            guard let text = value.string else { return wrongType(&self) }
            if Day(parsing: text) == nil {
                report(.invalidDate, "'\(rendered())' of \(subject) is '\(text)', which is not a real day written YYYY-MM-DD",
                       at: value, path: rendered())
            }
        case .schedule:
            guard let text = value.string else { return wrongType(&self) }
            if case .failure(let error) = Schedule.parseRemembered(text) {
                report(.invalidSchedule, "'\(rendered())' of \(subject): \(error.message)", at: value, path: rendered())
            }
        case .list(let element):
            guard value.kind == .array else { return wrongType(&self) }
            let plainKind = element.plainKind
            for (index, item) in value.elementSequence.enumerated() {
                if let plainKind, item.kind == plainKind { continue }
                self.path.append(.index(index))
                walk(item, element, subject: subject)
                self.path.removeLast()
            }
        case .object(let schema):
            guard value.kind == .object else { return wrongType(&self) }
            walkObject(value, schema, subject: subject)
        case .durationOrObject(let schema):
            switch value.kind {
            case .string: walk(value, .duration, subject: subject)
            case .object: walkObject(value, schema, subject: subject)
            default: wrongType(&self)
            }
        }
    }

    /// The declaration of the id a string value names, if any.
    private func declaration(of value: JSONValue) -> EntityIDs.Entry? {
        ids.entry(named: value)
    }

    /// Reports a reference to no entity, or to an entity of none of `kinds`.
    private mutating func reportReference(_ value: JSONValue, _ kinds: [EntityKind], subject: FindingSubject) {
        let id = value.string ?? ""
        let path = PathStep.render(self.path)
        let expected = kinds.count == EntityKind.allCases.count - 1 ? "an entity" : Self.orList(kinds.map(\.noun))
        guard let target = declaration(of: value) else {
            let suggestion = Suggestion.clause(for: id, among: ids.ids(of: kinds))
            report(.danglingReference, "'\(path)' of \(subject) refers to '\(id)', but no entity has that id (expected \(article(expected)))\(suggestion)",
                   at: value, path: path)
            return
        }
        if !kinds.contains(target.kind) {
            report(.wrongReferenceKind, "'\(path)' of \(subject) refers to \(target.kind.noun) '\(id)', but must refer to \(article(expected))",
                   at: value, path: path)
        }
    }

    private func invalidIDMessage(_ text: String) -> String {
        if text.isEmpty { return "empty id" }
        if text.utf8.count > Identifier.maxLength {
            return "id of \(text.utf8.count) bytes is longer than \(Identifier.maxLength)"
        }
        let hint = Identifier.isValid(text.lowercased()) ? "; did you mean '\(text.lowercased())'?" : ""
        return "invalid id '\(text)': use lowercase letters, digits, '.', '_' and '-'\(hint)"
    }

    private func article(_ nounPhrase: String) -> String {
        if nounPhrase.hasPrefix("an ") { return nounPhrase }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (nounPhrase.first.map { vowels.contains($0) } ?? false ? "an " : "a ") + nounPhrase
    }

    private static func orList(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension Double {
    /// Without a trailing ".0" for whole numbers.
    package var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

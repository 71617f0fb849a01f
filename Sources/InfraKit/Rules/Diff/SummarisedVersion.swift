#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import InfraJSON
import InfraModel
import InfraTopology

/// The version before a change, as far as `InventoryDiff` reads it once the version after is
/// loaded: its reported findings with their match keys, and for each entity its identity and where
/// its text is in the file. `diff` loads, lints and summarises OLD and lets its document, model and
/// rule context go before it loads NEW, so the two are never in memory together. An entity of NEW
/// whose text has the same bytes as in OLD is unchanged; another is read again from OLD's bytes and
/// compared field by field (the file stays mapped, its pages out of the resident set until touched).
public struct SummarisedVersion: Sendable {
    /// Where an element's text is: its place on the tape of the whole document, and its bytes.
    struct Span: Sendable {
        let index: Int
        let start: Int
        let end: Int
    }

    /// One entity: identity and span. `identity` as `InventoryDiff` names it (kind and id).
    struct Entry: Sendable {
        let identity: InventoryDiff.Key
        let isRepeat: Bool
        let span: Span
    }

    /// Where OLD's values come from when they are needed again.
    private enum Values: Sendable {
        /// The parsed document (nil when there is none), kept (`init(keeping:)`).
        case document(JSONDocument?)
        /// Pieces of the file, parsed again one entity at a time.
        case file(JSONReader)
    }

    public let path: String
    public let name: String?
    /// Findings reported, in report order, and each one's match key without its occurrence.
    let findings: [Finding]
    let findingKeys: [String]
    /// Every element of every entity array, in document order.
    let entries: [Entry]
    /// The first entry with each identity.
    let positions: [InventoryDiff.Key: Int]
    /// The top-level members that are not entity arrays, the first of each name.
    let header: [(name: String, span: Span)]
    /// What the topology delta needs of this version.
    public let topology: TopologyDelta.Before
    private let values: Values
    private let source: SourceFile

    /// `side` summarised; its document and model are not kept. Changed entities are read again
    /// from `side`'s file with `loader`'s reader, and the topology delta loads the file again only
    /// when a change reaches what the failure model reads.
    public init(_ side: InventoryDiff.Side, loader: InventoryLoader) {
        let source = side.inventory.source
        self.init(side, values: .file(loader.reader), topology: TopologyDelta.Before(side.inventory) {
            try? loader.load(source).get().0
        })
        // Summarising read every entity's id again; nothing reads most of the file after.
        source.releaseResidentPages()
    }

    /// `side` summarised with its document and model kept: entities are compared from the document,
    /// never from re-read bytes (the whole comparison that `InventoryDiff(old:new:)` makes).
    init(keeping side: InventoryDiff.Side) {
        let inventory = side.inventory
        self.init(side, values: .document(inventory.document),
                  topology: TopologyDelta.Before(inventory) { inventory })
    }

    private init(_ side: InventoryDiff.Side, values: Values, topology: TopologyDelta.Before) {
        let inventory = side.inventory
        let root = inventory.document?.root
        (path, name, self.values, self.topology, source) = (inventory.path, inventory.name, values, topology, inventory.source)
        let entities = InventoryDiff.entities(in: root)
        let table = InventoryDiff.EntityTable(entities, root: root)
        findings = side.findings
        findingKeys = side.findings.map { InventoryDiff.baseKey($0, in: table) }
        let spans: (entities: [Span], header: [(name: String, span: Span)]) = root.map(Self.spans) ?? ([], [])
        let entries = zip(entities, spans.entities).map { entity, span in Entry(identity: entity.key, isRepeat: entity.isRepeat, span: span) }
        var positions: [InventoryDiff.Key: Int] = [:]
        positions.reserveCapacity(entries.count)
        // Last to first, so the first entry with an identity is the one left.
        for position in entries.indices.reversed() { positions[entries[position].identity] = position }
        (self.entries, self.positions, header) = (entries, positions, spans.header)
    }

    // MARK: Reading again

    /// The value of `span` and where its piece of the file starts (0: in the whole document).
    func value(_ span: Span) -> (value: JSONValue, base: Int)? {
        switch values {
        case .document(let document):
            return document.map { (JSONValue(document: $0, index: span.index), 0) }
        case .file(let reader):
            let piece = SourceFile(path: source.path, bytes: Array(source.storage[span.start..<span.end]))
            // The bytes were read as JSON with the whole file, so they read again.
            guard let document = try? reader.read(piece) else { return nil }
            return (document.root, span.start)
        }
    }

    /// Where a byte of OLD's file is.
    func location(at offset: Int) -> Location {
        source.location(at: offset)
    }

    /// Whether the text of `span` in OLD is `bytes`, byte for byte.
    func hasText(_ span: Span, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard span.end - span.start == bytes.count else { return false }
        guard let mine = source.storage.baseAddress, let theirs = bytes.baseAddress else { return true }
        return memcmp(mine + span.start, theirs, bytes.count) == 0
    }

    /// Lets the pages of OLD's file read since the last call leave the resident set again.
    func releasePages() {
        source.releaseResidentPages()
    }

    // MARK: Spans

    /// The spans of every entity array's elements (in `InventoryDiff.entities` order) and of the
    /// other top-level members (the first of each name). A value's text ends where the whitespace
    /// and comma before the next value (or the closing bracket around it) begin.
    static func spans(_ root: JSONValue) -> (entities: [Span], header: [(name: String, span: Span)]) {
        guard root.kind == .object else { return ([], []) }
        let bytes = root.document.source.storage
        let members = root.members
        let rootClose = trimmedEnd(before: bytes.count, in: bytes, comma: false) - 1
        var entities: [Span] = [], header: [(name: String, span: Span)] = []
        var seen = Set<String>()
        for (position, member) in members.enumerated() {
            let next = position + 1 < members.count ? members[position + 1].key.offset : rootClose
            let value = member.value
            let span = Span(index: value.index, start: value.offset, end: trimmedEnd(before: next, in: bytes, comma: position + 1 < members.count))
            guard seen.insert(member.name).inserted else { continue }
            guard EntityKind(arrayKey: member.name) != nil, value.kind == .array else {
                header.append((member.name, span))
                continue
            }
            let elements = value.elements
            for (index, element) in elements.enumerated() {
                let last = index + 1 == elements.count
                let end = trimmedEnd(before: last ? span.end - 1 : elements[index + 1].offset, in: bytes, comma: !last)
                entities.append(Span(index: element.index, start: element.offset, end: end))
            }
        }
        return (entities, header)
    }

    /// `position` moved back over JSON whitespace, and with `comma` over one comma and the
    /// whitespace before it.
    private static func trimmedEnd(before position: Int, in bytes: UnsafeBufferPointer<UInt8>, comma: Bool) -> Int {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var position = position
        while position > 0, isSpace(bytes[position - 1]) { position -= 1 }
        if comma, position > 0, bytes[position - 1] == UInt8(ascii: ",") {
            position -= 1
            while position > 0, isSpace(bytes[position - 1]) { position -= 1 }
        }
        return position
    }
}

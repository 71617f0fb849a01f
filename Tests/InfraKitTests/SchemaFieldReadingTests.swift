import Testing
@testable import InfraJSON
@testable import InfraModel

/// Readers that go through an entity's schema give what reading by name gives: fields found by the
/// address of a key written in the source (`ObjectSchema.fieldIndex(of:)`, `LiteralFieldCache`),
/// and the paths of nested values taken from the schema.
@Suite("Reading fields through the schema")
struct SchemaFieldReadingTests {
    /// Keys the model types read, keys of no schema, and one key every schema has.
    static let keys: [StaticString] = ["id", "environment", "provider", "zone", "roles", "os", "size", "addresses", "accounts",
                                       "managedBy", "logRotation", "kind", "runsOn", "members", "target", "retention",
                                       "schedule", "engine", "description", "tags", "missing", "", "Zone", "environmenT"]

    @Test func keysFoundByAddressAreTheFieldsOfTheirNames() {
        // Each schema asked twice, so the second answer comes from what the first remembered; a
        // fresh copy starts with nothing remembered.
        let schemas = EntityKind.allCases.flatMap { [$0.schema, $0.schema.copiedStorage()] }
        for schema in schemas {
            for round in 0..<3 {
                for key in Self.keys {
                    #expect(schema.fieldIndex(of: key) == schema.fieldIndex(named: key.description), "\(key) in \(schema.name), round \(round)")
                }
            }
        }
    }

    @Test func threadsSharingASchemaFindTheSameFields() async {
        let schema = EntityKind.service.schema.copiedStorage()
        let expected = Self.keys.map { schema.fieldIndex(named: $0.description) }
        let answers = await withTaskGroup(of: [Int?].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).flatMap { _ in Self.keys.map { schema.fieldIndex(of: $0) } } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for answer in answers {
            #expect(answer == Array((0..<200).map { _ in expected }.joined()))
        }
    }

    @Test func moreAddressesThanSlotsAreNeverMistaken() {
        // Addresses that crowd the table past full, some of them neighbours; each either answers
        // its own field or is not remembered, never another's.
        let cache = LiteralFieldCache()
        let addresses = (1...200).map { UInt($0) * 0x1000 } + (1...40).map { 0x7FFF_0000 + UInt($0) }
        for (number, address) in addresses.enumerated() {
            #expect(cache.field(at: address) == nil)
            cache.remember(number % FieldPositions.capacity, at: address)
        }
        var remembered = 0
        for (number, address) in addresses.enumerated() {
            if let field = cache.field(at: address) {
                #expect(field == number % FieldPositions.capacity, "\(address)")
                remembered += 1
            }
        }
        // The table is full: as many remembered as it has slots, the rest looked up the long way.
        #expect(remembered == 64)
        #expect(cache.field(at: 0x5) == nil)
        // Remembering again changes nothing.
        cache.remember(3, at: addresses[0])
        #expect(cache.field(at: addresses[0]) == 0)
    }

    /// The document's top-level object walked as a host: where the walk found each field.
    static func walkedHost(_ document: JSONDocument) -> (root: JSONValue, schema: ObjectSchema, positions: FieldPositions) {
        var walker = SchemaWalker(source: document.source)
        let schema = EntityKind.host.schema
        return (document.root, schema, walker.validateObject(document.root, schema, path: [], subject: "a host"))
    }

    @Test func nestedValuesReadThroughTheSchemaKeepTheirPaths() throws {
        // The paths of objects and list elements take the schema's name of the field: the same
        // text as the key's, with and without positions, for a key written with escapes too.
        let document = try JSONReader().read(path: "paths.json", text: #"""
        {"id": "web-1", "os": {"name": "ubuntu"}, "acc\u006funts": [{"name": "a"}, 3, {"name": "b"}], "size": {"cpus": 2}}
        """#)
        let (root, schema, positions) = Self.walkedHost(document)
        let fast = EntityReader(origin: Origin(value: root, path: ""), schema: schema, positions: positions)
        let plain = EntityReader(origin: Origin(value: root, path: ""))
        for reader in [fast, plain] {
            #expect(reader.object("os") { $0.origin.path } == "os")
            #expect(reader.object("size") { $0.origin.path } == "size")
            #expect(reader.list("accounts") { $0.origin.path } == ["accounts[0]", "accounts[2]"])
            #expect(reader.list("accounts") { $0.string("name") } == ["a", "b"])
            #expect(reader.object("\("os")") { $0.origin.path } == "os")
        }
    }

    @Test func elementPathsMadeOnceMatchThoseMadeForEachElement() throws {
        // Lists shorter and longer than the paths the schema keeps, with elements the builder skips;
        // a reader with a path of its own makes its elements' paths.
        let accounts = (0..<(ObjectSchema.rememberedElementPaths * 2 + 1)).map { $0 % 3 == 1 ? "7" : #"{"name": "a\#($0)"}"# }
        let document = try JSONReader().read(path: "lists.json", text: #"{"id": "web-1", "accounts": ["# + accounts.joined(separator: ", ") + "]}")
        let (root, schema, positions) = Self.walkedHost(document)
        let fast = EntityReader(origin: Origin(value: root, path: ""), schema: schema, positions: positions)
        let plain = EntityReader(origin: Origin(value: root, path: ""))
        let expected = accounts.indices.filter { $0 % 3 != 1 }.map { "accounts[\($0)]" }
        #expect(fast.list("accounts") { $0.origin.path } == expected)
        #expect(plain.list("accounts") { $0.origin.path } == expected)
        let nested = EntityReader(origin: Origin(value: root, path: "parent"), schema: schema, positions: positions)
        #expect(nested.list("accounts") { $0.origin.path } == expected.map { "parent." + $0 })
        #expect(schema.elementPaths[try #require(schema.fieldIndex(named: "accounts"))].count == ObjectSchema.rememberedElementPaths)
        #expect(schema.elementPaths[try #require(schema.fieldIndex(named: "zone"))].isEmpty)
    }
}

import Testing
@testable import InfraJSON
@testable import InfraModel

/// How the model reads an entity: fields found by name or at the positions the schema walk found,
/// by keys written in the source or made at run time; strings redacted, remembered and read from
/// their bytes; choices, durations and days; the paths of nested values.
@Suite("Entity reader")
struct EntityReaderTests {
    @Test func fieldLookupByWordsMatchesComparingNames() throws {
        // Names of every length up to past the words' reach, and names sharing heads, tails and lengths.
        var names = (1...20).map { String(repeating: "k", count: $0) }
        names += ["environment", "environmenu", "fnvironment", "managedBy", "memoryGiB", "a", "b", "ab", "ba",
                  "abcd", "abce", "abcdefgh", "abcdefgi", "abcdefghijklmnopq", "abcdefghXjklmnopq", "abcdefghijklmnopqrstu"]
        names = Array(Set(names)).sorted()
        let fields = names.map { FieldSchema.optional($0, "a test key", .text) }
        var schemas: [ObjectSchema] = []
        for start in stride(from: 0, to: fields.count, by: FieldPositions.capacity) {
            schemas.append(ObjectSchema("test", Array(fields[start..<min(start + FieldPositions.capacity, fields.count)])))
        }
        schemas += EntityKind.allCases.map(\.schema)
        let probes = names + ["", "c", "kk ", "abcdefghijklmnopr", "abcdefghijklmnoPq", "environmenT", "Environment", "é", "kkkkkkkkkkkkkkkkkkkkk"]
        for schema in schemas {
            for probe in probes + schema.fields.map(\.name) {
                let plain = schema.fields.firstIndex { Array($0.name.utf8) == Array(probe.utf8) }
                #expect(schema.fieldIndex(named: probe) == plain, "\(probe) in \(schema.name)")
            }
        }
    }

    @Test func fieldsReadAtTheirPositionsMatchReadingThemByName() throws {
        // Repeated keys (the first is used), keys written with escapes, unknown and missing keys.
        let document = try JSONReader().read(path: "hosts.json", text: #"""
        [{"id": "web-1", "environment": "prod", "provider": "aws", "zone": "a", "zone": "b",
          "roles": ["web"], "os": {"name": "ubuntu"}, "m\u0061nagedBy": "chef", "extra": 1},
         {"environment": "staging", "id": "web-2", "logRotation": true, "logRotation": false, "tags": []},
         {}]
        """#)
        let schema = EntityKind.host.schema
        for element in document.root.elements {
            var walker = SchemaWalker(source: document.source)
            let positions = walker.validateObject(element, schema, path: [], subject: "a host")
            let origin = Origin(value: element, path: "")
            let fast = EntityReader(origin: origin, schema: schema, positions: positions)
            let plain = EntityReader(origin: origin)
            for field in schema.fields {
                #expect(fast.value("\(field.name)")?.index == plain.value("\(field.name)")?.index, "\(field.name)")
            }
            #expect(fast.string("managedBy") == plain.string("managedBy"))
            #expect(Host(fast)?.zone == Host(plain)?.zone)
            #expect(Host(fast)?.logRotation == Host(plain)?.logRotation)
        }
        let first = EntityReader(origin: Origin(value: document.root.elements[0], path: ""))
        #expect(first.string("zone") == "a")
        #expect(first.string("managedBy") == "chef")
    }

    @Test func stringsPrefilteredOnTheirBytesAreRedactedAsBefore() throws {
        let texts = ["web", "", "abc", "key AKIAIOSFODNN7EXAMPLE", "DB_PASSWORD=hunter2go", "token: 'Zx9Qw8Er7Ty6Ui5Op4As3Df2'",
                     "a long sentence with words only", "café", "DB_PASSWORD=hunter2go\\n", "\\u0041KIAIOSFODNN7EXAMPLE"]
        let members = texts.enumerated().map { "\"k\($0.offset)\": \"\($0.element)\"" }.joined(separator: ", ")
        let list = texts.map { "\"\($0)\"" }.joined(separator: ", ")
        let document = try JSONReader().read(path: "strings.json", text: "{" + members + ", \"all\": [" + list + "]}")
        let reader = EntityReader(origin: Origin(value: document.root, path: ""))
        for index in texts.indices {
            let value = try #require(document.root["k\(index)"])
            #expect(reader.string("k\(index)") == value.string.map(CredentialScanner.redact), "\(texts[index])")
        }
        #expect(reader.strings("all") == document.root["all"]?.elements.compactMap { $0.string.map(CredentialScanner.redact) })
        #expect(reader.string("k4")?.contains("hunter2go") == false)
    }

    @Test func keysWrittenInTheSourceFindWhatKeysMadeAtRunTimeFind() throws {
        // Static keys are looked up by their bytes, keys made at run time as strings; with and without
        // a schema's positions, single-character and non-ASCII keys, escaped keys in the file.
        let document = try JSONReader().read(path: "keys.json", text: #"""
        {"id": "web-1", "environment": "prod", "provider": "aws", "zone": "z\u0031", "os": {"name": "ubuntu", "n\u0061me": "x"},
         "a": "one", "é": "two", "": "empty", "roles": ["web", "db"]}
        """#)
        let root = document.root
        var walker = SchemaWalker(source: document.source)
        let positions = walker.validateObject(root, EntityKind.host.schema, path: [], subject: "a host")
        let fast = EntityReader(origin: Origin(value: root, path: ""), schema: EntityKind.host.schema, positions: positions)
        let plain = EntityReader(origin: Origin(value: root, path: ""))
        for reader in [fast, plain] {
            let zone = "zone"
            #expect(reader.string("zone") == "z1" && reader.string("\(zone)") == "z1")
            #expect(reader.string("a") == "one" && reader.string("é") == "two" && reader.string("") == "empty")
            #expect(reader.string("\("a")") == "one" && reader.string("\("é")") == "two")
            #expect(reader.strings("roles") == ["web", "db"])
            #expect(reader.object("os") { $0.string("name") } == "ubuntu")
            #expect(reader.object("os") { $0.origin.path } == "os")
            #expect(reader.string("missing") == nil && reader.object("zone") { _ in 1 } == nil)
        }
    }

    @Test func listElementsKeepTheirPaths() throws {
        let document = try JSONReader().read(path: "list.json", text: #"{"items": [{"n": 1}, 2, {"n": 3}]}"#)
        let reader = EntityReader(origin: Origin(value: document.root, path: "parent"))
        let paths = reader.list("items") { $0.origin.path }
        #expect(paths == ["parent.items[0]", "parent.items[2]"])
    }

    /// A choice read by the reader from every word of `T`, its near misses and other text, against
    /// reading the string and converting it.
    static func checkChoices<T: ByteChoice>(_ type: T.Type) throws {
        let words = T.allCases.map(\.rawValue)
        // The reader's shortcut rests on this: the redaction leaves every word as it is.
        for word in words { #expect(CredentialScanner.redact(word) == word, "\(word)") }
        var texts = words
        for word in words {
            texts += [String(word.dropLast()), word + "x", word.uppercased(), " " + word, word.replacing("a", with: "\\u0061"),
                      word.replacing("e", with: "é")]
        }
        texts += ["", "\\u0041KIAIOSFODNN7EXAMPLE", "ｍanual"]
        let members = texts.enumerated().map { "\"k\($0.offset)\": \"\($0.element)\"" }.joined(separator: ", ")
        let document = try JSONReader().read(path: "choices.json", text: "{" + members + ", \"n\": 3}")
        let reader = EntityReader(origin: Origin(value: document.root, path: ""))
        for index in texts.indices {
            let plain = reader.string("k\(index)").flatMap(T.init(rawValue:))
            #expect(reader.choice("k\(index)", T.self)?.rawValue == plain?.rawValue, "\(texts[index])")
        }
        #expect(reader.choice("n", T.self) == nil)
        #expect(reader.choice("missing", T.self) == nil)
        #expect(words.allSatisfy { word in var word = word; return word.withUTF8 { T.byteTable.choice($0) }?.rawValue == word })
    }

    @Test func choicesToldFromBytesMatchTheirStrings() throws {
        try Self.checkChoices(Host.Management.self)
        try Self.checkChoices(Service.Kind.self)
        try Self.checkChoices(Service.Supervisor.self)
        try Self.checkChoices(Datastore.StorageModel.self)
        try Self.checkChoices(Datastore.Compaction.self)
        try Self.checkChoices(Pipeline.StageKind.self)
        try Self.checkChoices(Pipeline.Strategy.self)
        try Self.checkChoices(Monitor.Kind.self)
        try Self.checkChoices(Channel.self)
        try Self.checkChoices(Secret.Storage.self)
        try Self.checkChoices(Cluster.Role.self)
        try Self.checkChoices(Cluster.Consensus.self)
        try Self.checkChoices(Environment.Kind.self)
        // Escaped words still read, through the string.
        let document = try JSONReader().read(path: "escaped.json", text: #"{"m": "m\u0061nual", "k": "load\u002dbalancer"}"#)
        let reader = EntityReader(origin: Origin(value: document.root, path: ""))
        #expect(reader.choice("m", Host.Management.self) == .manual)
        #expect(reader.choice("k", Service.Kind.self) == .loadBalancer)
    }

    @Test func durationsAndDaysReadFromBytesMatchTheirStrings() throws {
        let texts = ["4h", "90d", "0s", "12345678901w", "123456789012w", "4H", "h", "", "4h\\u0301", "\\u0034h", "٤h",
                     "2024-02-29", "2023-02-29", "2026-06-15", "2026-06-1\\u0035", "AKIAIOSFODNN7EXAMPLE", "DB_PASSWORD=hunter2go"]
        let members = texts.enumerated().map { "\"k\($0.offset)\": \"\($0.element)\"" }.joined(separator: ", ")
        let document = try JSONReader().read(path: "times.json", text: "{" + members + ", \"n\": 3}")
        let reader = EntityReader(origin: Origin(value: document.root, path: ""))
        for index in texts.indices {
            #expect(reader.duration("k\(index)") == reader.string("k\(index)").flatMap(Duration.init(parsing:)), "\(texts[index])")
            #expect(reader.day("k\(index)") == reader.string("k\(index)").flatMap(Day.init(parsing:)), "\(texts[index])")
        }
        #expect(reader.duration("k0") == Duration(seconds: 14_400))
        #expect(reader.duration("k9") == Duration(seconds: 14_400))
        #expect(reader.day("k14") == Day(year: 2026, month: 6, day: 15))
        #expect(reader.duration("n") == nil && reader.day("n") == nil)
    }

    @Test func elementPathsMatchJoiningTheirPieces() {
        for base in ["", "a", "accounts", "dependsOn", "trafficManager.pools", "café.ünïcode-path-longer-than-fifteen"] {
            for index in [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 12_345, 99_999_999, Int.max] {
                #expect(EntityReader.elementPath(base, index) == base + "[" + String(index) + "]")
            }
        }
    }

    @Test func cachedStringsAreTheStringsTheirBytesMake() {
        // Repeats at other addresses, strings sharing heads, tails and lengths, empty, long and
        // credential-like ones, and more distinct strings than slots, so that slots are taken over.
        var texts = ["", "a", "prod", "prod ", " prod", "aws-us-east-1", "aws-us-west-1", "abcdefghijklmnopqrstuvwxyz",
                     "abcdefghXjklmnopqrstuvwxyz", "DB_PASSWORD=hunter2go", "key AKIAIOSFODNN7EXAMPLE", "café", "cafe\u{301}"]
        texts += (0..<5_000).map { "host-\($0 % 300)" } + (0..<3_000).map { "svc-\($0)" }
        texts += texts.reversed()
        let file = Array(texts.joined().utf8)
        var spans: [Range<Int>] = []
        for text in texts { spans.append((spans.last?.upperBound ?? 0)..<(spans.last?.upperBound ?? 0) + text.utf8.count) }
        let make = { (bytes: UnsafeBufferPointer<UInt8>) in CredentialScanner.redact(String(decoding: bytes, as: UTF8.self)) }
        file.withUnsafeBufferPointer { file in
            let cache = StringCache()
            var made = 0
            for (text, span) in zip(texts, spans) {
                let bytes = UnsafeBufferPointer(rebasing: file[span])
                let cached = cache.string(bytes) { made += 1; return make($0) }
                #expect(cached == CredentialScanner.redact(text), "\(text)")
                #expect(Array(cached.utf8) == Array(make(bytes).utf8))
            }
            // Repeats were taken from the cache, not made again.
            #expect(made < texts.count * 3 / 4)
            #expect(made >= Set(texts).count)
        }
    }
}

/// Reading fields through the entity's schema: keys written in the source, nested values' paths.
extension EntityReaderTests {
    /// Keys the model types read, keys of no schema, and one key every schema has.
    static let keys: [StaticString] = ["id", "environment", "provider", "zone", "roles", "os", "size", "addresses", "accounts",
                                       "managedBy", "logRotation", "kind", "runsOn", "members", "target", "retention",
                                       "schedule", "engine", "description", "tags", "missing", "", "Zone", "environmenT"]

    @Test func keysWrittenInTheSourceNameTheFieldsOfTheirNames() {
        for schema in EntityKind.allCases.map(\.schema) {
            for key in Self.keys {
                #expect(schema.fieldIndex(of: key) == schema.fieldIndex(named: key.description), "\(key) in \(schema.name)")
            }
        }
        #expect(EntityKind.host.schema.fieldIndex(of: "zone") != nil && EntityKind.host.schema.fieldIndex(of: "Zone") == nil)
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

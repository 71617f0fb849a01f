import Testing
@testable import InfraJSON
@testable import InfraModel

/// The decoder's id table (`EntityIDs`): every id found as itself and nothing else, repeats
/// answered with their first declaration, ids registered side by side as on one thread, and
/// `IDBytesKey` reading only an id's bytes.
@Suite("Entity ids")
struct EntityIDsTests {
    /// Every id of `arrays`' elements inserted one by one in document order, as `register` must
    /// behave: the repeats ("tape index, kind and offset of the first") and the table.
    private static func plainRegistration(_ arrays: [(kind: EntityKind, array: JSONValue)]) -> (EntityIDs, [String]) {
        var table = EntityIDs()
        var repeats: [String] = []
        for (kind, array) in arrays {
            for element in array.elements {
                guard let value = element["id"], var id = value.string, Identifier.isValid(id) else { continue }
                if let first = id.withUTF8({ table.insert($0, kind: kind, offset: value.offset) }) {
                    repeats.append("\(value.index) \(first.kind) \(first.offset)")
                }
            }
        }
        return (table, repeats)
    }

    private static func describe(_ repeats: [EntityIDs.Repeat]) -> [String] {
        repeats.map { "\($0.value.index) \($0.first.kind) \($0.first.offset)" }
    }

    /// Elements of many shapes: ids first, later or missing; nested objects and arrays (whose
    /// own `id` members are not entities' ids) at several depths; elements that are not objects;
    /// ids with escapes, invalid ones, repeats within an array and across arrays.
    private static func element(_ number: Int, prefix: String) -> String {
        switch number % 13 {
        case 0: #"{"id": "\#(prefix)-\#(number)", "tags": ["a", "b", {"id": "nested-\#(number)"}]}"#
        case 1: #"{"name": "x", "os": {"id": "os-\#(number)", "version": [1, [2, [3]]]}, "id": "\#(prefix)-\#(number)"}"#
        case 2: #"{"id": "\#(prefix)-\#(number - 2)"}"#
        case 3: #"{"id": "sh\u0061red-\#(number % 50)", "deep": {"a": {"b": {"id": "deep-\#(number)"}}}}"#
        case 4: #"{"id": "shared-\#(number % 50)"}"#
        case 5: #"{"id": "Not-Valid-\#(number)"}"#
        case 6: #"{"name": "no id", "more": [{"id": "inner-\#(number)"}]}"#
        case 7: #"[{"id": "in-an-array-\#(number)"}]"#
        case 8: #""a string""#
        case 9: "{}"
        case 10: #"{"id": 12}"#
        case 11: #"{"id": "\#(prefix)-long-id-past-sixteen-bytes-\#(number)", "id": "second-\#(number)"}"#
        default: #"{"id": "\#(prefix)-\#(number)", "x": null, "y": true, "z": 1.5}"#
        }
    }

    private static func document(hosts: Int, services: Int) throws -> (JSONDocument, [(kind: EntityKind, array: JSONValue)]) {
        let hostElements = (0..<hosts).map { element($0, prefix: "host") }
        let serviceElements = (0..<services).map { element($0, prefix: $0 % 3 == 0 ? "host" : "svc") }
        let text = #"{"environments": [], "hosts": ["# + hostElements.joined(separator: ",") + #"], "services": ["#
            + serviceElements.joined(separator: ", ") + #"], "jobs": [{"id": "job-1"}]}"#
        let document = try JSONReader().read(path: "ids.json", text: text)
        let arrays = document.root.members.compactMap { member in EntityKind(arrayKey: member.name).map { (kind: $0, array: member.value) } }
        return (document, arrays)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 11, 29, 64, 1_000, IDChunk.defaultSize])
    func anyChunkSizeRegistersAsInsertingOneByOne(nodesPerChunk: Int) throws {
        let (_, arrays) = try Self.document(hosts: 700, services: 400)
        let (plain, plainRepeats) = Self.plainRegistration(arrays)
        var table = EntityIDs()
        let repeats = table.register(arrays, concurrently: false, nodesPerChunk: nodesPerChunk)
        #expect(Self.describe(repeats) == plainRepeats)
        #expect(plainRepeats.count > 100)
        #expect(table.count == plain.count)
        let kinds = EntityKind.allCases
        let ids = plain.ids(of: kinds)
        #expect(table.ids(of: kinds) == ids)
        for id in ids {
            var text = id
            let (mine, theirs) = text.withUTF8 { (table.entry(for: $0), plain.entry(for: $0)) }
            #expect(mine?.kind == theirs?.kind && mine?.offset == theirs?.offset, "\(id)")
        }
        // Only the entities' own ids: none of the nested objects' or arrays'.
        #expect(table["nested-0"] == nil && table["os-1"] == nil && table["deep-3"] == nil && table["inner-6"] == nil)
        #expect(table["in-an-array-7"] == nil && table["second-11"] == nil)
        #expect(table["host-11"] == nil && table["host-long-id-past-sixteen-bytes-11"] == .host)
        #expect(table["shared-3"] == .host && table["job-1"] == .job)
    }

    @Test func registeredSideBySideInSmallChunksMatchesOneThread() throws {
        // Long enough to be registered on every core.
        let (_, arrays) = try Self.document(hosts: 5_000, services: 3_000)
        let (plain, plainRepeats) = Self.plainRegistration(arrays)
        for nodesPerChunk in [7, 500, IDChunk.defaultSize] {
            var table = EntityIDs()
            let repeats = table.register(arrays, concurrently: true, nodesPerChunk: nodesPerChunk)
            #expect(Self.describe(repeats) == plainRepeats, "\(nodesPerChunk)")
            #expect(table.count == plain.count)
            #expect(table.ids(of: [.host, .service]) == plain.ids(of: [.host, .service]))
        }
    }

    @Test func keyReadsOnlyTheIdsBytes() {
        // The same id among different neighbouring bytes, at every alignment: the same key, whose
        // head is the id's first 16 bytes with zeros after its end.
        let text = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for length in 1...40 {
            let id = Array(text[3..<3 + length])
            var expectedHead = [UInt8](repeating: 0, count: 16)
            expectedHead.replaceSubrange(0..<min(16, length), with: id.prefix(16))
            var keys: [IDBytesKey] = []
            for padding in 0..<9 {
                for filler in [UInt8(0), 0xFF, UInt8(ascii: "a")] {
                    let buffer = [UInt8](repeating: filler, count: padding) + id + [UInt8](repeating: filler, count: 9)
                    let key = buffer.withUnsafeBufferPointer { IDBytesKey(UnsafeBufferPointer(rebasing: $0[padding..<padding + length])) }
                    var head = key.head
                    let headBytes = withUnsafeBytes(of: &head) { Array($0) }
                    #expect(headBytes == expectedHead, "\(length)")
                    keys.append(key)
                }
            }
            #expect(Set(keys.map(\.hash)).count == 1, "\(length)")
        }
    }

    @Test func keysOfSimilarIdsDiffer() {
        // Ids that differ in one byte, anywhere: their hashes differ, and so mostly do their slots
        // and tags (the low and the high 32 bits), and both halves of the table are used.
        var ids = (0..<20_000).map { "host-\($0)" }
        ids += (0..<2_000).map { String(repeating: "a", count: 30) + "-\($0)" }
        let keys = ids.map { id in
            var id = id
            return id.withUTF8 { IDBytesKey($0) }
        }
        #expect(Set(keys.map(\.hash)).count == ids.count)
        // 22,000 keys in 65,536 slots: about 18,700 slots taken if the low bits spread like random ones.
        #expect(Set(keys.map { $0.hash & 0xFFFF }).count > 17_000)
        #expect(Set(keys.map { UInt64(bitPattern: Int64($0.hash)) >> 32 }).count > ids.count - 5)
        let upper = keys.filter { $0.hash & 1 << 31 != 0 }.count
        #expect(upper > ids.count / 3 && upper < ids.count * 2 / 3)
    }

    @Test func idTableFindsEveryIdAndNothingElse() {
        var table = EntityIDs()
        let kinds = EntityKind.allCases.filter { $0 != .waiver }
        for number in 0..<20_000 {
            var id = "entity-\(number)"
            let earlier = id.withUTF8 { table.insert($0, kind: kinds[number % kinds.count], offset: number * 10) }
            #expect(earlier == nil)
        }
        #expect(table.count == 20_000)
        for number in stride(from: 0, to: 20_000, by: 7) {
            #expect(table["entity-\(number)"] == kinds[number % kinds.count])
        }
        #expect(table["entity-20000"] == nil)
        #expect(table["entity-"] == nil)
        #expect(table[""] == nil)
        // A repeat gives back the first declaration, which stays.
        var again = "entity-42"
        let first = again.withUTF8 { table.insert($0, kind: .job, offset: 1) }
        #expect(first?.offset == 420)
        #expect(table["entity-42"] == kinds[42 % kinds.count])
        #expect(table.ids(of: [.host]).count == (0..<20_000).filter { kinds[$0 % kinds.count] == .host }.count)
    }

    @Test func referencesWrittenWithEscapesResolve() throws {
        let result = try InfraKitTests.decode(#"""
        {"infractl": 2, "name": "x",
         "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws"}],
         "hosts": [{"id": "h\u006fst-1", "environment": "\u0070rod", "provider": "aws"}],
         "services": [{"id": "web", "kind": "web", "environment": "prod", "runsOn": ["host-1", "h\u006fst-2"]}]}
        """#)
        #expect(result.findings.map(\.ruleID) == ["dangling-reference"], "\(result.findings.map(\.message))")
        #expect(result.findings.first?.message.contains("'host-2'") == true)
        #expect(result.inventory.ids["host-1"] == .host)
    }

    @Test func idsAroundSixteenBytesAndSharingTheirHeadsAreTold() {
        var table = EntityIDs()
        var declared: [String: (kind: EntityKind, offset: Int)] = [:]
        let kinds = EntityKind.allCases.filter { $0 != .waiver }
        var ids: [String] = []
        for length in 1...40 {
            for variant in 0..<30 {
                // The variant changes the last bytes only: ids of one length share all the rest.
                let suffix = String(variant)
                ids.append(String(repeating: "a", count: max(0, length - suffix.count)) + suffix)
            }
        }
        ids += (0..<3_000).map { "a-long-common-prefix-\($0)" }
        ids.append(String(repeating: "x", count: Identifier.maxLength))
        for (number, id) in ids.enumerated() where declared[id] == nil {
            var text = id
            let kind = kinds[number % kinds.count]
            let earlier = text.withUTF8 { table.insert($0, kind: kind, offset: number) }
            #expect(earlier == nil, "\(id)")
            declared[id] = (kind, number)
        }
        #expect(table.count == declared.count)
        for (id, first) in declared {
            #expect(table[id] == first.kind, "\(id)")
            var text = id
            let again = text.withUTF8 { table.insert($0, kind: .job, offset: -1) }
            #expect(again?.offset == UInt32(first.offset) && again?.kind == first.kind && again?.length == UInt8(id.utf8.count), "\(id)")
        }
        #expect(table.count == declared.count)
        for missing in ["", "b", "a-long-common-prefix-", "a-long-common-prefix-3000", "a-long-common-prefix-12x",
                        String(repeating: "a", count: 17), String(repeating: "x", count: Identifier.maxLength - 1)] {
            #expect(table[missing] == nil, "\(missing)")
        }
        #expect(table.ids(of: [.host]).sorted() == declared.filter { $0.value.kind == .host }.keys.sorted())
    }

    @Test func idsRegisteredSideBySideMatchOneThread() throws {
        // Repeats within a kind, across kinds and written with escapes, invalid and missing ids,
        // in arrays long enough to be registered on every core.
        let hosts = (0..<6_000).map { number -> String in
            switch number % 500 {
            case 7: #"{"id": "host-\#(number - 1)"}"#
            case 8: #"{"id": "h\u006fst-\#(number - 2)"}"#
            case 9: #"{"id": "Not-Valid"}"#
            case 10: #"{"name": "no id"}"#
            case 11: #"["not an object"]"#
            default: #"{"id": "host-\#(number)"}"#
            }
        }
        let services = (0..<3_000).map { number in number % 300 == 5 ? #"{"id": "host-\#(number)"}"# : #"{"id": "svc-\#(number)"}"# }
        let text = #"{"hosts": ["# + hosts.joined(separator: ",") + #"], "services": ["# + services.joined(separator: ",") + "]}"
        let document = try JSONReader().read(path: "ids.json", text: text)
        let arrays = document.root.members.compactMap { member in EntityKind(arrayKey: member.name).map { (kind: $0, array: member.value) } }
        var alone = EntityIDs()
        var together = EntityIDs()
        let repeatsAlone = alone.register(arrays, concurrently: false)
        let repeatsTogether = together.register(arrays, concurrently: true)
        let describe = { (repeats: [EntityIDs.Repeat]) in repeats.map { "\($0.value.index) \($0.first.kind) \($0.first.offset)" } }
        #expect(describe(repeatsTogether) == describe(repeatsAlone))
        #expect(repeatsAlone.count == 12 * 2 + 10)
        #expect(together.count == alone.count)
        #expect(together.ids(of: [.host, .service]) == alone.ids(of: [.host, .service]))
        #expect(together["host-5"] == .host)
        #expect(together["svc-4"] == .service)
        #expect(together["svc-5"] == nil)
        // The plain way: insert one by one in document order.
        var plain = EntityIDs()
        var plainRepeats: [String] = []
        for (kind, array) in arrays {
            for element in array.elements {
                guard let value = element["id"], var id = value.string,
                      Identifier.isValid(id) else { continue }
                if let first = id.withUTF8({ plain.insert($0, kind: kind, offset: value.offset) }) {
                    plainRepeats.append("\(value.index) \(first.kind) \(first.offset)")
                }
            }
        }
        #expect(describe(repeatsTogether) == plainRepeats)
        #expect(plain.count == together.count)
    }
}

import Testing
@testable import InfraModel

/// The id table keeps an id's first 16 bytes in its slot and compares the rest from its bytes: ids
/// of every length around that boundary, and long ids that share their first 16 bytes, are found
/// as themselves and nothing else, across growth of the table.
struct IDTableTests {
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
}

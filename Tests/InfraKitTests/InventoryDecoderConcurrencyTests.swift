import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel

/// A large inventory decoded on every core gives what one thread gives: the same model, the same
/// findings in document order, the same first findings when only some are kept.
@Suite("Inventory decoder on every core")
struct InventoryDecoderConcurrencyTests {
    /// A large inventory with structural mistakes spread over every batch: hosts with a wrong type,
    /// an unknown key, a dangling reference, a repeated id and a repeated key.
    static func largeInventory(hosts: Int) -> String {
        var entries: [String] = []
        for number in 0..<hosts {
            var fields = [#""id": "host-\#(number)""#, #""environment": "prod""#, #""provider": "aws""#]
            switch number % 997 {
            case 1: fields.append(#""roles": "web""#)
            case 2: fields.append(#""zoen": "a""#)
            case 3: fields[2] = #""provider": "awz""#
            case 4: fields[0] = #""id": "host-\#(number - 1)""#
            case 5: fields.append(#""provider": "aws""#)
            default: break
            }
            entries.append("{" + fields.joined(separator: ", ") + "}")
        }
        let services = (0..<hosts / 4).map { #"{"id": "svc-\#($0)", "kind": "web", "environment": "prod", "runsOn": ["host-\#($0 * 4)", "host-gone-\#($0)"]}"# }
        return """
        {"infractl": 2, "name": "large",
         "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws"}],
         "hosts": [\(entries.joined(separator: ",\n"))],
         "services": [\(services.joined(separator: ",\n"))]}
        """
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.location) \(finding.ruleID) \(finding.message)"
    }

    static func decode(_ text: String, concurrently: Bool, maxFindings: Int = .max) throws -> (inventory: Inventory, findings: [Finding], omitted: Int) {
        let document = try JSONReader().read(path: "large.json", text: text)
        var decoder = InventoryDecoder()
        decoder.decodesConcurrently = concurrently
        decoder.maxFindings = maxFindings
        return decoder.decodeLimited(document)
    }

    @Test func concurrentDecodingGivesTheSingleThreadedResult() throws {
        let text = Self.largeInventory(hosts: 4_500)
        let alone = try Self.decode(text, concurrently: false)
        let together = try Self.decode(text, concurrently: true)
        // The same findings in the same order, the same entities in the same order.
        #expect(together.findings.map(Self.line) == alone.findings.map(Self.line))
        #expect(together.inventory.hosts.map(\.id) == alone.inventory.hosts.map(\.id))
        #expect(together.inventory.services.map(\.id) == alone.inventory.services.map(\.id))
        #expect(together.inventory.hosts.count > 4_450)
        // Every kind of mistake planted is found, in batches far from the first.
        let rules = Set(together.findings.map(\.ruleID))
        #expect(rules.isSuperset(of: ["wrong-type", "unknown-key", "dangling-reference", "duplicate-id", "duplicate-key"]))
        #expect(together.findings.contains { $0.location.line > 4_000 })
    }

    @Test func concurrentDecodingKeepsTheSameFirstFindings() throws {
        let text = Self.largeInventory(hosts: 4_500)
        let all = try Self.decode(text, concurrently: true).findings.count
        for limit in [1, 40] {
            let alone = try Self.decode(text, concurrently: false, maxFindings: limit)
            let together = try Self.decode(text, concurrently: true, maxFindings: limit)
            #expect(together.findings.count == limit)
            #expect(together.findings.map(Self.line) == alone.findings.map(Self.line))
            #expect(together.omitted == alone.omitted)
            #expect(together.omitted + limit == all)
        }
    }

    @Test func entitiesThatFailToDecodeLeaveNoGapsAtBatchEdges() throws {
        // Hosts that decode to nothing (no provider, not an object, an invalid id) at the first and
        // last positions of batches and in their middles; every host that decodes keeps its own fields.
        let failing: Set<Int> = [0, 5, EntityBatch.size - 1, EntityBatch.size, EntityBatch.size + 1,
                                 2 * EntityBatch.size - 1, 2 * EntityBatch.size + 700, 5_199]
        var entries: [String] = []
        for number in 0..<5_200 {
            switch failing.contains(number) ? number % 3 : nil {
            case 0: entries.append(#"{"id": "host-\#(number)", "environment": "prod", "zone": "z\#(number)"}"#)
            case 1: entries.append(#"["host-\#(number)"]"#)
            case 2: entries.append(#"{"id": "Host-\#(number)", "environment": "prod", "provider": "aws"}"#)
            default: entries.append(#"{"id": "host-\#(number)", "environment": "prod", "provider": "aws", "zone": "z\#(number)"}"#)
            }
        }
        let services = (0..<2_100).map { number in
            number % 1_000 == 999 ? #"{"id": "svc-\#(number)", "environment": "prod"}"#
                : #"{"id": "svc-\#(number)", "kind": "external", "environment": "prod", "runtime": {"name": "r\#(number)"}}"#
        }
        let text = """
        {"infractl": 2, "name": "gaps",
         "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws"}],
         "hosts": [\(entries.joined(separator: ",\n"))],
         "unknown": true,
         "services": [\(services.joined(separator: ",\n"))],
         "waivers": [{"rule": "r", "target": "host-1", "reason": "x"}, {"rule": "r"}, {"rule": "s", "target": "svc-1", "reason": "y"}]}
        """
        let expectedHosts = (0..<5_200).filter { !failing.contains($0) }.map { "host-\($0)" }
        let expectedServices = (0..<2_100).filter { $0 % 1_000 != 999 }.map { "svc-\($0)" }
        for concurrently in [false, true] {
            let (inventory, findings, _) = try Self.decode(text, concurrently: concurrently)
            #expect(inventory.hosts.map(\.id) == expectedHosts)
            #expect(inventory.hosts.allSatisfy { $0.zone == "z" + $0.id.dropFirst("host-".count) })
            #expect(inventory.hosts.allSatisfy { $0.origin.value["id"]?.string == $0.id })
            #expect(inventory.services.map(\.id) == expectedServices)
            #expect(inventory.services.allSatisfy { $0.runtime?.name == "r" + $0.id.dropFirst("svc-".count) })
            #expect(inventory.waivers.map(\.target) == ["host-1", "svc-1"])
            #expect(inventory.environments.map(\.id) == ["prod"])
            // Findings in document order: the hosts', then the unknown key between the arrays, then the services'.
            let locations = findings.map(\.location)
            #expect(locations == locations.sorted())
            #expect(findings.count == failing.count + 2 + 1 + 2)
        }
    }
}

import Foundation
import Testing
@testable import InfraTopology
@testable import InfraRules

/// `diff` simulates only the failures a change can reach, and none when the change is outside
/// what the failure model reads; these tests hold that to simulating every host and provider.
struct TopologyDeltaTests {
    /// One change to a random topology: the first occurrence of `from` becomes `to`.
    static let changes: [(from: String, to: String)] = [
        (#""kind": "web""#, #""kind": "worker""#),              // not read by the failure model
        (#""tool": "prometheus""#, #""tool": "datadog""#),      // not read either
        (#""zone": "z0""#, #""zone": "z1""#),                    // a host's zone
        (#""provider": "p0", "zone""#, #""provider": "p1", "zone""#), // a host's provider
        (#""environment": "prod", "kind": "web""#, #""environment": "staging", "kind": "web""#),
        (#""dependsOn": [{"target": "s0"}]"#, #""dependsOn": []"#),
        (#""runsOn": ["h1"]"#, #""runsOn": ["h1", "h2"]"#),
        (#""consensus": "majority""#, #""consensus": "none""#),
        (#"{"host": "h0"}"#, #"{"host": "h0", "role": "standby"}"#),
        (#""hosting": {"host": "h0"}"#, #""hosting": {"host": "h1"}"#),
        (#""id": "h1", "#, #""id": "h1-renamed", "#),                 // a host removed (and another added)
    ]

    @Test(arguments: 0..<120)
    func aChangeIsSimulatedWhereItCanMatterAndTheResultIsTheWholeComparison(seed: Int) throws {
        let text = NMinusOneCountingTests.randomInventory(UInt64(seed))
        let old = try decode(text).inventory
        for change in Self.changes {
            guard let range = text.range(of: change.from) else { continue }
            let new = try decode(text.replacingCharacters(in: range, with: change.to)).inventory
            let diff = InventoryDiff(old: InventoryDiff.Side(inventory: old, findings: []), new: InventoryDiff.Side(inventory: new, findings: []))
            let reached = TopologyDelta(old: old, new: new, touched: diff.touchedIDs)
            let everything = TopologyDelta(old: old, new: new, touched: nil)
            #expect(reached.failures == everything.failures, "seed \(seed): \(change.from) -> \(change.to)")
            #expect(reached.quorum == everything.quorum, "seed \(seed): \(change.from) -> \(change.to)")
        }
    }

    @Test func aFieldTheFailureModelDoesNotReadLeavesNothingToSimulate() throws {
        let text = NMinusOneCountingTests.randomInventory(3)
        let old = try decode(text).inventory
        let range = try #require(text.range(of: #""kind": "web""#))
        let new = try decode(text.replacingCharacters(in: range, with: #""kind": "worker""#)).inventory
        let touched = InventoryDiff(old: .init(inventory: old, findings: []), new: .init(inventory: new, findings: [])).touchedIDs
        #expect(touched?.count == 1)
        #expect(TopologyDelta.readByTheFailureModel(try #require(touched), old: old, new: new).isEmpty)
        let zone = try #require(text.range(of: #""zone": "z0""#))
        let moved = try decode(text.replacingCharacters(in: zone, with: #""zone": "z1""#)).inventory
        let movedTouched = InventoryDiff(old: .init(inventory: old, findings: []), new: .init(inventory: moved, findings: [])).touchedIDs
        #expect(TopologyDelta.readByTheFailureModel(try #require(movedTouched), old: old, new: moved) == movedTouched)
    }

    /// The changes above do change failures: the comparison is not of two empty lists.
    @Test func theChangesChangeWhatFailuresDo() throws {
        var changing = 0, skipped = 0
        for seed in 0..<60 {
            let text = NMinusOneCountingTests.randomInventory(UInt64(seed))
            let old = try decode(text).inventory
            for change in Self.changes {
                guard let range = text.range(of: change.from) else { continue }
                let new = try decode(text.replacingCharacters(in: range, with: change.to)).inventory
                let diff = InventoryDiff(old: .init(inventory: old, findings: []), new: .init(inventory: new, findings: []))
                if !TopologyDelta(old: old, new: new, touched: nil).failures.isEmpty { changing += 1 }
                if let touched = diff.touchedIDs, TopologyDelta.readByTheFailureModel(touched, old: old, new: new).isEmpty { skipped += 1 }
            }
        }
        #expect(changing > 40)
        #expect(skipped > 40)
    }
}

import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules
@testable import InfraOutput

/// `diff` summarises OLD (`SummarisedVersion`) and lets it go before loading NEW; these tests hold
/// the summarised diff to the whole comparison of the two parsed versions on random edits.
struct SummarisedDiffTests {
    static func side(_ text: String, path: String) throws -> InventoryDiff.Side {
        let linter = Linter(options: LintOptions(settings: RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))))
        let report = InventoryLoader().validate([SourceFile(path: path, text: text)], linter: linter)
        let inventory = try #require(report.files.first?.inventory)
        return InventoryDiff.Side(inventory: inventory, findings: report.findings, suppressed: report.suppressed)
    }

    static let entityArrays = ["hosts", "clusters", "services", "datastores", "monitors", "dns"]

    /// `root` with one to three random edits: entities removed, copied under a new id, given
    /// another's id or none, moved; fields changed, removed and added; the header changed.
    static func edited(_ root: [String: Any], _ random: inout SplitMix) -> [String: Any] {
        var root = root
        for step in 0..<(1 + random.next(3)) {
            let kinds = entityArrays.filter { (root[$0] as? [Any])?.isEmpty == false }
            guard let kind = kinds.isEmpty ? nil : kinds[random.next(kinds.count)],
                  var array = root[kind] as? [[String: Any]] else { continue }
            let position = random.next(array.count)
            var entity = array[position]
            let fields = entity.keys.filter { $0 != "id" }.sorted()
            let edit = random.next(9)
            switch edit {
            case 0: array.remove(at: position)
            case 1:
                entity["id"] = "copy-\(step)"
                array.insert(entity, at: random.next(array.count + 1))
            case 2: entity["id"] = array[random.next(array.count)]["id"]
            case 3: entity["id"] = nil
            case 4: if !fields.isEmpty { entity[fields[random.next(fields.count)]] = "changed" }
            case 5: if !fields.isEmpty { entity[fields[random.next(fields.count)]] = nil }
            case 6: entity["tags"] = ["t\(step)"]
            case 7:
                array.remove(at: position)
                array.append(entity)
            default: root["description"] = "edited \(step)"
            }
            if (2...6).contains(edit) { array[position] = entity }
            root[kind] = array
        }
        return root
    }

    static func text(_ root: [String: Any], pretty: Bool) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: root, options: pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: 0..<150)
    func theSummarisedDiffIsTheWholeComparison(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &+ 1000)
        let generated = NMinusOneCountingTests.randomInventory(UInt64(seed))
        let root = try #require(JSONSerialization.jsonObject(with: Data(generated.utf8)) as? [String: Any])
        // Half the time OLD is written as NEW is, so most entities are written alike and skipped.
        let pretty = random.next(2) == 0
        let oldText = random.next(2) == 0 ? generated : try Self.text(root, pretty: pretty)
        let newText = try Self.text(Self.edited(root, &random), pretty: pretty)
        let old = try Self.side(oldText, path: "old.json"), new = try Self.side(newText, path: "new.json")

        let whole = InventoryDiff(old: old, new: new)
        let summary = SummarisedVersion(old, loader: InventoryLoader())
        let lean = InventoryDiff(old: summary, new: new)
        let context = "seed \(seed)"
        #expect(lean.added == whole.added, "\(context)")
        #expect(lean.removed == whole.removed, "\(context)")
        #expect(lean.changed == whole.changed, "\(context)")
        #expect(lean.inventoryChanges == whole.inventoryChanges, "\(context)")
        #expect(lean.touchedIDs == whole.touchedIDs, "\(context)")
        #expect(lean.introduced == whole.introduced, "\(context)")
        #expect(lean.resolved.map(\.finding) == whole.resolved.map(\.finding), "\(context)")
        #expect(lean.resolved.map(\.waivedBecause) == whole.resolved.map(\.waivedBecause), "\(context)")
        #expect(DiffRenderer.text(lean, old: summary, new: new) == DiffRenderer.text(whole, old: SummarisedVersion(keeping: old), new: new), "\(context)")

        let summarised = TopologyDelta(before: summary.topology, new: new.inventory, touched: lean.touchedIDs)
        let everything = TopologyDelta(old: old.inventory, new: new.inventory, touched: nil)
        #expect(summarised.failures == everything.failures, "\(context)")
        #expect(summarised.quorum == everything.quorum, "\(context)")
    }

    /// The random edits change entities, and leave others written alike: both paths are taken.
    @Test func theEditsChangeSomeEntitiesAndLeaveOthersAlike() throws {
        var changed = 0, alike = 0
        for seed in 0..<40 {
            var random = SplitMix(seed: UInt64(seed) &+ 1000)
            let generated = NMinusOneCountingTests.randomInventory(UInt64(seed))
            let root = try #require(JSONSerialization.jsonObject(with: Data(generated.utf8)) as? [String: Any])
            let newText = try Self.text(Self.edited(root, &random), pretty: true)
            let old = try Self.side(Self.text(root, pretty: true), path: "old.json"), new = try Self.side(newText, path: "new.json")
            let diff = InventoryDiff(old: SummarisedVersion(old, loader: InventoryLoader()), new: new)
            changed += diff.changed.count + diff.added.count + diff.removed.count
            alike += old.inventory.entityCount - diff.changed.count - diff.removed.count
        }
        #expect(changed > 40)
        #expect(alike > 400)
    }

    /// The summary holds neither OLD's document nor its model; a removed field is still located
    /// in OLD's file, read again from its bytes.
    @Test func theSummaryLetsTheDocumentGoAndReadsChangedEntitiesAgain() throws {
        let oldText = """
        {
          "infractl": 2, "name": "shop",
          "environments": [{"id": "prod", "kind": "production"}],
          "providers": [{"id": "aws", "kind": "aws"}],
          "hosts": [
            {"id": "web-1", "environment": "prod", "provider": "aws", "managedBy": "ansible"},
            {"id": "web-2", "environment": "prod", "provider": "aws",
             "zone": "a", "managedBy": "ansible"}
          ]
        }
        """
        let newText = try DiffTests.replacing(oldText, #""zone": "a", "#, with: "")
        weak var document: JSONDocument?
        let summary: SummarisedVersion
        do {
            let old = try Self.side(oldText, path: "old.json")
            document = old.inventory.document
            #expect(document != nil)
            summary = SummarisedVersion(old, loader: InventoryLoader())
        }
        #expect(document == nil)
        let diff = InventoryDiff(old: summary, new: try Self.side(newText, path: "new.json"))
        #expect(diff.changed.map(\.id) == ["web-2"])
        let change = try #require(diff.changed.first?.changes.first)
        #expect(change.path == "zone")
        #expect(change.new == nil)
        #expect(change.location.description == (try DiffTests.location(of: "\"a\"", in: oldText, path: "old.json")))
    }
}

import Foundation
import Testing
@testable import InfraRules

/// One list of rules: what `infractl rules` prints, the README's table and the SARIF rule metadata
/// name the same rules, as many as the catalog describes (issue 20's acceptance).
struct RuleCatalogTests {
    @Test func theRulesCommandTheReadmeTableAndSARIFCountAndNameTheCatalogsRules() throws {
        let catalog = RuleCatalog.descriptions.map { $0.identifier }

        let listed = runCLI(["rules", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids == catalog)
        let text = runCLI(["rules"]).stdout
        #expect(text.hasSuffix("\n\(catalog.count) rules. * = in production; one step lower elsewhere (error to warning, warning to note).\n"))

        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- rules:begin"))
        let end = try #require(readme.range(of: "<!-- rules:end -->"))
        let table = readme[begin.upperBound..<end.lowerBound]
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let readmeIDs = rows.compactMap { row in row.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(rows.count == catalog.count, "README.md's rule table: run scripts/readme-rules .build/debug/infractl")
        #expect(readmeIDs == catalog)
        #expect(table.contains("`infractl rules` lists \(catalog.count) rules ("))

        let sarif = runCLI(["validate", "--format", "sarif", "inventories/classroom7.json"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let sarifIDs = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(sarifIDs.count == catalog.count)
        #expect(sarifIDs == catalog)

        #expect(Set(catalog) == Set(RuleCatalog.identifiers))
    }

    /// A rule that examines nothing would leave the report claiming entities nobody checks were checked.
    @Test func everyRuleSaysWhichKindsItExaminesOnceEach() {
        for rule in RuleCatalog.all {
            let description = rule.description
            #expect(!description.examines.isEmpty, "\(description.identifier) examines no kind")
            #expect(Set(description.examines).count == description.examines.count, "\(description.identifier) names a kind twice")
        }
    }

    @Test func theRulesExaminingAKindAreTheEnabledOnesThatSaySoInCatalogOrder() {
        #expect(RuleCatalog.rules(examining: .cluster, enabled: { _ in true })
                == ["credential-literal", "quorum-at-risk", "quorum-tolerance-overstated", "quorum-failure-domain", "capacity-after-failure"])
        #expect(RuleCatalog.rules(examining: .cluster, enabled: { $0 != "credential-literal" && $0 != "quorum-at-risk" })
                == ["quorum-tolerance-overstated", "quorum-failure-domain", "capacity-after-failure"])
        #expect(RuleCatalog.rules(examining: .job, enabled: { $0 != "credential-literal" }).isEmpty)
    }

    @Test func theCostliestRulesStartFirstAndTheRestInCatalogOrder() {
        let rules = RuleCatalog.all
        let started = Linter.startOrder(rules).map { rules[$0].description.identifier }
        let costly = ["credential-literal", "end-of-life-software", "capacity-after-failure", "single-point-of-failure", "unmonitored-service"]
        #expect(Array(started.prefix(costly.count)) == costly)
        #expect(Array(started.dropFirst(costly.count)) == rules.map { $0.description.identifier }.filter { !costly.contains($0) })
    }

    /// `infractl rules` and the README list the catalog in its order, so a rule added away from its
    /// family would split the family in two.
    @Test func theCatalogIsOneListGroupedByFamilyWithUniqueIdentifiers() {
        let families = RuleCatalog.all.map { $0.description.family }
        var grouped: [RuleFamily] = []
        for family in families where grouped.last != family { grouped.append(family) }
        #expect(grouped == RuleFamily.allCases.filter { $0 != .structure })
        let identifiers = RuleCatalog.identifiers
        #expect(Set(identifiers).count == identifiers.count)
    }
}

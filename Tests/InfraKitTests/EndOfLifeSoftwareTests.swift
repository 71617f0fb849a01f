import Testing
@testable import InfraModel
@testable import InfraRules

/// What the rule's examples cannot say: the severity of each phase (past regular support only,
/// past all support) in and out of production, and that the table holds together: aliases lead to
/// listed products, every extended phase has a name, `explain` prints dates and sources.
@Suite("EndOfLifeSoftware: phases and table")
struct EndOfLifeSoftwareTests {
    private func findings(_ body: String, asOf: String) throws -> [Finding] {
        let settings = RuleSettings(asOf: try #require(Day(parsing: asOf)))
        let context = RuleContext(inventory: try decode(RuleExample.inventory(body)).inventory, settings: settings)
        return EndOfLifeSoftwareRule().check(context).sorted { $0.entityID ?? "" < $1.entityID ?? "" }
    }

    private static let debianHosts = """
    "hosts": [
      {"id": "a-prod-12", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": "12.8"}},
      {"id": "b-staging-12", "environment": "staging", "provider": "linode-london", "os": {"name": "debian", "version": "12"}},
      {"id": "c-prod-10", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": "10"}},
      {"id": "d-staging-10", "environment": "staging", "provider": "linode-london", "os": {"name": "debian", "version": "10"}},
      {"id": "e-prod-13", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": "13"}}
    ]
    """

    @Test func pastRegularSupportIsOneStepBelowPastAllSupport() throws {
        let found = try findings(Self.debianHosts, asOf: "2026-12-07")
        #expect(found.map(\.entityID) == ["a-prod-12", "b-staging-12", "c-prod-10", "d-staging-10"])
        #expect(found.map(\.severity) == [.warning, .note, .error, .warning])
        #expect(found.first?.message == "debian 12.8 on 'a-prod-12' left regular security support on 2026-07-11; Debian LTS until 2028-06-30")
        #expect(found.dropFirst(2).first?.message == "debian 10 on 'c-prod-10' reached end of life on 2024-06-30")
    }

    @Test func eachPhaseStartsTheDayAfterItsLastDay() throws {
        let host = #""hosts": [{"id": "h", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": "12"}}]"#
        #expect(try findings(host, asOf: "2026-07-11").isEmpty)
        #expect(try findings(host, asOf: "2026-07-12").map(\.severity) == [.warning])
        #expect(try findings(host, asOf: "2028-06-30").map(\.severity) == [.warning])
        #expect(try findings(host, asOf: "2028-07-01").map(\.severity) == [.error])
    }

    @Test func enginesAreFoundUnderTheNamesInventoriesUse() throws {
        let datastores = """
        "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
        "datastores": [
          {"id": "a", "environment": "prod", "engine": "Elastic", "version": "7.17.28", "hosting": {"host": "db-1"}},
          {"id": "b", "environment": "prod", "engine": "mariadb-server", "version": "10.6.21", "hosting": {"host": "db-1"}},
          {"id": "c", "environment": "prod", "engine": "clickhouse-server", "version": "25.3.6.56", "hosting": {"host": "db-1"}},
          {"id": "d", "environment": "prod", "engine": "valkey", "version": "7.2.9", "hosting": {"host": "db-1"}}
        ]
        """
        let found = try findings(datastores, asOf: "2026-12-07")
        #expect(found.map(\.message) == [
            "elastic 7.17.28 on 'a' reached end of life on 2026-01-15",
            "mariadb-server 10.6.21 on 'b' left regular security support on 2026-07-06; MariaDB Enterprise support until 2029-08-23",
            "clickhouse-server 25.3.6.56 on 'c' reached end of life on 2026-03-20",
        ])
        #expect(found.map(\.severity) == [.error, .warning, .error])
    }

    @Test func aliasesLeadToListedProducts() {
        let products = Set(EndOfLifeTable.entries.map(\.product))
        for (alias, product) in EndOfLifeTable.aliases {
            #expect(products.contains(product), "alias '\(alias)' leads to '\(product)', which has no entry")
            #expect(!products.contains(alias), "alias '\(alias)' is also a product")
        }
        for product in ["clickhouse", "kafka", "redis", "valkey", "elasticsearch", "opensearch", "mysql", "mariadb"] {
            #expect(products.contains(product), "\(product) has no entry")
        }
    }

    @Test func everyCycleIsListedOnceWithASourceAndNamedPhases() {
        var seen = Set<String>()
        for entry in EndOfLifeTable.entries {
            #expect(seen.insert(entry.product + " " + entry.cycle).inserted, "\(entry.product) \(entry.cycle) is listed twice")
            #expect(entry.source.hasPrefix("https://"), "\(entry.product) \(entry.cycle): \(entry.source)")
            #expect(entry.endOfSupport <= entry.endOfLife)
            if entry.hasExtendedSupport {
                #expect(EndOfLifeTable.extendedSupport[entry.product] != nil, "\(entry.product) has no name for its extended phase")
            }
        }
    }

    @Test func explainPrintsBothDatesAndTheSource() {
        let text = EndOfLifeSoftwareRule.referenceText
        let debian12 = text.split(separator: "\n").filter { $0.hasPrefix("debian ") && $0.contains(" 12 ") }
        #expect(debian12.count == 1)
        #expect(debian12.first.map { $0.contains("2026-07-11") && $0.contains("2028-06-30") && $0.hasSuffix("https://endoflife.date/debian") } == true)
        for entry in EndOfLifeTable.entries {
            #expect(text.contains(entry.endOfSupport.description) && text.contains(entry.source))
        }
        #expect(text.contains("debian: Debian LTS"))
    }
}

import Testing
@testable import InfraModel
@testable import InfraRules

/// end-of-life-software beyond its examples: many releases, each on two hosts.
@Suite("End-of-life software rule")
struct EndOfLifeSoftwareRuleTests {
    /// More distinct releases than the rule keeps in its list, each on two hosts in two passes, so
    /// some are found in the list, some in the dictionary and some worked out afresh.
    @Test func everyReleasePastItsEndOfLifeIsReportedOnEveryHost() throws {
        let releases = EndOfLifeTable.entries.filter { !$0.cycle.isEmpty }.prefix(40).map { ($0.product, $0.cycle) }
        try #require(releases.count > 20)
        let hosts = (releases + releases.reversed()).enumerated().map { position, release in
            """
            {"id": "h\(position)", "environment": "prod", "provider": "aws-us-east-1",
             "os": {"name": "\(release.0)", "version": "\(release.1)"}}
            """
        }
        let text = RuleExample.inventory("\"hosts\": [" + hosts.joined(separator: ",\n") + "]")
        let settings = RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))
        let context = RuleContext(inventory: try decode(text).inventory, settings: settings)
        let found = EndOfLifeSoftwareRule().check(context)

        let expected = (releases + releases.reversed()).enumerated().compactMap { position, release -> String? in
            guard let entry = EndOfLifeSoftwareRule.entry(product: release.0, version: release.1),
                  entry.endOfSupport < settings.asOf else { return nil }
            let prefix = "\(release.0.lowercased()) \(release.1) on 'h\(position)'"
            guard entry.endOfLife >= settings.asOf else { return "\(prefix) reached end of life on \(entry.endOfLife)" }
            let phase = EndOfLifeTable.extendedSupport[entry.product] ?? "extended support"
            return "\(prefix) left regular security support on \(entry.endOfSupport); \(phase) until \(entry.endOfLife)"
        }
        #expect(!expected.isEmpty)
        // Both kinds of message are among them (Ubuntu 18.04 is in ESM on the day).
        #expect(expected.contains { $0.contains("left regular security support") })
        #expect(found.map(\.message) == expected)
    }
}

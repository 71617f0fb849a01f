import Testing
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

/// `infractl config` as the output layer lays it out: each setting and where it came from.
struct ConfigurationRendererTests {
    static func renderer(rules: [ConfigurationRenderer.RuleState] = [], excludes: [(pattern: String, origin: String)] = [],
                         storageLimitPercent: Double = 80) throws -> ConfigurationRenderer {
        var settings = RuleSettings(asOf: try #require(Day(parsing: "2026-11-23")))
        settings.storageLimitPercent = storageLimitPercent
        return ConfigurationRenderer(
            projectRoot: ("..", "holds .infractl.json"), configurationFile: nil, settings: settings, asOfOrigin: "--as-of",
            thresholdOrigins: .init(restoreTestMaxAge: "default", failoverTTL: "default", storageLimitPercent: "ci.json"),
            rules: rules, excludes: excludes)
    }

    @Test func everySettingSaysWhereItCameFromWithTheValuesAligned() throws {
        let text = try Self.renderer(storageLimitPercent: 72.5).text()
        #expect(text == """
            project root                    .. (holds .infractl.json)
            configuration file              none
            asOf                            2026-11-23 (--as-of)
            thresholds.restoreTestMaxAge    180d (default)
            thresholds.failoverTTL          300 (default)
            thresholds.storageLimitPercent  72.5 (ci.json)

            """)
    }

    @Test func onlyRulesWhoseStateDiffersAreListedAndDisablingOutranksEnabling() throws {
        let rules: [ConfigurationRenderer.RuleState] = [
            .init(rule: "backup-unmonitored", disabledBy: nil, enabledBy: nil, severity: nil),
            .init(rule: "missing-log-rotation", disabledBy: "--skip", enabledBy: "ci.json", severity: (.note, "ci.json")),
            .init(rule: "waiver-unused", disabledBy: nil, enabledBy: "ci.json", severity: nil),
        ]
        let lines = try Self.renderer(rules: rules).text().split(separator: "\n").dropFirst(6)
        #expect(Array(lines) == [
            "rules.missing-log-rotation      disabled (--skip), severity note (ci.json)",
            "rules.waiver-unused             enabled (ci.json)",
        ])
    }

    @Test func anExclusionPatternIsShownEscapedOnItsOwnLine() throws {
        let text = try Self.renderer(excludes: [("x/\u{1B}]0;owned\u{07}\n*.json", "--exclude"), ("old", "ci.json")]).text()
        #expect(!text.contains("\u{1B}"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.last == "exclude                         old (ci.json)")
    }
}

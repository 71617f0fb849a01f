import Foundation
import Testing
@testable import InfraCLI

/// `.infractl.json` is found from each input's directory up to the project root; `--config` wins;
/// `--exclude` and `exclude` leave files out of walks; `infractl config` says where values came from.
@Suite("Configuration discovery")
struct ConfigurationDiscoveryTests {
    /// A project: a git top-level with a configuration that turns `unmonitored-service` off and
    /// excludes `generated`; `systems/web/shop.json` has an unmonitored service; `generated/` holds
    /// a file that is not JSON.
    static func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/.git", withIntermediateDirectories: true)
        try directory.write(".infractl.json", #"{"rules": {"unmonitored-service": {"enabled": false}}, "exclude": ["generated"]}"#)
        try directory.write("systems/web/shop.json", minimalInventory)
        try directory.write("systems/generated/broken.json", "not json")
        return directory
    }

    static func rules(_ run: CLIRun) -> [String] {
        run.stdout.split(separator: "\n").compactMap { line in
            guard let open = line.lastIndex(of: "["), line.hasSuffix("]") else { return nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
    }

    @Test func validateFromASubdirectoryPicksUpTheConfigurationAtTheRoot() throws {
        let project = try Self.project()
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--rule", "unmonitored-service", "."], directory: project.path + "/systems/web")
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(!Self.rules(run).contains("unmonitored-service"))
        #expect(run.stdout.contains("systems/web/shop.json: "), "paths are relative to the root: \(run.stdout)")
        // Without the configuration the rule reports.
        try FileManager.default.removeItem(atPath: project.path + "/.infractl.json")
        let without = runCLI(["validate", "--as-of", "2026-11-23", "--rule", "unmonitored-service", "."], directory: project.path + "/systems/web")
        #expect(without.code == 1)
        #expect(Self.rules(without).contains("unmonitored-service"))
    }

    @Test func theConfigurationsExcludeLeavesFilesOutOfWalks() throws {
        let project = try Self.project()
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "."], directory: project.path)
        #expect(run.code == 0, "the broken file in generated/ is not read: \(run.stderr)")
        #expect(run.stdout.contains("\n1 file checked, 4 entities: "), "\(run.stdout)")
        // --exclude adds patterns; a pattern with a slash matches from the root.
        let both = runCLI(["validate", "--as-of", "2026-11-23", "--exclude", "systems/web/*.json", "--exclude", "other", "."], directory: project.path)
        #expect(both.code == 2)
        #expect(both.stderr.contains("no inventories found"))
    }

    @Test func aNearerConfigurationAppliesToTheFilesBelowIt() throws {
        let project = try Self.project()
        try project.write("systems/other/.infractl.json", #"{"rules": {"unmonitored-service": {"severity": "note"}}}"#)
        try project.write("systems/other/shop.json", minimalInventory)
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "systems/web", "systems/other"], directory: project.path)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("systems/other/shop.json:") && $0.contains(": note: ") && $0.hasSuffix("[unmonitored-service]") })
        #expect(!lines.contains { $0.hasPrefix("systems/web/shop.json:") && $0.hasSuffix("[unmonitored-service]") })
    }

    @Test func anExplicitConfigWins() throws {
        let project = try Self.project()
        let other = try TemporaryDirectory()
        let config = try other.write("strict.json", #"{"rules": {"unmonitored-service": {"severity": "error"}}}"#)
        let run = runCLI(["validate", "--as-of", "2026-11-23", "--rule", "unmonitored-service", "--config", config,
                          project.path + "/systems/web/shop.json"], directory: project.path)
        #expect(run.code == 1)
        #expect(Self.rules(run).contains("unmonitored-service"))
    }

    @Test(arguments: [
        ("generated", "systems/generated", true),
        ("generated", "systems/generated/a.json", true),
        ("*.tmp.json", "a/b/x.tmp.json", true),
        ("systems/*.json", "systems/a.json", true),
        ("systems/*.json", "systems/web/a.json", false),
        ("systems/**/a.json", "systems/a.json", true),
        ("systems/**/a.json", "systems/x/y/a.json", true),
        ("**/fixtures", "deep/down/fixtures", true),
        ("a?c.json", "abc.json", true),
        ("a?c.json", "a/c.json", false),
        ("./systems/web", "systems/web", true),
    ])
    func globs(_ glob: String, _ path: String, _ excluded: Bool) {
        let exclusions = Exclusions(patterns: [Exclusions.Pattern(glob: glob, base: "", origin: "--exclude")])
        #expect(exclusions.excludes(path) == excluded)
    }

    @Test func configSaysWhereEachValueCameFrom() throws {
        let project = try Self.project()
        try project.write(".infractl.json", #"{"asOf": "2026-01-02", "rules": {"unmonitored-service": {"enabled": false}, "missing-log-rotation": {"severity": "note"}}, "thresholds": {"failoverTTL": 60}, "exclude": ["generated"]}"#)
        let run = runCLI(["config", "--skip", "secret-in-source", "--exclude", "*.bak.json"], directory: project.path + "/systems/web")
        #expect(run.code == 0, "\(run.stderr)")
        let expected = """
        project root                    ../.. (holds .infractl.json)
        configuration file              .infractl.json
        asOf                            2026-01-02 (.infractl.json)
        thresholds.restoreTestMaxAge    180d (default)
        thresholds.failoverTTL          60 (.infractl.json)
        thresholds.storageLimitPercent  80 (default)
        rules.missing-log-rotation      severity note (.infractl.json)
        rules.secret-in-source          disabled (--skip)
        rules.unmonitored-service       disabled (.infractl.json)
        exclude                         *.bak.json (--exclude)
        exclude                         generated (.infractl.json)

        """
        #expect(run.stdout == expected)
        let asOf = runCLI(["config", "--as-of", "2026-11-23"], directory: project.path)
        #expect(asOf.stdout.contains("asOf                            2026-11-23 (--as-of)\n"))
    }
}

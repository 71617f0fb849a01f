import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraRules
@testable import InfraCLI

/// Paths are shown, fingerprinted and baselined relative to the project root, however they were
/// spelled and wherever infractl ran from.
@Suite("Project root and path spellings")
struct ProjectPathTests {
    static let asOf = ["--as-of", "2026-11-23", "--fail-on", "never"]

    /// The same inventory named in every spelling, each with the working directory it is given in.
    static let spellings: [(arguments: [String], directory: String)] = [
        (["inventories/classroom7.json"], repositoryRoot),
        (["./inventories/classroom7.json"], repositoryRoot),
        (["inventories/../inventories/classroom7.json"], repositoryRoot),
        (["inventories//classroom7.json"], repositoryRoot),
        ([repositoryRoot + "/inventories/classroom7.json"], repositoryRoot),
        (["classroom7.json"], repositoryRoot + "/inventories"),
        (["./classroom7.json"], repositoryRoot + "/inventories"),
        (["../inventories/classroom7.json"], repositoryRoot + "/inventories"),
        (["inventories/classroom7.json"], "/"),
    ].map { arguments, directory in
        // From `/`, the repository is named absolutely.
        directory == "/" ? ([repositoryRoot + "/" + arguments[0]], directory) : (arguments, directory)
    }

    static func fingerprints(_ arguments: [String], _ directory: String) throws -> [String] {
        let run = runCLI(["validate", "--format", "json"] + asOf + arguments, directory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { ($0["location"] as? [String: Any])?["file"] as? String == "inventories/classroom7.json" },
                "\(arguments) from \(directory)")
        return findings.compactMap { $0["fingerprint"] as? String }
    }

    @Test func everySpellingGivesTheSamePathsAndFingerprints() throws {
        let expected = try Self.fingerprints(["inventories/classroom7.json"], repositoryRoot)
        #expect(expected.count == 33)
        for (arguments, directory) in Self.spellings {
            #expect(try Self.fingerprints(arguments, directory) == expected, "\(arguments) from \(directory)")
        }
    }

    @Test func aBaselineHidesEveryFindingWhateverTheSpellingAndDirectory() throws {
        let directory = try TemporaryDirectory()
        for (writer, writerDirectory) in Self.spellings {
            let baseline = directory.path + "/baseline-\(UUID().uuidString).json"
            let written = runCLI(["validate", "--write-baseline", baseline] + Self.asOf + writer, directory: writerDirectory)
            #expect(written.code == 0, "\(written.stderr)")
            let text = try String(contentsOfFile: baseline, encoding: .utf8)
            #expect(!text.contains("\"file\": \"./") && !text.contains("\"file\": \"/"), "baselines hold root-relative paths")
            for (reader, readerDirectory) in Self.spellings {
                let run = runCLI(["validate", "--baseline", baseline, "--as-of", "2026-11-23"] + reader, directory: readerDirectory)
                #expect(run.code == 0, "written as \(writer) from \(writerDirectory), read as \(reader) from \(readerDirectory): \(run.stdout)")
                #expect(run.stdout.hasSuffix("baseline hid 33 known findings, 0 baseline entries fixed\n"))
            }
        }
    }

    @Test func anOlderBaselineWithAnotherSpellingStillMatchesAndSaysToRewriteIt() throws {
        // What an earlier release wrote for `./inventories/classroom7.json`: the fingerprints of that spelling.
        let current = runCLI(["validate", "--format", "json"] + Self.asOf + ["inventories/classroom7.json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(current.stdout.utf8)) as? [String: Any])
        var occurrences = Fingerprint.Occurrences()
        var entries: [Baseline.Entry] = []
        for finding in try #require(report["findings"] as? [[String: Any]]) {
            let old = Finding(ruleID: finding["ruleId"] as? String ?? "", severity: .error, message: "",
                              entityID: finding["entity"] as? String, fieldPath: finding["field"] as? String,
                              location: Location(file: "./inventories/classroom7.json", line: 1, column: 1))
            entries.append(Baseline.Entry(fingerprint: Fingerprint.next(for: old, occurrences: &occurrences), ruleID: old.ruleID,
                                          file: old.location.file, entityID: old.entityID, fieldPath: old.fieldPath, message: ""))
        }
        let directory = try TemporaryDirectory()
        let path = try directory.write("old-baseline.json", Baseline(entries: entries).rendered())
        let run = runCLI(["validate", "--baseline", path, "--as-of", "2026-11-23", "inventories/classroom7.json"])
        #expect(run.code == 0)
        #expect(run.stdout.hasSuffix("baseline hid 33 known findings, 0 baseline entries fixed\n"))
        #expect(run.stderr.contains("note: 33 entries name their file as an older release did"))
        #expect(run.stderr.contains("rewrite the baseline with --write-baseline"))
    }

    @Test func standardInputTakesTheNameGiven() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/inventories/classroom7.json", encoding: .utf8)
        let run = runCLI(["validate", "--format", "json", "--stdin-name", "./inventories/classroom7.json", "-"] + Self.asOf, stdin: text)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let fingerprints = (report["findings"] as? [[String: Any]])?.compactMap { $0["fingerprint"] as? String }
        #expect(fingerprints == (try Self.fingerprints(["inventories/classroom7.json"], repositoryRoot)))
        let plain = runCLI(["validate", "-"] + Self.asOf, stdin: text)
        #expect(plain.stdout.hasPrefix("<stdin>:"))
        let empty = runCLI(["validate", "--stdin-name", "", "-"], stdin: text)
        #expect(empty.code == 2)
    }

    @Test(arguments: [
        ("/repo", "/repo/a.json", "a.json"),
        ("/repo", "/repo/./x/../a.json", "a.json"),
        ("/repo", "/repo", "."),
        ("/repo", "/other/a.json", "/other/a.json"),
        ("/repo", "/repository/a.json", "/repository/a.json"),
        ("/", "/a/b.json", "a/b.json"),
    ])
    func shownPaths(_ root: String, _ path: String, _ shown: String) {
        #expect(ProjectRoot(path: root, configuration: nil, reason: "git").shown(path, currentDirectory: "/") == shown)
    }

    @Test func theGitTopLevelIsTheRootWithoutAConfiguration() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/.git", withIntermediateDirectories: true)
        try directory.write("systems/web/shop.json", minimalInventory)
        let run = runCLI(["validate", "--rule", "unknown-key", "--format", "json", "."], directory: directory.path + "/systems/web")
        #expect(run.stdout.contains("\"path\": \"systems/web/shop.json\""), "\(run.stdout)")
    }
}

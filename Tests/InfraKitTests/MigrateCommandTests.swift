import Foundation
import Testing
import InfraKit

/// `infractl migrate`: a version 1 inventory becomes version 2 by its version number alone, in
/// place and atomically; a current file is left alone; what cannot be migrated is reported with
/// its location and left as it was.
@Suite struct MigrateCommandTests {
    static let version1 = """
    {
      "name": "shop",   "infractl": 1,
      "environments": [{"id": "prod", "kind": "production", "description": "caf\\u00e9"}]
    }

    """

    @Test func aVersion1FileChangesOnlyItsVersionNumberAndKeepsItsMode() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("inventories/shop.json", Self.version1)
        chmod(path, 0o640)
        let run = runCLI(["migrate", "inventories"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "migrated inventories/shop.json: format version 1 -> 2\n")
        let migrated = try String(contentsOfFile: path, encoding: .utf8)
        #expect(migrated == Self.version1.replacingOccurrences(of: "\"infractl\": 1", with: "\"infractl\": 2"))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
        // Migrated, the file loads with no note; a second run leaves it alone.
        #expect(runCLI(["validate", "--fail-on", "note", path]).code == 0)
        let again = runCLI(["migrate", path])
        #expect(again.code == 0 && again.stdout.hasPrefix("current  "))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == migrated)
    }

    @Test func checkWritesNothingAndFailsWhenAFileIsOutdated() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("shop.json", Self.version1)
        let run = runCLI(["migrate", "--check", path])
        #expect(run.code == 1)
        #expect(run.stdout.hasPrefix("outdated "))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.version1)
    }

    @Test func standardInputIsWrittenMigratedToStandardOutput() {
        let run = runCLI(["migrate", "-"], stdin: Self.version1)
        #expect(run.code == 0)
        #expect(run.stdout == Self.version1.replacingOccurrences(of: "\"infractl\": 1", with: "\"infractl\": 2"))
        // With --check nothing is written: one line says standard input is outdated, and it fails.
        let check = runCLI(["migrate", "--check", "-"], stdin: Self.version1)
        #expect(check.code == 1)
        #expect(check.stdout == "outdated <stdin>: format version 1; 'infractl migrate' rewrites it as 2\n")
    }

    @Test func whatCannotBeMigratedIsReportedAtItsLocationAndTheOthersStillAre() throws {
        let directory = try TemporaryDirectory()
        let future = try directory.write("a-future.json", "{\"infractl\": 7, \"name\": \"x\"}")
        let broken = try directory.write("b-broken.json", "{\"infractl\": 1,")
        let good = try directory.write("c-good.json", Self.version1)
        let run = runCLI(["migrate", directory.path])
        #expect(run.code == 2)
        #expect(run.stderr.contains("a-future.json:1:14: error: unsupported format version 7: this infractl migrates versions 1 to 2; the file is left as it was"), "\(run.stderr)")
        #expect(run.stderr.contains("b-broken.json:1:"))
        #expect(try String(contentsOfFile: future, encoding: .utf8) == "{\"infractl\": 7, \"name\": \"x\"}")
        #expect(try String(contentsOfFile: broken, encoding: .utf8) == "{\"infractl\": 1,")
        #expect(try String(contentsOfFile: good, encoding: .utf8).contains("\"infractl\": 2"))
    }

    @Test func everySeedAndCorpusFileIsCurrentAndMigratingItsVersion1FormRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let seeds = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/inventories").filter { $0.hasSuffix(".json") }
        let corpus = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/examples")
            .map { "examples/\($0)/inventory.json" }.filter { FileManager.default.fileExists(atPath: repositoryRoot + "/" + $0) }
        let files = seeds.map { "inventories/" + $0 } + corpus
        #expect(files.count >= 13)
        for (number, file) in files.enumerated() {
            let current = try String(contentsOfFile: repositoryRoot + "/" + file, encoding: .utf8)
            #expect(runCLI(["migrate", "--check", file]).code == 0, "\(file) is not at version 2")
            let old = current.replacingOccurrences(of: "\"infractl\": 2", with: "\"infractl\": 1")
            #expect(old != current, "\(file)")
            let copy = try directory.write("\(number).json", old)
            #expect(runCLI(["migrate", copy]).code == 0)
            #expect(try String(contentsOfFile: copy, encoding: .utf8) == current, "\(file)")
        }
    }

    @Test func migrateNeedsAPath() {
        let run = runCLI(["migrate"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("migrate needs at least one PATH"))
    }
}

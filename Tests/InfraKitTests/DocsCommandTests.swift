import Foundation
import Testing
@testable import InfraOutput

/// `infractl docs --inject FILE [--check]`: the text between the markers is replaced atomically,
/// checked for freshness, and a file whose markers are wrong is left as it was.
@Suite("Architecture docs freshness")
struct DocsCommandTests {
    static let asOf = SeedGoldenTests.asOf

    /// A README with the markers around stale text, in a temporary directory with an inventory.
    static func fixture(_ readme: String) throws -> (directory: TemporaryDirectory, inventory: String, readme: String) {
        let directory = try TemporaryDirectory()
        let inventory = try directory.write("shop.json", minimalInventory)
        let path = try directory.write("README.md", readme)
        return (directory, inventory, path)
    }

    static let readme = """
    # Shop

    Hand-written introduction.

    <!-- infractl:begin -->
    stale generated text
    <!-- infractl:end -->

    Hand-written footer.

    """

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func injectReplacesOnlyTheTextBetweenTheMarkers() throws {
        let (directory, inventory, readme) = try Self.fixture(Self.readme)
        _ = directory
        let generated = runCLI(["docs", inventory, "--as-of", Self.asOf]).stdout
        let run = runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme])
        #expect(run.code == 0)
        #expect(run.stderr.hasPrefix(readme + ":5: note: docs injected between the markers on lines 5 and "), "\(run.stderr)")
        let updated = try Self.read(readme)
        #expect(updated == "# Shop\n\nHand-written introduction.\n\n<!-- infractl:begin -->\n" + generated
                + "<!-- infractl:end -->\n\nHand-written footer.\n")
        // Running it again changes nothing.
        #expect(runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme]).code == 0)
        #expect(try Self.read(readme) == updated)
    }

    @Test func checkExitsOneWhenStaleAndZeroWhenCurrent() throws {
        let (directory, inventory, readme) = try Self.fixture(Self.readme)
        _ = directory
        let stale = runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme, "--check"])
        #expect(stale.code == 1)
        #expect(stale.stderr.contains("README.md: the docs between the infractl markers are stale"))
        #expect(try Self.read(readme) == Self.readme, "--check must write nothing")
        #expect(runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme]).code == 0)
        let fresh = runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme, "--check"])
        #expect(fresh.code == 0)
        #expect(fresh.stdout.isEmpty && fresh.stderr.isEmpty)
        // Another day's findings, or another format, are stale again.
        #expect(runCLI(["docs", inventory, "--as-of", Self.asOf, "--format", "mermaid", "--inject", readme, "--check"]).code == 1)
    }

    @Test(arguments: [
        ("# no markers\n", "no '<!-- infractl:begin -->' line"),
        ("<!-- infractl:begin -->\nonly the beginning\n", "no '<!-- infractl:end -->' line"),
        ("<!-- infractl:end -->\nx\n<!-- infractl:begin -->\n", "comes before"),
        ("<!-- infractl:begin -->\n<!-- infractl:begin -->\n<!-- infractl:end -->\n", "appears on 2 lines"),
        ("see `<!-- infractl:begin -->` and <!-- infractl:end -->, inline\n", "no '<!-- infractl:begin -->' line"),
    ])
    func wrongMarkersExitTwoAndLeaveTheFileIntact(_ contents: String, _ message: String) throws {
        let (directory, inventory, readme) = try Self.fixture(contents)
        _ = directory
        for extra in [[], ["--check"]] {
            let run = runCLI(["docs", inventory, "--as-of", Self.asOf, "--inject", readme] + extra)
            #expect(run.code == 2)
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.hasPrefix("\(readme): error: "))
            #expect(try Self.read(readme) == contents)
        }
    }

    @Test func aFailedRunLeavesTheOldFileIntact() throws {
        let (directory, _, readme) = try Self.fixture(Self.readme)
        let broken = try directory.write("broken.json", "{\"infractl\": 2, \"name\": ]")
        let run = runCLI(["docs", broken, "--inject", readme])
        #expect(run.code == 2)
        #expect(run.stderr.contains("broken.json:1:25: error: expected a value"))
        #expect(try Self.read(readme) == Self.readme)
        let missing = runCLI(["docs", directory.path + "/absent.json", "--inject", readme])
        #expect(missing.code == 2)
        #expect(try Self.read(readme) == Self.readme)
        // No temporary file is left beside it.
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(entries == ["README.md", "broken.json", "shop.json"])
    }

    @Test func outputWritesTheFileAndStdoutStaysEmpty() throws {
        let (directory, inventory, _) = try Self.fixture(Self.readme)
        let run = runCLI(["docs", inventory, "--as-of", Self.asOf, "--format", "dot", "--output", directory.path + "/shop.dot"])
        #expect(run.code == 0)
        #expect(run.stdout.isEmpty)
        #expect(try Self.read(directory.path + "/shop.dot").hasPrefix("digraph \"shop\" {"))
        let unwritable = runCLI(["docs", inventory, "--output", directory.path + "/no/such/dir/shop.md"])
        #expect(unwritable.code == 2)
        #expect(unwritable.stderr.contains("error: cannot write"))
    }

    @Test(arguments: [
        (["docs"], "docs needs exactly one inventory FILE"),
        (["docs", "a.json", "b.json"], "docs needs exactly one inventory FILE"),
        (["docs", "a.json", "--check"], "--check needs --inject FILE"),
        (["docs", "a.json", "--inject", "R.md", "--output", "x.md"], "give either --output or --inject"),
        (["docs", "a.json", "--format", "pdf"], "invalid value 'pdf' for '--format'"),
        (["docs", "a.json", "--fail-on", "error"], "unknown option '--fail-on'"),
        (["docs", "a.json", "--as-of", "yesterday"], "'--as-of' needs a date"),
    ])
    func badUsageExitsTwo(_ arguments: [String], _ message: String) {
        let run = runCLI(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func docsIsListedInHelp() {
        #expect(runCLI(["--help"]).stdout.contains("docs"))
        #expect(runCLI(["docs", "--help"]).stdout.contains("--inject <file>"))
    }

    // MARK: The markers themselves

    @Test func injectionKeepsCRLFFilesAndMarkersWithSpaces() throws {
        let text = "intro\r\n  <!-- infractl:begin -->  \r\nold\r\n<!-- infractl:end -->\r\nafter\r\n"
        let updated = try DocsInjection.inject("new", into: text).get()
        #expect(updated == "intro\r\n  <!-- infractl:begin -->  \r\nnew\n<!-- infractl:end -->\r\nafter\r\n")
        #expect(try DocsInjection.isCurrent("new\n", in: updated).get())
        #expect(try DocsInjection.isCurrent("newer\n", in: updated).get() == false)
    }

    @Test func emptyContentBetweenMarkers() throws {
        let text = "<!-- infractl:begin -->\n<!-- infractl:end -->\n"
        #expect(try DocsInjection.current(in: text).get() == "")
        #expect(try DocsInjection.inject("x\n", into: text).get() == "<!-- infractl:begin -->\nx\n<!-- infractl:end -->\n")
    }

    /// The committed docs of the seed systems are current (CI checks the same with the command).
    @Test(arguments: SeedInventoryTests.names)
    func committedSeedDocsAreFresh(_ name: String) {
        let run = runCLI(["docs", "inventories/\(name).json", "--as-of", Self.asOf, "--inject", "docs/systems/\(name).md", "--check"])
        #expect(run.code == 0, "docs/systems/\(name).md is stale: \(run.stderr)")
    }

    /// Markers shown in a README's fenced example are text: the docs go between the real ones,
    /// and the command says where.
    @Test func injectionSkipsMarkersInsideFencedCodeAndSaysWhere() throws {
        let directory = try TemporaryDirectory()
        let readme = """
            # Example
            To keep docs current, add:
            ```markdown
            <!-- infractl:begin -->
            <!-- infractl:end -->
            ```
            ~~~
            <!-- infractl:end -->
            ~~~
            <!-- infractl:begin -->
            old
            <!-- infractl:end -->
            after

            """
        try directory.write("README.md", readme)
        let run = runCLI(["docs", repositoryRoot + "/inventories/classroom7.json", "--as-of", "2026-11-23", "--inject", "README.md"],
                         directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        let updated = try String(contentsOfFile: directory.path + "/README.md", encoding: .utf8)
        #expect(updated.hasPrefix(readme.components(separatedBy: "old\n")[0]), "the fenced examples are kept as they were")
        #expect(!updated.contains("\nold\n") && updated.hasSuffix("<!-- infractl:end -->\nafter\n"))
        let lines = updated.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(run.stderr == "README.md:10: note: docs injected between the markers on lines 10 and \(lines - 1)\n", "\(run.stderr)")
        let again = runCLI(["docs", repositoryRoot + "/inventories/classroom7.json", "--as-of", "2026-11-23", "--inject", "README.md"],
                           directory: directory.path)
        #expect(again.stderr.contains("note: docs already current between the markers on lines 10"))
    }
}

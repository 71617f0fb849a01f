import Foundation
import Testing
@testable import InfraJSON

/// Input written to hurt: each file of `Fixtures/hostile/` must give exactly the output of its
/// `.expected` sidecar, and the inputs too big or too odd to commit (a million levels of nesting, a
/// 100 MB string, a million empty entities, symlink loops, FIFOs, unreadable paths) are made in a
/// temporary directory and must give the error listed here — quickly, without a crash or a hang.
@Suite("Hostile input")
struct HostileInputTests {
    static let directory = repositoryRoot + "/Tests/InfraKitTests/Fixtures/hostile"
    static let asOf = "2026-11-23"

    /// Every committed hostile file. The directory's `.infractl.json` (`{}`) makes it a project of
    /// its own, so the sidecars show paths as the tests name them, not from the repository's root.
    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }()

    /// `exit N`, then `--- stdout` and `--- stderr` sections, after `#` lines saying why.
    static func expectation(code: Int32, stdout: String, stderr: String) -> String {
        "exit \(code)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }

    @Test func theCorpusHasEveryCase() {
        #expect(Self.fixtures.count >= 25, "\(Self.fixtures)")
        for name in Self.fixtures {
            let sidecar = Self.directory + "/" + name.dropLast(".json".count) + ".expected"
            #expect(FileManager.default.fileExists(atPath: sidecar), "\(name) has no .expected sidecar")
        }
    }

    @Test(arguments: HostileInputTests.fixtures)
    func givesExactlyTheExpectedOutput(_ name: String) throws {
        let run = runCLI(["validate", "--as-of", Self.asOf, name], directory: Self.directory)
        let actual = Self.expectation(code: run.code, stdout: run.stdout, stderr: run.stderr)
        let path = Self.directory + "/" + name.dropLast(".json".count) + ".expected"
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = existing.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines.prefix { $0.hasPrefix("#") }.joined(separator: "\n")
        let body = lines.drop { $0.hasPrefix("#") }.joined(separator: "\n")
        if ProcessInfo.processInfo.environment["INFRACTL_RECORD"] == "1" {
            let prefix = header.isEmpty ? "# \(name): say why infractl answers this way.\n" : header + "\n"
            try (prefix + actual).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(!header.isEmpty, "\(path) has no '#' line saying why")
        #expect(body == actual, "output differs from \(path); rerun with INFRACTL_RECORD=1 and review the diff")
    }

    // MARK: Generated at test time

    /// Writes `bytes` to `name` in `directory` without building a String of them.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func repeated(_ text: String, _ count: Int) -> [UInt8] {
        let unit = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unit.count * count)
        for _ in 0..<count { bytes += unit }
        return bytes
    }

    /// A file named `:` would start each line about it with `::`, the opening of a CI command.
    @Test func aPathThatWouldOpenALineWithACICommandIsShownWithDotSlash() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(":", "{\"infractl\": 1, \"name\": \"x\", \"bogus\": 1}\n")
        let run = runCLI(["validate", "--as-of", Self.asOf, ":"], directory: directory.path)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("./::1:") }, "\(run.stdout)")
        #expect(!lines.contains { $0.hasPrefix("::") })
    }

    @Test func aMillionNestedArraysStopAtTheDepthLimit() throws {
        let directory = try TemporaryDirectory()
        try Self.write(Self.repeated("[", 1_000_000) + Self.repeated("]", 1_000_000), "deep-arrays.json", in: directory)
        let run = runCLI(["validate", "deep-arrays.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "deep-arrays.json:1:513: error: nesting is deeper than 512 levels\n")
    }

    @Test func aMillionNestedObjectsStopAtTheDepthLimit() throws {
        let directory = try TemporaryDirectory()
        try Self.write(Self.repeated("{\"a\":", 1_000_000) + Array("1".utf8) + Self.repeated("}", 1_000_000), "deep-objects.json", in: directory)
        let run = runCLI(["validate", "deep-objects.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "deep-objects.json:1:2561: error: nesting is deeper than 512 levels\n")
    }

    /// With the limit raised, deep nesting is read, checked, reported and compared without
    /// recursion: no command overflows the stack (found by this corpus: the credential scan and the
    /// diff used to recurse once per level).
    @Test func deepNestingUnderARaisedLimitCrashesNothing() throws {
        let directory = try TemporaryDirectory()
        let depth = 100_000
        func inventory(_ leaf: String) -> [UInt8] {
            Array("{\"infractl\": 2, \"name\": \"deep\", \"environments\": [{\"id\": \"prod\", \"kind\": \"production\"}],\n \"notes\": ".utf8)
                + Self.repeated("[", depth) + Array(leaf.utf8) + Self.repeated("]", depth)
                + Array(",\n \"more\": ".utf8) + Self.repeated("{\"a\":", depth) + Array(leaf.utf8) + Self.repeated("}", depth) + Array("}\n".utf8)
        }
        try Self.write(inventory("1"), "old.json", in: directory)
        try Self.write(inventory("\"AKIAIOSFODNN7EXAMPLE\""), "new.json", in: directory)
        let limit = ["--max-depth", "200010"]
        let validate = runCLI(["validate", "--as-of", Self.asOf] + limit + ["new.json"], directory: directory.path)
        #expect(validate.code == 1)
        #expect(validate.stdout.contains("new.json:2:2: error: unknown top-level key 'notes' [unknown-key]"))
        #expect(validate.stdout.contains("holds an AWS access key id: AKIA…(redacted, sha256:"))
        #expect(validate.stdout.hasSuffix("1 file checked, 1 entity: 4 errors, 0 warnings, 0 notes\n"), "\(validate.stdout)")
        for command in [["report"], ["docs"], ["simulate", "--each", "host"]] {
            let run = runCLI(command + ["new.json"] + limit, directory: directory.path)
            #expect(run.code != 2 && !run.stdout.isEmpty, "\(command): \(run.stderr)")
        }
        let diff = runCLI(["diff", "--as-of", Self.asOf] + limit + ["old.json", "new.json"], directory: directory.path)
        #expect(diff.code == 1, "\(diff.stderr)")
        #expect(diff.stdout.contains("\"AKIA…(redacted, sha256:"))
        #expect(!diff.stdout.contains("AKIAIOSFODNN7EXAMPLE"))
    }

    /// 100 MB in one string: refused at the string-length limit after 1 MiB of it, fast, and
    /// without holding more than the file and its index.
    @Test func aHundredMegabyteStringStopsAtTheStringLimit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/huge-string.json"
        FileManager.default.createFile(atPath: path, contents: Data("{\"infractl\": 2, \"name\": \"".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"}\n".utf8))
        try handle.close()
        let run = runCLI(["validate", "huge-string.json"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "huge-string.json:1:25: error: string longer than 1048576 bytes (limit: --max-string-length)\n")
    }

    /// A million `{}` hosts: each misses three required fields, so three million findings; at most
    /// `--max-findings` (10,000) are reported, the most severe first, with a notice on standard error.
    @Test func aMillionEmptyEntitiesGiveBoundedOutput() throws {
        let directory = try TemporaryDirectory()
        var bytes = Array("{\"infractl\": 2, \"name\": \"million\", \"environments\": [{\"id\": \"prod\", \"kind\": \"production\"}],\n\"hosts\": [".utf8)
        bytes += Self.repeated("{},", 999_999) + Array("{}]}\n".utf8)
        try Self.write(bytes, "million.json", in: directory)
        let run = runCLI(["validate", "million.json"], directory: directory.path)
        #expect(run.code == 1)
        #expect(run.stderr == "million.json: warning: 2990000 more findings not reported: at most 10000 per file, the most severe first (--max-findings)\n")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 10_002)
        #expect(lines.first == "million.json:2:11: error: hosts[0] is missing required field 'environment' [missing-field]")
        #expect(lines.dropLast().last == "million.json: 1 environment, 1000000 hosts; 10000 findings (2990000 more not reported: --max-findings)")
        #expect(lines.last == "1 file checked, 1000001 entities: 10000 errors, 0 warnings, 0 notes")
        let json = runCLI(["validate", "--format", "json", "--max-findings", "3", "million.json"], directory: directory.path)
        #expect(json.stdout.contains("\"omittedFindings\": 2999997"))
    }

    /// The cap keeps the most severe findings, so the exit code still sees every error.
    @Test func theFindingsCapKeepsTheMostSevere() throws {
        let directory = try TemporaryDirectory()
        // Staging findings are warnings; the one production finding (an error) comes last in the file.
        let hosts = (1...5).map { "{\"id\": \"s\($0)\", \"environment\": \"stage\", \"provider\": \"aws\", \"logRotation\": false}" }
        try directory.write("capped.json", """
            {"infractl": 2, "name": "capped",
             "environments": [{"id": "stage", "kind": "staging"}, {"id": "prod", "kind": "production"}],
             "providers": [{"id": "aws", "kind": "aws", "region": "us-east-1"}],
             "hosts": [\(hosts.joined(separator: ", ")), {"id": "p1", "environment": "prod", "provider": "aws", "managedBy": "chef", "logRotation": true}],
             "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["p1"], "supervisor": "systemd"}]}
            """)
        let all = runCLI(["validate", "--as-of", Self.asOf, "capped.json"], directory: directory.path)
        let errors = all.stdout.split(separator: "\n").filter { $0.contains(": error: ") }.count
        #expect(errors >= 1)
        let capped = runCLI(["validate", "--as-of", Self.asOf, "--max-findings", "1", "capped.json"], directory: directory.path)
        #expect(capped.code == 1, "the error is kept: \(capped.stdout)")
        let lines = capped.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.contains(": error: ") == true)
        #expect(capped.stderr.hasPrefix("capped.json: warning: "))
        #expect(runCLI(["validate", "--max-findings", "0", "capped.json"], directory: directory.path).code == 2)
    }

    @Test func aDirectoryWithSymlinkLoopsIsWalkedOnce() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tree/inv.json", minimalInventory)
        try directory.write("tree/sub/other.json", minimalInventory.replacingOccurrences(of: "\"shop\"", with: "\"other\""))
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: directory.path + "/tree/self", withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: directory.path + "/tree/sub/up", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: directory.path + "/tree/sub/loop", withDestinationPath: "loop")
        let run = runCLI(["validate", "--fail-on", "never", "tree"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let summaries = run.stdout.split(separator: "\n").filter { $0.hasPrefix("tree/") && !$0.contains(": error: ") && !$0.contains(": warning: ") }
        #expect(summaries.map { String($0.prefix { $0 != ":" }) } == ["tree/inv.json", "tree/sub/other.json"])
        // Named directly, a link to itself cannot be read.
        let loop = runCLI(["validate", "tree/sub/loop"], directory: directory.path)
        #expect(loop.code == 2)
        #expect(loop.stderr == "tree/sub/loop: error: cannot read: too many levels of symbolic links\n")
    }

    /// Files that cannot be read. Tests run as root here, so permissions cannot make a file
    /// unreadable: a dangling link, a path through a file, a device and a directory named `*.json`
    /// stand in; a `chmod 000` file is checked too when not root.
    @Test func unreadablePathsAreToolErrors() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inv.json", minimalInventory)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/gone.json", withDestinationPath: "nowhere.json")
        try FileManager.default.createDirectory(atPath: directory.path + "/folder.json", withIntermediateDirectories: false)
        let cases: [(String, String)] = [
            ("gone.json", "gone.json: error: cannot read: no such file or directory\n"),
            ("inv.json/x.json", "inv.json/x.json: error: cannot read: not a directory\n"),
            ("/dev/null", "/dev/null: error: cannot read: not a regular file\n"),
            ("folder.json", "folder.json: error: no inventories found (no *.json files below it)\n"),
        ]
        for (path, message) in cases {
            let run = runCLI(["validate", path], directory: directory.path)
            #expect(run.code == 2, "\(path)")
            #expect(run.stderr == message)
        }
        if getuid() != 0 {
            let locked = try directory.write("locked.json", minimalInventory)
            chmod(locked, 0)
            let run = runCLI(["validate", "locked.json"], directory: directory.path)
            #expect(run.code == 2)
            #expect(run.stderr == "locked.json: error: cannot read: permission denied\n")
        }
    }

    /// A FIFO is refused, not read: opening with O_NONBLOCK does not wait for a writer, and only
    /// regular files are read. Run on another thread with a deadline, so a regression fails
    /// instead of hanging the suite.
    @Test func aFIFODoesNotHang() throws {
        let directory = try TemporaryDirectory()
        #expect(mkfifo(directory.path + "/pipe.json", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: directory.path + "/tree", withIntermediateDirectories: false)
        #expect(mkfifo(directory.path + "/tree/pipe.json", 0o644) == 0)
        for (arguments, message) in [
            (["validate", "pipe.json"], "pipe.json: error: cannot read: not a regular file\n"),
            // Inside a walk it is an error too, not a silent skip.
            (["validate", "tree"], "tree/pipe.json: error: cannot read: not a regular file\n"),
            (["docs", "pipe.json"], "pipe.json: error: cannot read: not a regular file\n"),
            (["diff", "pipe.json", "pipe.json"], "pipe.json: error: cannot read: not a regular file\npipe.json: error: cannot read: not a regular file\n"),
        ] {
            let done = DispatchSemaphore(value: 0)
            let box = RunBox()
            let path = directory.path
            Thread.detachNewThread {
                box.run = runCLI(arguments, directory: path)
                done.signal()
            }
            guard done.wait(timeout: .now() + 20) == .success else {
                Issue.record("\(arguments) hangs on a FIFO")
                continue
            }
            #expect(box.run?.code == 2)
            #expect(box.run?.stderr == message)
        }
    }

    // MARK: Limits

    @Test func theStringLengthLimitIsExactAndConfigurable() throws {
        let directory = try TemporaryDirectory()
        let limit = JSONReader.defaultMaxStringLength
        func inventory(description length: Int) -> [UInt8] {
            Array("{\"infractl\": 2, \"name\": \"s\", \"environments\": [], \"description\": \"".utf8)
                + [UInt8](repeating: UInt8(ascii: "x"), count: length) + Array("\"}\n".utf8)
        }
        try Self.write(inventory(description: limit), "at-limit.json", in: directory)
        try Self.write(inventory(description: limit + 1), "over-limit.json", in: directory)
        #expect(runCLI(["validate", "at-limit.json"], directory: directory.path).code == 0)
        let over = runCLI(["validate", "over-limit.json"], directory: directory.path)
        #expect(over.code == 2)
        #expect(over.stderr == "over-limit.json:1:65: error: string longer than 1048576 bytes (limit: --max-string-length)\n")
        #expect(runCLI(["validate", "--max-string-length", "\(limit + 1)", "over-limit.json"], directory: directory.path).code == 0)
        let stdin = runCLI(["validate", "--max-string-length", "3", "-"], stdin: "{\"infractl\": 2, \"name\": \"four\"}", directory: directory.path)
        #expect(stdin.stderr == "<stdin>:1:2: error: string longer than 3 bytes (limit: --max-string-length)\n")
        // Keys count too; escapes count as written.
        #expect(JSONReader(maxStringLength: 3).readError("{\"four\": 1}") == "string longer than 3 bytes (limit: --max-string-length)")
        #expect(JSONReader(maxStringLength: 5).readError("[\"\\u0041\"]") == "string longer than 5 bytes (limit: --max-string-length)")
        #expect(JSONReader(maxStringLength: 6).readError("[\"\\u0041\"]") == nil)
        #expect(JSONReader(maxStringLength: 6).readError("[\"\\u004\"]") != nil)
        #expect(JSONReader(maxStringLength: 3).readError("[\"éé\"]") == "string longer than 3 bytes (limit: --max-string-length)")
        #expect(JSONReader(maxStringLength: 4).readError("[\"éé\"]") == nil)
        let bad = runCLI(["validate", "--max-string-length", "0", "x.json"], directory: directory.path)
        #expect(bad.code == 2)
        #expect(bad.stderr.hasPrefix("error: '--max-string-length' needs a positive whole number, found '0'"))
    }

    @Test func theDepthAndFileSizeLimitsAreConfigurable() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inv.json", minimalInventory)
        let depth = runCLI(["validate", "--max-depth", "2", "inv.json"], directory: directory.path)
        #expect(depth.code == 2)
        #expect(depth.stderr == "inv.json:4:20: error: nesting is deeper than 2 levels\n")
        #expect(runCLI(["validate", "--max-depth", "4", "--fail-on", "never", "inv.json"], directory: directory.path).code == 0)
        let size = runCLI(["validate", "--max-file-size", "100", "inv.json"], directory: directory.path)
        #expect(size.code == 2)
        #expect(size.stderr == "inv.json: error: file is \(minimalInventory.utf8.count) bytes, larger than the 100-byte limit (--max-file-size)\n")
        let stdin = runCLI(["validate", "--max-file-size", "10", "-"], stdin: minimalInventory, directory: directory.path)
        // Standard input is read no further than the limit, so its size is not known.
        #expect(stdin.stderr == "<stdin>: error: more than the 10-byte limit (--max-file-size); stopped reading there\n")
        // The limits apply to every input: the configuration file too.
        try directory.write(".infractl.json", "{\"asOf\": \"2026-11-01\", \"rules\": {\"\(String(repeating: "r", count: 40))\": {}}}")
        let config = runCLI(["validate", "--max-string-length", "30", "inv.json"], directory: directory.path)
        #expect(config.code == 2)
        #expect(config.stderr == ".infractl.json:1:34: error: string longer than 30 bytes (limit: --max-string-length)\n")
    }

    /// A long run of private-key headers without their marker used to be scanned to the end of the
    /// string once per header, quadratic in the string's length (found by review). Now linear: the
    /// time is held by `scripts/bench --smoke` (300,000 against 3,000,000 headers), as timed assertions
    /// here were flaky on a loaded machine; this checks the run ends and reports nothing.
    @Test func manyKeyBlockHeadersAreScannedToTheEnd() throws {
        let directory = try TemporaryDirectory()
        let headers = Self.repeated("-----BEGIN ", 90_000)
        try Self.write(Array("{\"infractl\": 2, \"name\": \"k\", \"environments\": [], \"description\": \"".utf8) + headers + Array("\"}\n".utf8),
                       "headers.json", in: directory)
        let run = runCLI(["validate", "headers.json"], directory: directory.path)
        #expect(run.code == 0, "\(run.stdout)")
    }
}

/// The result of a run on another thread.
private final class RunBox: @unchecked Sendable {
    // Written by the running thread before it signals; read only after the signal.
    var run: CLIRun?
}

private extension JSONReader {
    /// The message of the error reading `text` gives, or nil when it is read.
    func readError(_ text: String) -> String? {
        do {
            _ = try read(path: "t.json", text: text)
            return nil
        } catch {
            return error.message
        }
    }
}

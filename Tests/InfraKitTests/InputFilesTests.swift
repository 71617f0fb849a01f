import Foundation
import Testing
@testable import InfraJSON
@testable import InfraCLI

/// What infractl reads: a directory walk stays inside the directory it was given, skips nothing in
/// silence, and every input, standard input included, is bounded while it is read.
@Suite("Input files")
struct InputFilesTests {
    static let inventoryText: String = (try? String(contentsOfFile: repositoryRoot + "/Tests/InfraKitTests/Fixtures/valid/every-kind.json",
                                                    encoding: .utf8)) ?? ""

    /// `root -> /` and `leak.json -> ../outside/config.json`: neither is followed, each is said once.
    @Test func aWalkDoesNotFollowLinksOutOfItsDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tree/a.json", Self.inventoryText)
        try directory.write("outside/config.json", #"{"secret_key": "value"}"#)
        #expect(symlink("/", directory.path + "/tree/root") == 0)
        #expect(symlink("../outside/config.json", directory.path + "/tree/leak.json") == 0)
        #expect(symlink("a.json", directory.path + "/tree/inside.json") == 0)
        let run = runCLI(["validate", "--fail-on", "never", "tree"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n")
        #expect(notes.count == 2, "\(run.stderr)")
        #expect(notes.allSatisfy { $0.contains(": note: not following the symbolic link to") && $0.hasSuffix("(--follow-symlinks follows it)") })
        #expect(!run.stdout.contains("outside") && !run.stdout.contains("secret_key"))
        // A link inside the tree is followed as before.
        #expect(run.stdout.contains("tree/inside.json:"))
        #expect(run.stdout.hasSuffix("2 files checked, 36 entities: 14 errors, 6 warnings, 2 notes\n"), "\(run.stdout)")
        // With --follow-symlinks the walk goes where the links lead (not to / here: that is every file).
        #expect(unlink(directory.path + "/tree/root") == 0)
        let followed = runCLI(["validate", "--fail-on", "never", "--follow-symlinks", "--rule", "unknown-key", "tree"],
                              directory: directory.path)
        #expect(followed.stderr.isEmpty, "\(followed.stderr)")
        #expect(followed.stdout.contains("tree/leak.json:1:2: error: unknown top-level key 'secret_key'"), "\(followed.stdout)")
    }

    /// The files a walk finds are read side by side: each source holds its own file's bytes, and
    /// sources and failures come in the order of the walk, as when they were read one at a time.
    @Test func filesReadSideBySideKeepTheOrderOfTheWalk() throws {
        let directory = try TemporaryDirectory()
        var expected: [String] = []
        for number in 0..<300 {
            let name = "tree/" + (number % 7 == 0 ? "sub-\(number / 50)/" : "") + "part-\(number).json"
            try directory.write(name, #"{"infractl": 2, "name": "part \#(number)"}"#)
            expected.append(name)
        }
        #expect(symlink("nowhere.json", directory.path + "/tree/part-150a.json") == 0)
        #expect(symlink("nowhere.json", directory.path + "/tree/sub-3/dangling.json") == 0)
        let context = CommandContext(stdout: CapturedText(), stderr: CapturedText(), currentDirectory: directory.path)
        let collected = InputFiles(context: context).collect(["tree"])
        // The walk's order: names sorted byte by byte, a directory where its name falls.
        #expect(collected.sources.map(\.path) == expected.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for source in collected.sources {
            let number = source.path.split(separator: "-").last.map { $0.dropLast(".json".count) } ?? ""
            #expect(String(decoding: source.bytes, as: UTF8.self) == #"{"infractl": 2, "name": "part \#(number)"}"#)
        }
        #expect(collected.failures.map(\.path) == ["tree/part-150a.json", "tree/sub-3/dangling.json"])
    }

    /// A `*.json` entry that cannot be read is an error, never a silent skip.
    @Test func anUnreadableEntryInAWalkIsAnError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tree/ok.json", Self.inventoryText)
        #expect(symlink("nowhere.json", directory.path + "/tree/dangling.json") == 0)
        #expect(symlink("nowhere", directory.path + "/tree/dangling-other") == 0)  // not an inventory: left alone
        let badName = Array("\(directory.path)/tree/bad".utf8) + [0xFF] + Array(".json".utf8)
        let created = badName.withUnsafeBufferPointer { bytes in
            (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { creat($0.baseAddress!, 0o644) }
        }
        #expect(created >= 0)
        close(created)
        let run = runCLI(["validate", "--fail-on", "never", "tree"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == """
            tree/bad\\x{FF}.json: error: cannot read: the name is not valid UTF-8; rename it
            tree/dangling.json: error: cannot read: dangling symbolic link: no such file or directory

            """, "\(run.stderr)")
        #expect(run.stdout.contains("1 file checked"))
    }

    /// A directory nested deeper than PATH_MAX: the walk says where it stopped. Made and removed
    /// through directory descriptors (`mkdirat`, `openat`): no path that long can be named, and the
    /// tests share one working directory, which must not change.
    @Test func aPathTooLongIsAnError() throws {
        let directory = try TemporaryDirectory()
        let component = String(repeating: "d", count: 200)
        let depth = Int(PATH_MAX) / 200 + 2
        var descriptors = [open(directory.path, O_RDONLY | O_DIRECTORY)]
        for level in 0...depth {
            let name = level == 0 ? "deep" : component
            #expect(mkdirat(descriptors[descriptors.count - 1], name, 0o755) == 0)
            descriptors.append(openat(descriptors[descriptors.count - 1], name, O_RDONLY | O_DIRECTORY))
        }
        let file = openat(descriptors[descriptors.count - 1], "inner.json", O_CREAT | O_WRONLY, 0o644)
        close(file)
        defer {
            // Innermost first: the file, then each directory from the one that holds it.
            unlinkat(descriptors[descriptors.count - 1], "inner.json", 0)
            for level in stride(from: depth, through: 0, by: -1) {
                unlinkat(descriptors[level], level == 0 ? "deep" : component, AT_REMOVEDIR)
            }
            descriptors.forEach { close($0) }
        }
        let run = runCLI(["validate", "--fail-on", "never", "deep"], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("error: cannot read: file name too long"), "\(run.stderr)")
    }

    @Test func standardInputStopsAtTheLimit() {
        let run = runCLI(["validate", "--max-file-size", "1000", "-"], stdin: String(repeating: " ", count: 5000))
        #expect(run.code == 2)
        #expect(run.stderr == "<stdin>: error: more than the 1000-byte limit (--max-file-size); stopped reading there\n")
    }

    @Test(arguments: [[""], ["-", "-"], ["x.json", "", "y.json"]])
    func anEmptyPathOrStandardInputTwiceIsAUsageError(_ paths: [String]) {
        for command in ["validate", "report"] {
            let run = runCLI([command] + paths, stdin: Self.inventoryText)
            #expect(run.code == 2)
            #expect(run.stderr.hasPrefix("error: an input PATH is empty") || run.stderr.hasPrefix("error: standard input (-) is named more than once"),
                    "\(run.stderr)")
        }
    }

    /// `yes '[' | infractl validate -` stops after a kilobyte, with the reader's own error at its
    /// place, and so do other endless streams that cannot be JSON; a real process, a real pipe.
    @Test(.enabled(if: AtomicWriteTests.executable != nil, "needs the infractl executable beside the tests"),
          arguments: [("[", "<stdin>:513:1: error: nesting is deeper than 512 levels"),
                      ("{}", "<stdin>:2:1: error: expected end of file after the top-level value, found '{'"),
                      ("a", "<stdin>:1:1: error: expected a value")])
    func anEndlessStreamStopsEarly(_ line: String, _ expected: String) throws {
        let executable = try #require(AtomicWriteTests.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // ulimit -v: were the stream read to the 512 MiB limit, it could not be held under 256 MiB.
        process.arguments = ["-c", "ulimit -v 1048576; yes '\(line)' | '\(executable)' validate -"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(stderr.hasPrefix(expected), "\(stderr)")
    }

    /// The early stop never cuts a document the reader would read differently: every fixture and
    /// seed gives the same output from standard input as from its file.
    @Test func standardInputAndFileGiveTheSameOutput() throws {
        var files = ["inventories/classroom7.json", "Tests/InfraKitTests/Fixtures/valid/every-kind.json"]
        for folder in ["hostile", "broken"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Tests/InfraKitTests/Fixtures/" + folder)
            files += names.filter { $0.hasSuffix(".json") }.sorted().map { "Tests/InfraKitTests/Fixtures/\(folder)/\($0)" }
        }
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + file))
            // Invalid UTF-8 cannot be a String stdin here; `validating` keeps a byte-order mark.
            guard let text = String(validating: Array(data), as: UTF8.self) else { continue }
            let fromFile = runCLI(["validate", "--as-of", "2026-11-23", file])
            let fromInput = runCLI(["validate", "--as-of", "2026-11-23", "-"], stdin: text)
            #expect(fromInput.code == fromFile.code, "\(file)")
            #expect(fromInput.stdout.replacingOccurrences(of: "<stdin>", with: file) == fromFile.stdout, "\(file)")
            // The check itself, fed in pieces of every size from 1 byte, never stops a file early.
            var check = JSONStreamCheck(maxDepth: JSONReader.defaultMaxDepth)
            let bytes = Array(data)
            let accepted = bytes.withUnsafeBufferPointer { buffer in
                stride(from: 0, to: buffer.count, by: 7).allSatisfy { start in
                    check.read(UnsafeBufferPointer(rebasing: buffer[start..<min(start + 7, buffer.count)]))
                }
            }
            if fromFile.code != 2 { #expect(accepted, "\(file): the stream check stopped a readable document") }
        }
    }
}

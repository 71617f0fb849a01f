import Foundation
import Testing
import InfraKit

/// Everything infractl writes goes through `AtomicFile` (a temporary file in the same directory,
/// flushed, then renamed over the target), so a failed or interrupted write leaves the old file as
/// it was. Checked here through the commands themselves, for every file they write.
@Suite("Atomic writes through the commands")
struct AtomicWriteTests {
    static let classroom7 = repositoryRoot + "/inventories/classroom7.json"

    /// Each command option that writes a file, with the arguments around it (`FILE` is the target).
    static let writers: [[String]] = [
        ["validate", "--as-of", "2026-11-23", "--format", "json", "--output", "FILE", classroom7],
        ["validate", "--as-of", "2026-11-23", "--write-baseline", "FILE", classroom7],
        ["report", "--as-of", "2026-11-23", "--output", "FILE", classroom7],
        ["docs", classroom7, "--as-of", "2026-11-23", "--output", "FILE"],
        ["docs", classroom7, "--as-of", "2026-11-23", "--inject", "FILE"],
        ["schema", "--output", "FILE"],
    ]

    static let oldContents = "# Old page\n\n<!-- infractl:begin -->\nold docs\n<!-- infractl:end -->\n"

    /// The write fails before anything is renamed: the target's name is so long that the temporary
    /// file's (`.NAME.infractl-XXXXXX`) is too long for the file system. (Tests run as root, so
    /// permissions cannot make a directory unwritable.) The old file is intact, nothing is left over.
    @Test(arguments: AtomicWriteTests.writers)
    func aFailedWriteLeavesTheOldFile(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let name = String(repeating: "r", count: 245) + ".md"
        try directory.write(name, Self.oldContents)
        let run = runCLI(arguments.map { $0 == "FILE" ? name : $0 }, directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr == "\(name): error: cannot write: file name too long\n")
        #expect(try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8) == Self.oldContents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [name], "nothing is left over")
    }

    /// The same commands succeed on an ordinary name, replacing the old file whole.
    @Test(arguments: AtomicWriteTests.writers)
    func aWriteReplacesTheOldFileWhole(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        try directory.write("out.md", Self.oldContents)
        let run = runCLI(arguments.map { $0 == "FILE" ? "out.md" : $0 }, directory: directory.path)
        #expect(run.code != 2, "\(run.stderr)")
        let written = try String(contentsOfFile: directory.path + "/out.md", encoding: .utf8)
        #expect(written != Self.oldContents && !written.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.md"])
    }

    /// The `infractl` executable built beside the test bundle.
    static let executable: String? = {
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
            .compactMap { $0?.deletingLastPathComponent().appendingPathComponent("infractl").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether this process (and so the executable beside it) is built with `--sanitize=thread`.
    static let underThreadSanitizer: Bool = dlsym(dlopen(nil, RTLD_NOW), "__tsan_init") != nil

    /// A write really interrupted: `infractl` runs in a child process whose file-size limit
    /// (`ulimit -f`) is far below the report, so the kernel stops the write halfway. Killed by
    /// SIGXFSZ mid-write, it leaves the old report intact (and a partial temporary file, which no
    /// reader mistakes for the report); with SIGXFSZ ignored, the write fails, the temporary file is
    /// removed and the command says why.
    @Test(.enabled(if: AtomicWriteTests.executable != nil, "needs the infractl executable beside the tests"),
          .disabled(if: AtomicWriteTests.underThreadSanitizer, "ThreadSanitizer's runtime cannot start under a file-size limit"))
    func anInterruptedWriteLeavesTheOldFile() throws {
        let executable = try #require(Self.executable)
        let directory = try TemporaryDirectory()
        let old = String(repeating: "old report\n", count: 20)
        try directory.write("report.json", old)
        func run(ignoringSignal: Bool) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // The test runner may ignore SIGXFSZ, and children inherit that: set it explicitly.
            // 8 blocks (4 or 8 KiB, by shell): less than the report (about 30 KiB), more than the old file.
            process.arguments = [ignoringSignal ? "--ignore-signal=XFSZ" : "--default-signal=XFSZ", "/bin/sh", "-c",
                                 "ulimit -f 8; exec \"$0\" validate --as-of 2026-11-23 --format json --output report.json \"$1\"",
                                 executable, Self.classroom7]
            process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
            // Under `swift test --sanitize=address` the child is instrumented too: its leak check at
            // exit would change the exit status this test reads.
            process.environment = ProcessInfo.processInfo.environment.merging(["ASAN_OPTIONS": "detect_leaks=0"]) { _, new in new }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason, text)
        }

        let killed = try run(ignoringSignal: false)
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGXFSZ, "\(killed)")
        #expect(try String(contentsOfFile: directory.path + "/report.json", encoding: .utf8) == old)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "report.json" }
        #expect(leftovers.allSatisfy { $0.hasPrefix(".report.json.infractl-") }, "\(leftovers)")
        for leftover in leftovers { try FileManager.default.removeItem(atPath: directory.path + "/" + leftover) }

        let failed = try run(ignoringSignal: true)
        #expect(failed.reason == .exit && failed.status == 2)
        #expect(failed.stderr == "report.json: error: cannot write: file too large\n")
        #expect(try String(contentsOfFile: directory.path + "/report.json", encoding: .utf8) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }
}

import Foundation
import Testing
import InfraKit

/// What infractl writes (`--output`, `--write-baseline`, `docs --inject`) never destroys anything:
/// a device stays a device, a link stays a link, a file keeps its mode and owner, a read-only
/// file and an input are refused, and one file is never named as two outputs. infractl often runs
/// as root in CI, so these tests run as root would: device nodes are made with `mknod` in a
/// temporary directory (never the real `/dev`), and read-only means the mode, not `access(2)`.
@Suite("Output files")
struct OutputFilesTests {
    static let inventory = repositoryRoot + "/Tests/InfraKitTests/Fixtures/valid/every-kind.json"

    /// glibc's `makedev` (a macro Swift does not import), for majors and minors under 256.
    static func device(_ major: UInt64, _ minor: UInt64) -> dev_t {
        dev_t(major << 8 | minor)
    }

    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func anOutputThatIsADeviceIsWrittenToNotReplaced() throws {
        let directory = try TemporaryDirectory()
        let null = directory.path + "/null"
        #expect(mknod(null, S_IFCHR | 0o666, Self.device(1, 3)) == 0)
        let run = runCLI(["validate", "--fail-on", "never", "--format", "sarif", "--output", null, Self.inventory])
        #expect(run.code == 0, "\(run.stderr)")
        var info = stat()
        #expect(lstat(null, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the node is still a character device")
        // /dev/full refuses every write: a clear error, and the device is still there.
        let full = directory.path + "/full"
        #expect(mknod(full, S_IFCHR | 0o666, Self.device(1, 7)) == 0)
        let failed = runCLI(["validate", "--format", "json", "--output", full, Self.inventory])
        #expect(failed.code == 2)
        #expect(failed.stderr.contains("cannot write: no space left on device"), "\(failed.stderr)")
        #expect(lstat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aSymlinkIsFollowedAndStaysALink() throws {
        let directory = try TemporaryDirectory()
        try directory.write("real.json", "old")
        #expect(symlink("real.json", directory.path + "/link.json") == 0)
        // And a link to a file that does not exist yet creates that file.
        #expect(symlink("created.json", directory.path + "/dangling.json") == 0)
        for link in ["link.json", "dangling.json"] {
            let run = runCLI(["validate", "--fail-on", "never", "--format", "json", "--output", link, Self.inventory],
                             directory: directory.path)
            #expect(run.code == 0, "\(run.stderr)")
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/" + link)
            #expect(try String(contentsOfFile: directory.path + "/" + destination, encoding: .utf8).hasPrefix("{"))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/link.json") == "real.json")
    }

    @Test func aFIFOWithAReaderIsWrittenToAndOneWithoutIsRefused() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let refused = runCLI(["validate", "--fail-on", "never", "--format", "json", "--output", fifo, Self.inventory])
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("cannot write: no process reads it"), "\(refused.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func anExistingFileKeepsItsModeAndAReadOnlyOneIsRefused() throws {
        let directory = try TemporaryDirectory()
        let secret = try directory.write("private.txt", "old")
        chmod(secret, 0o600)
        let run = runCLI(["validate", "--fail-on", "never", "--output", secret, Self.inventory])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(try Self.mode(secret) == 0o600)
        #expect(try String(contentsOfFile: secret, encoding: .utf8) != "old")
        let readOnly = try directory.write("read-only.txt", "keep me")
        chmod(readOnly, 0o444)
        let refused = runCLI(["validate", "--fail-on", "never", "--output", readOnly, Self.inventory])
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("the file is read-only (mode 444); nothing was written"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "keep me")
        #expect(try Self.mode(readOnly) == 0o444)
    }

    @Test(.enabled(if: getuid() == 0, "changing a file's owner needs root"))
    func anExistingFileKeepsItsOwner() throws {
        let directory = try TemporaryDirectory()
        let owned = try directory.write("owned.txt", "old")
        #expect(chown(owned, 1234, 5678) == 0)
        let run = runCLI(["validate", "--fail-on", "never", "--output", owned, Self.inventory])
        #expect(run.code == 0, "\(run.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: owned)
        #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 1234)
        #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == 5678)
    }

    /// `--output in.json in.json`, `--write-baseline in.json in.json`, `docs --output` onto its
    /// inventory, `--output` onto the configuration: refused before anything is written.
    @Test(arguments: [
        ["validate", "--format", "json", "--output", "in.json", "in.json"],
        ["validate", "--write-baseline", "in.json", "in.json"],
        ["validate", "--write-baseline", "./sub/../in.json", "sub"],
        ["validate", "--output", "cfg.json", "--config", "cfg.json", "in.json"],
        ["report", "--output", "in.json", "in.json"],
        ["docs", "in.json", "--output", "in.json"],
        ["docs", "in.json", "--inject", "link.json"],
    ])
    func anOutputThatIsAnInputIsRefused(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: Self.inventory, encoding: .utf8)
        try directory.write("in.json", original)
        try directory.write("sub/other.json", original)
        try directory.write("cfg.json", "{}")
        #expect(symlink("in.json", directory.path + "/link.json") == 0)
        let run = runCLI(arguments, directory: directory.path)
        if arguments.contains("sub") {
            // A file in no walked directory is no input: `in.json` is written, `sub` is read.
            #expect(run.code == 1, "\(run.stderr)")
            return
        }
        #expect(run.code == 2)
        #expect(run.stderr.contains("would write over the input"), "\(run.stderr)")
        #expect(try String(contentsOfFile: directory.path + "/in.json", encoding: .utf8) == original)
        #expect(try String(contentsOfFile: directory.path + "/cfg.json", encoding: .utf8) == "{}")
    }

    @Test(arguments: [
        ["--format", "json", "--output", "out.json", "--format", "sarif", "--output", "out.json"],
        ["--format", "json", "--output", "out.json", "--format", "sarif", "--output", "./x/../out.json"],
        ["--format", "json", "--output", "out.json", "--write-baseline", "out.json"],
    ])
    func oneFileNamedAsTwoOutputsIsRefused(_ options: [String]) throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/x", withIntermediateDirectories: true)
        let run = runCLI(["validate"] + options + [Self.inventory], directory: directory.path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("are the same output file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out.json"))
    }

    /// A report written into the directory it checks is not read back as an inventory next time.
    @Test func anOutputInsideAWalkedDirectoryIsNotReadBack() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventories/a.json", try String(contentsOfFile: Self.inventory, encoding: .utf8))
        let arguments = ["validate", "--fail-on", "never", "--format", "json", "--output", "inventories/report.json", "inventories"]
        let first = runCLI(arguments, directory: directory.path)
        #expect(first.code == 0, "\(first.stderr)")
        let second = runCLI(arguments, directory: directory.path)
        #expect(second.code == 0, "\(second.stderr)")
        #expect(second.stderr == "inventories/report.json: note: not read: this run writes it\n")
        let report = try String(contentsOfFile: directory.path + "/inventories/report.json", encoding: .utf8)
        #expect(report.contains("\"path\" : \"inventories/a.json\"") || report.contains("\"path\": \"inventories/a.json\""))
        #expect(!report.contains("inventories/report.json"))
    }

    @Test func aDeviceMayTakeSeveralOutputs() {
        let run = runCLI(["validate", "--fail-on", "never", "--format", "json", "--output", "/dev/null",
                          "--format", "sarif", "--output", "/dev/null", Self.inventory])
        #expect(run.code == 0, "\(run.stderr)")
    }

    /// Runs the real executable through `sh -c SCRIPT` (`$INFRACTL` is the executable): its standard
    /// output, standard error and exit status.
    static func shell(_ script: String, in directory: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let executable = try #require(AtomicWriteTests.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["INFRACTL": executable, "PATH": "/usr/bin:/bin"]
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    /// `--output /dev/stdout`, and a link to `/proc/self/fd/1`, write to standard output itself.
    @Test(.enabled(if: AtomicWriteTests.executable != nil, "needs the infractl executable beside the tests"))
    func standardOutputNamedAsAFileIsStandardOutput() throws {
        let directory = try TemporaryDirectory()
        #expect(symlink("/proc/self/fd/1", directory.path + "/out.json") == 0)
        for output in ["/dev/stdout", "out.json"] {
            let run = try Self.shell("\"$INFRACTL\" validate --fail-on never --format json --output \(output) '\(Self.inventory)' | cat",
                                     in: directory.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("{\n  \"version\" : 1") || run.stdout.hasPrefix("{\n  \"version\": 1"), "\(output): \(run.stdout.prefix(80))")
        }
        var info = stat()
        #expect(lstat(directory.path + "/out.json", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
    }

    /// A file whose name is not UTF-8, named on the command line, is refused with its bytes shown.
    @Test(.enabled(if: AtomicWriteTests.executable != nil, "needs the infractl executable beside the tests"))
    func anArgumentThatIsNotUTF8IsRefused() throws {
        let directory = try TemporaryDirectory()
        let run = try Self.shell("cp '\(Self.inventory)' \"$(printf 'bad\\377.json')\"; \"$INFRACTL\" validate \"$(printf 'bad\\377.json')\"",
                                 in: directory.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: argument 2 is not valid UTF-8 ('bad\\x{FF}.json')"), "\(run.stderr)")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import InfraJSON
import InfraRules

/// Finds and reads the inventories named on a command line: files, directories (every `*.json`
/// below, in sorted order, hidden entries skipped, symlink loops cut), or `-` for standard input.
struct InputFiles {
    /// Largest file read, in bytes; larger ones are refused with a clear message.
    static let defaultMaxFileSize = 512 * 1024 * 1024
    /// Files at least this large are mapped (`FileMapping`), or read in two halves side by side
    /// when they cannot be.
    static let largeFileSize = 8 * 1024 * 1024

    let context: CommandContext
    var maxFileSize = InputFiles.defaultMaxFileSize
    /// The reader's nesting limit, which reading standard input may stop at (`JSONStreamCheck`).
    var maxDepth = JSONReader.defaultMaxDepth
    /// The files this run writes: a walk leaves them out, so an output is never read as an input.
    var outputs: OutputTargets?
    /// Whether a walk follows a symbolic link that leads out of the directory named on the command
    /// line (`--follow-symlinks`); by default such a link is left out, with a note.
    var followsSymlinks = false
    /// When set, every path is shown relative to the project root (`ProjectRoot.shown`) and opened
    /// from it; without it, paths are shown as given.
    var root: ProjectRoot?
    /// What standard input is called in messages, reports and fingerprints (`--stdin-name`).
    var standardInputName = InputFiles.standardInputName
    /// Files a directory walk leaves out (`--exclude`, the configuration's `exclude`).
    var exclusions = Exclusions()

    struct Collected {
        var sources: [SourceFile] = []
        var failures: [(path: String, error: ToolError)] = []
        /// What a walk left out on purpose, one line each (`path: note: ...`), for standard error.
        var notes: [String] = []
    }

    /// What a walk finds, in order: sources read at once (standard input), failures, and files to
    /// read once the walk is done.
    private enum Step {
        case source(SourceFile)
        case failure(String, ToolError)
        case read(path: String, opening: String)
    }

    private struct Walked {
        var steps: [Step] = []
        var notes: [String] = []
    }

    /// Every input named: the walk first, then the files it found read side by side on every core
    /// (the kernel's copying and a fresh buffer's page faults are most of what reading a small
    /// file costs), each into its own place, so sources and failures come in the order of the walk.
    func collect(_ paths: [String]) -> Collected {
        var walked = Walked()
        walk(paths, into: &walked)
        let reads = walked.steps.compactMap { step -> (path: String, opening: String)? in
            if case .read(let path, let opening) = step { return (path, opening) }
            return nil
        }
        let maxFileSize = maxFileSize
        var results = reads.mapSideBySide { file -> Result<SourceFile, ToolError> in
            Result { () throws(ToolError) in try Self.readFileSource(file.path, opening: file.opening, maxSize: maxFileSize) }
        }.makeIterator()
        var collected = Collected(notes: walked.notes)
        for step in walked.steps {
            switch step {
            case .source(let source): collected.sources.append(source)
            case .failure(let path, let error): collected.failures.append((path, error))
            case .read(let path, _):
                switch results.next() {
                case .success(let source)?: collected.sources.append(source)
                case .failure(let error)?: collected.failures.append((path, error))
                case nil: preconditionFailure("one result for each file read")
                }
            }
        }
        return collected
    }

    private func walk(_ paths: [String], into collected: inout Walked) {
        for given in paths {
            if given == "-" {
                do throws(ToolError) {
                    collected.steps.append(.source(try Self.readStandardInput(context, maxSize: maxFileSize, maxDepth: maxDepth, name: standardInputName)))
                } catch {
                    collected.steps.append(.failure(standardInputName, error))
                }
                continue
            }
            let path = shown(given)
            var info = stat()
            guard stat(absolute(path), &info) == 0 else {
                collected.steps.append(.failure(path, .unreadable(path: path, reason: Self.errorText(errno))))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var walk = Walk(root: path, rootPath: FileIdentity.realPath(absolute(path)) ?? absolute(path))
                let before = collected.steps.count
                self.walk(directory: path, &walk, into: &collected)
                if collected.steps.count == before {
                    collected.steps.append(.failure(path, .noInventories(path: path)))
                }
            } else {
                read(path, into: &collected)
            }
        }
    }

    /// How a path given on the command line is shown (and named in findings).
    func shown(_ path: String) -> String {
        root?.shown(path, currentDirectory: context.currentDirectory) ?? path
    }

    private func absolute(_ path: String) -> String { root?.absolute(path) ?? context.absolute(path) }

    /// One directory walk: where it started, and the directories already entered (by identity), so
    /// a symbolic link loop or a directory reached twice is walked once.
    private struct Walk {
        let root: String
        /// The root's canonical path: a symbolic link whose target is not below it leaves the tree.
        let rootPath: String
        var visited = Set<FileIdentity>()

        func contains(_ canonical: String) -> Bool {
            canonical == rootPath || canonical.hasPrefix(rootPath == "/" ? "/" : rootPath + "/")
        }
    }

    private func walk(directory: String, _ walk: inout Walk, into collected: inout Walked) {
        var info = stat()
        guard stat(absolute(directory), &info) == 0 else {
            collected.steps.append(.failure(directory, .unreadable(path: directory, reason: Self.errorText(errno))))
            return
        }
        guard walk.visited.insert(FileIdentity(info)).inserted else { return }  // a symlink loop or a repeat
        guard let handle = opendir(absolute(directory)) else {
            collected.steps.append(.failure(directory, .unreadable(path: directory, reason: Self.errorText(errno))))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first != UInt8(ascii: ".") { names.append(name) }
        }
        closedir(handle)
        let prefix = root != nil && directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let text = String(validating: name, as: UTF8.self) else {
                reportUnreadableName(name, in: prefix, into: &collected)
                continue
            }
            let path = prefix + text
            if exclusions.excludes(path) { continue }
            entry(path, &walk, into: &collected)
        }
    }

    /// One entry of a walked directory: a directory is walked, a `*.json` file read; a `*.json`
    /// that cannot be (a dangling link, a FIFO, a name too long) is an error, never skipped in silence.
    private func entry(_ path: String, _ walk: inout Walk, into collected: inout Walked) {
        let isInventory = path.hasSuffix(".json")
        var info = stat()
        guard lstat(absolute(path), &info) == 0 else {
            let error = errno
            if isInventory || error == ENAMETOOLONG {
                collected.steps.append(.failure(path, .unreadable(path: path, reason: Self.errorText(error))))
            }
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard stat(absolute(path), &info) == 0 else {
                if isInventory {
                    collected.steps.append(.failure(path, .unreadable(path: path, reason: "dangling symbolic link: \(Self.errorText(errno))")))
                }
                return
            }
            let target = FileIdentity.realPath(absolute(path)) ?? absolute(path)
            if !followsSymlinks, !walk.contains(target), isInventory || info.st_mode & S_IFMT == S_IFDIR {
                collected.notes.append("\(path): note: not following the symbolic link to '\(target)', outside '\(walk.root)' (--follow-symlinks follows it)")
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            self.walk(directory: path, &walk, into: &collected)
        case S_IFREG where isInventory:
            if let outputs, outputs.skips(FileIdentity(info)) {
                collected.notes.append("\(path): note: not read: this run writes it")
                return
            }
            read(path, into: &collected)
        default:
            if isInventory { collected.steps.append(.failure(path, .unreadable(path: path, reason: "not a regular file"))) }
        }
    }

    /// A name that is not UTF-8 cannot be shown or opened as text: a `*.json` file or a directory
    /// so named is an error, shown with its bytes escaped (`\x{FF}`).
    private func reportUnreadableName(_ name: [UInt8], in prefix: String, into collected: inout Walked) {
        let shown = prefix + Self.escapedName(name)
        var info = stat()
        let bytes = Array(absolute(prefix).utf8) + name + [0]
        let isDirectory = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) == 0 } && info.st_mode & S_IFMT == S_IFDIR
        }
        guard isDirectory || name.reversed().starts(with: Array(".json".utf8).reversed()) else { return }
        collected.steps.append(.failure(shown, .unreadable(path: shown, reason: "the name is not valid UTF-8; rename it")))
    }

    /// `bytes` as text, each byte that is not part of valid UTF-8 written `\x{FF}`.
    static func escapedName(_ bytes: [UInt8]) -> String {
        var output = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length > 0, index + length <= bytes.count,
               let scalar = String(validating: bytes[index..<index + length], as: UTF8.self) {
                output += scalar
                index += length
            } else {
                output += "\\x{" + String(lead, radix: 16, uppercase: true) + "}"
                index += 1
            }
        }
        return output
    }

    /// A file to read once the walk is done (`collect`).
    private func read(_ path: String, into collected: inout Walked) {
        collected.steps.append(.read(path: path, opening: absolute(path)))
    }

    enum ReadFailure: Error {
        case tooLarge(Int)
        case system(String)
    }

    /// A file's bytes: read into an array, or mapped when the file is large.
    enum Contents {
        case read([UInt8])
        case mapped(FileMapping)
    }

    /// Reads a whole regular file; refuses FIFOs, devices and files over `maxSize`. Without
    /// `mapsLargeFiles` (tests of the other way), a large file is read even when it could be mapped.
    static func readFile(_ path: String, maxSize: Int, mapsLargeFiles: Bool = true) -> Result<Contents, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.system(errorText(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.system(errorText(errno))) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.system("is a directory")) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.system("not a regular file")) }
        let size = Int(info.st_size)
        guard size <= maxSize else { return .failure(.tooLarge(size)) }
        if mapsLargeFiles, size >= largeFileSize, let mapping = FileMapping(descriptor: descriptor, size: size) {
            return .success(.mapped(mapping))
        }
        // Read straight into the array's storage: no pass that first fills it with zeros. A large
        // file is read in two halves side by side: the kernel's copying and the page faults of a
        // fresh buffer are most of the time, and they divide between cores.
        var failure: ReadFailure?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, filled in
            filled = 0
            guard let base = buffer.baseAddress else { return }
            let halves = size >= largeFileSize ? [0..<size / 2, size / 2..<size] : [0..<size]
            // Each half writes only its own slot; `concurrentPerform` returns after every half is done.
            var results = [(read: Int, error: Int32)](repeating: (0, 0), count: halves.count)
            results.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let (slots, base) = (slots, base) // buys: a large unmappable file read in two halves side by side
                guard halves.count > 1 else {
                    slots[0] = readRange(descriptor, halves[0], into: base)
                    return
                }
                DispatchQueue.concurrentPerform(iterations: halves.count) { half in
                    slots[half] = readRange(descriptor, halves[half], into: base)
                }
            }
            for (half, result) in results.enumerated() {
                guard result.error == 0 else {
                    failure = .system(errorText(result.error))
                    return
                }
                filled += result.read
                // A file that shrank while being read ends where its bytes stop.
                if result.read < halves[half].count { return }
            }
        }
        if let failure { return .failure(failure) }
        return .success(.read(bytes))
    }

    /// Reads `range` of the file into the same place of `base`: how many bytes it got (fewer at the end
    /// of a file that shrank) and the error number that stopped it, or 0.
    private static func readRange(_ descriptor: Int32, _ range: Range<Int>, into base: UnsafeMutablePointer<UInt8>) -> (read: Int, error: Int32) {
        var done = 0
        while done < range.count {
            let count = pread(descriptor, base + range.lowerBound + done, range.count - done, off_t(range.lowerBound + done))
            if count < 0 {
                if errno == EINTR { continue }
                return (done, errno)
            }
            if count == 0 { break }
            done += count
        }
        return (done, 0)
    }

    /// Reads and parses one JSON file that is not an inventory (a configuration, a baseline).
    static func readDocument(_ path: String, context: CommandContext, maxSize: Int, reader: JSONReader) throws(ToolError) -> JSONDocument {
        let source = try readSource(path, context: context, maxSize: maxSize, maxDepth: reader.maxDepth)
        do {
            return try reader.read(source)
        } catch {
            throw .malformedJSON(source.location(at: error.offset), error.message)
        }
    }

    /// Reads one file (or `-`, standard input, shown as `<stdin>`) whole, with the reason it could not
    /// be read as the one tool error every command reports.
    /// `maxDepth` is the nesting limit of the JSON it holds, at which reading standard input may stop
    /// early; nil for a file that is not JSON (a README to inject into), read to its end.
    /// `opening` is the absolute path to open when it is not `path` made absolute in the working directory.
    static func readSource(_ path: String, opening: String? = nil, context: CommandContext, maxSize: Int,
                           maxDepth: Int? = JSONReader.defaultMaxDepth) throws(ToolError) -> SourceFile {
        if path == "-" { return try readStandardInput(context, maxSize: maxSize, maxDepth: maxDepth ?? .max / 2) }
        return try readFileSource(path, opening: opening ?? context.absolute(path), maxSize: maxSize)
    }

    /// Reads the file at `opening` (an absolute path), shown as `path`, whole.
    static func readFileSource(_ path: String, opening: String, maxSize: Int) throws(ToolError) -> SourceFile {
        switch readFile(opening, maxSize: maxSize) {
        case .success(.read(let bytes)): return SourceFile(path: path, bytes: bytes)
        case .success(.mapped(let mapping)): return SourceFile(path: path, mapping: mapping)
        case .failure(.tooLarge(let size)): throw .tooLarge(path: path, bytes: size, limit: maxSize)
        case .failure(.system(let reason)): throw .unreadable(path: path, reason: reason)
        }
    }

    /// How standard input is named in messages and reports.
    static let standardInputName = "<stdin>"

    /// Standard input, read up to one byte past `maxSize`: an endless stream (`yes '[' | infractl
    /// validate -`) stops at the limit instead of filling the memory.
    static func readStandardInput(_ context: CommandContext, maxSize: Int, maxDepth: Int,
                                  name: String = standardInputName) throws(ToolError) -> SourceFile {
        let bytes = context.readStandardInput(maxSize + 1, maxDepth)
        guard bytes.count <= maxSize else { throw .inputTooLarge(path: name, limit: maxSize) }
        return SourceFile(path: name, bytes: bytes)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

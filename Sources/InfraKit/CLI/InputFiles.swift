#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

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

    struct Collected {
        var sources: [SourceFile] = []
        var failures: [(path: String, error: ToolError)] = []
    }

    func collect(_ paths: [String]) -> Collected {
        var collected = Collected()
        for path in paths {
            if path == "-" {
                let bytes = context.readStandardInput()
                if bytes.count > maxFileSize {
                    collected.failures.append(("<stdin>", .tooLarge(path: "<stdin>", bytes: bytes.count, limit: maxFileSize)))
                } else {
                    collected.sources.append(SourceFile(path: "<stdin>", bytes: bytes))
                }
                continue
            }
            var info = stat()
            guard stat(absolute(path), &info) == 0 else {
                collected.failures.append((path, .unreadable(path: path, reason: Self.errorText(errno))))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var visited = Set<[UInt64]>()
                let before = collected.sources.count + collected.failures.count
                walk(directory: path, into: &collected, visited: &visited)
                if collected.sources.count + collected.failures.count == before {
                    collected.failures.append((path, .noInventories(path: path)))
                }
            } else {
                read(path, into: &collected)
            }
        }
        return collected
    }

    private func absolute(_ path: String) -> String { context.absolute(path) }

    private func walk(directory: String, into collected: inout Collected, visited: inout Set<[UInt64]>) {
        var info = stat()
        guard stat(absolute(directory), &info) == 0 else { return }
        let identity = [UInt64(info.st_dev), UInt64(info.st_ino)]
        guard visited.insert(identity).inserted else { return }  // a symlink loop or a repeat
        guard let handle = opendir(absolute(directory)) else {
            collected.failures.append((directory, .unreadable(path: directory, reason: Self.errorText(errno))))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(handle)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = prefix + name
            var entryInfo = stat()
            guard stat(absolute(path), &entryInfo) == 0 else { continue }  // dangling symlink
            switch entryInfo.st_mode & S_IFMT {
            case S_IFDIR: walk(directory: path, into: &collected, visited: &visited)
            case S_IFREG where name.hasSuffix(".json"): read(path, into: &collected)
            default: continue
            }
        }
    }

    private func read(_ path: String, into collected: inout Collected) {
        do {
            collected.sources.append(try Self.readSource(path, context: context, maxSize: maxFileSize))
        } catch {
            collected.failures.append((path, error))
        }
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
                nonisolated(unsafe) let (slots, base) = (slots, base)
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
        let source = try readSource(path, context: context, maxSize: maxSize)
        do {
            return try reader.read(source)
        } catch {
            throw .malformedJSON(source.location(at: error.offset), error.message)
        }
    }

    /// Reads one file (or `-`, standard input, shown as `<stdin>`) whole, with the reason it could not
    /// be read as the one tool error every command reports.
    static func readSource(_ path: String, context: CommandContext, maxSize: Int) throws(ToolError) -> SourceFile {
        if path == "-" {
            let bytes = context.readStandardInput()
            guard bytes.count <= maxSize else { throw .tooLarge(path: "<stdin>", bytes: bytes.count, limit: maxSize) }
            return SourceFile(path: "<stdin>", bytes: bytes)
        }
        switch readFile(context.absolute(path), maxSize: maxSize) {
        case .success(.read(let bytes)): return SourceFile(path: path, bytes: bytes)
        case .success(.mapped(let mapping)): return SourceFile(path: path, mapping: mapping)
        case .failure(.tooLarge(let size)): throw .tooLarge(path: path, bytes: size, limit: maxSize)
        case .failure(.system(let reason)): throw .unreadable(path: path, reason: reason)
        }
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

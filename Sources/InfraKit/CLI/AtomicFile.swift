#if canImport(Glibc)
import Glibc
#endif
import InfraJSON

/// Writes output files without ever destroying anything:
///
/// - a regular file (or a path that does not exist yet) gets its new contents atomically: the bytes
///   go to a temporary file in the same directory, are flushed to disk, and the file is renamed
///   over the target, so a reader sees the old contents or the new, never half of either; an
///   existing file keeps its mode and owner, and a read-only one (no write bit) is refused;
/// - a symbolic link is followed to the file it names, which is written as above; the link stays;
/// - a device, FIFO or socket (`/dev/null`, `/dev/stdout`) is written to directly, never replaced;
/// - a directory is refused.
///
/// infractl often runs as root in CI, where permission bits do not stop a write: the read-only
/// check looks at the mode itself.
enum AtomicFile {
    enum Failure: Error, Equatable {
        case system(String)

        var reason: String {
            switch self {
            case .system(let reason): reason
            }
        }
    }

    static func write(_ text: String, to path: String) -> Result<Void, Failure> {
        write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) -> Result<Void, Failure> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == ENOENT else { return .failure(.system(InputFiles.errorText(errno))) }
            // Absent, or a link to nothing yet: the file the link names is created.
            switch FileIdentity.followingLinks(path) {
            case .success(let target): return replace(target, with: bytes, keeping: nil)
            case .failure(let failure): return .failure(failure)
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if info.st_mode & 0o222 == 0 {
                return .failure(.system("the file is read-only (mode \(String(info.st_mode & 0o7777, radix: 8))); nothing was written"))
            }
            if access(path, W_OK) != 0 { return .failure(.system(InputFiles.errorText(errno))) }
            // Through any links (`/proc/self/fd/N` included) to the file itself, which is replaced.
            guard let target = FileIdentity.realPath(path) else { return .failure(.system(InputFiles.errorText(errno))) }
            return replace(target, with: bytes, keeping: info)
        case S_IFDIR:
            return .failure(.system("is a directory"))
        default:
            return writeInPlace(bytes, to: path)
        }
    }

    /// The temporary file, then the rename; `existing` is the file replaced, whose mode and owner
    /// the new one keeps.
    private static func replace(_ path: String, with bytes: [UInt8], keeping existing: stat?) -> Result<Void, Failure> {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).infractl-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { return .failure(.system(InputFiles.errorText(errno))) }
        let temporary = String(cString: template.map { UInt8(bitPattern: $0) })
        func fail(_ reason: String) -> Result<Void, Failure> {
            close(descriptor)
            unlink(temporary)
            return .failure(.system(reason))
        }
        if case .failure(let failure) = writeAll(bytes, to: descriptor) { return fail(failure.reason) }
        if let existing {
            fchmod(descriptor, existing.st_mode & 0o7777)
            if existing.st_uid != geteuid() || existing.st_gid != getegid(),
               fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
                return fail("cannot keep the file's owner (\(existing.st_uid):\(existing.st_gid)): \(InputFiles.errorText(errno)); nothing was written")
            }
        } else {
            // A new file gets the usual permissions rather than mkstemp's 0600.
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        guard fsync(descriptor) == 0 else { return fail(InputFiles.errorText(errno)) }
        guard close(descriptor) == 0 else {
            let reason = InputFiles.errorText(errno)
            unlink(temporary)
            return .failure(.system(reason))
        }
        guard rename(temporary, path) == 0 else {
            let reason = InputFiles.errorText(errno)
            unlink(temporary)
            return .failure(.system(reason))
        }
        return .success(())
    }

    /// Writes to a device, FIFO or socket as it is: `/dev/null` stays a device. A FIFO nobody
    /// reads is refused rather than waited on.
    private static func writeInPlace(_ bytes: [UInt8], to path: String) -> Result<Void, Failure> {
        let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            return .failure(.system(errno == ENXIO ? "no process reads it" : InputFiles.errorText(errno)))
        }
        defer { close(descriptor) }
        // Blocking again for the write itself: a pipe's reader sets the pace.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return writeAll(bytes, to: descriptor)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Result<Void, Failure> {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, bytes.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .failure(.system(InputFiles.errorText(errno))) }
            written += count
        }
        return .success(())
    }
}

extension CommandContext {
    /// Writes a command's whole output: to standard output, or atomically to `outputPath`. False,
    /// after saying why on standard error, when the file cannot be written.
    /// `emit` for a JSON document: on standard output it is written as it is made, not held as text.
    func emit(_ document: JSONOutput, toFile outputPath: String?) -> Bool {
        guard outputPath != nil else {
            document.write(inPieces: stdout.write)
            return true
        }
        return emit(document.rendered() + "\n", toFile: outputPath)
    }

    func emit(_ text: String, toFile outputPath: String?) -> Bool {
        guard let outputPath else {
            stdout.write(text)
            return true
        }
        if case .failure(let failure) = AtomicFile.write(text, to: absolute(outputPath)) {
            stderr.write(ToolError.unwritable(path: outputPath, reason: failure.reason).message + "\n")
            return false
        }
        return true
    }
}

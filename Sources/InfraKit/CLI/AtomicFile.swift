#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader sees the old contents or the new, never half of either: the bytes
/// go to a temporary file in the same directory, are flushed to disk, and the file is renamed over
/// the target (rename is atomic within one file system).
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
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).infractl-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { return .failure(.system(InputFiles.errorText(errno))) }
        let temporary = String(cString: template.map { UInt8(bitPattern: $0) })
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, bytes.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = InputFiles.errorText(errno)
                close(descriptor)
                unlink(temporary)
                return .failure(.system(reason))
            }
            written += count
        }
        // The new file keeps the usual permissions rather than mkstemp's 0600.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
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
}

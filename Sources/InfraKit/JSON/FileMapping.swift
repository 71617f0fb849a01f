#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only mapping of a whole file, for large inputs.
///
/// The mapping's pages are the kernel's cached copy of the file: nothing is copied, and no fresh
/// buffer is faulted in page by page. On 128 MB the copy and those faults were a tenth of the CPU a
/// validation takes, and all of it came before parsing could start.
///
/// One risk comes with a mapping: if another process truncates the file while it is mapped,
/// touching a page past the new end raises SIGBUS. `handleBusErrors` turns that into a message and
/// exit code 2 instead of a crash report.
package final class FileMapping: @unchecked Sendable { // buys: no copy of a large file (a tenth of validate's CPU on 128 MB), shared by the threads
    /// The file's bytes; valid until the mapping is freed.
    package let bytes: UnsafeBufferPointer<UInt8>

    /// Maps the `size` bytes of the open file `descriptor`; nil when it cannot be mapped (an empty
    /// file, a file system without mappings, no address space), and the caller reads it instead.
    package init?(descriptor: Int32, size: Int) {
        guard size > 0 else { return nil }
        Self.handleBusErrors()
        var flags = MAP_PRIVATE
        #if os(Linux)
        // The pages are entered in one go, instead of by a fault at each first touch.
        flags |= MAP_POPULATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        // A file that shrank before it was mapped would fault past its end: it is read instead.
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) == size else {
            munmap(address, size)
            return nil
        }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }

    /// Takes the file's pages out of this process's resident set. They stay in the kernel's page
    /// cache, and a later touch maps the one page back without reading or copying, so the bytes do
    /// not change; what goes is their count in our peak memory while `report`, `docs` or `diff`
    /// build on the linted model (dense 100,000 hosts: 260 MB of a 1.1 GB peak).
    func releaseResidentPages() {
        #if os(Linux)
        _ = madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count, MADV_DONTNEED)
        #endif
    }

    /// Installs, once, a handler that reports a bus error as a file truncated while it was being read.
    private static func handleBusErrors() {
        _ = busErrorHandler
    }

    private static let busErrorHandler: Void = {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in FileMapping.reportTruncation() }
        #else
        action.__sigaction_u.__sa_handler = { _ in FileMapping.reportTruncation() }
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, nil)
    }()

    /// Only async-signal-safe calls: a fixed message written to standard error, then `_exit`.
    private static func reportTruncation() -> Never {
        let message: StaticString = "infractl: error: an input file was truncated while it was being read (bus error); run again once it is written\n"
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        _exit(2)
    }
}

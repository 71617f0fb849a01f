#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its text.
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

/// Collects output in memory: for tests, and for commands run in-process.
public final class CapturedText: TextSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) { self.text += text }
}

/// Writes to a file descriptor (standard output or error), buffered until `flush`.
public final class FileDescriptorSink: TextSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        var text = text
        // A large text (a whole report) goes out from its own storage, not through a copy in the buffer.
        if text.utf8.count >= Self.bufferSize {
            flush()
            text.withUTF8 { writeAll($0) }
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { flush() }
    }

    public func flush() {
        buffer.withUnsafeBufferPointer { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static let bufferSize = 1 << 16

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, base + written, bytes.count - written)
            if count < 0, errno == EINTR { continue }
            // A closed pipe (`infractl ... | head`) ends the output; nothing more can be shown.
            guard count > 0 else { break }
            written += count
        }
    }
}

/// Everything a command may touch outside itself: output streams, standard input, the environment
/// and the working directory. Tests build one with captured output.
public struct CommandContext {
    public var stdout: TextSink
    public var stderr: TextSink
    /// Standard input, read to its end or to `limit` bytes, whichever comes first; it may stop
    /// sooner once what came cannot begin a document nested at most `maxDepth` deep (`JSONStreamCheck`).
    public var readStandardInput: (_ limit: Int, _ maxDepth: Int) -> [UInt8]
    public var environment: [String: String]
    public var currentDirectory: String
    /// Whether standard output is a terminal (for `--color auto`).
    public var stdoutIsTerminal: Bool
    /// Where a command leaves its large results for the process's exit to reclaim, when the process
    /// exits as soon as the command returns (the real tool, not a test): freed one object at a time,
    /// the inventory and findings of 100,000 hosts cost 3% of validate's instructions.
    var leftToExit: LeftToExit?

    public init(stdout: TextSink, stderr: TextSink, readStandardInput: @escaping (_ limit: Int, _ maxDepth: Int) -> [UInt8] = { _, _ in [] },
                environment: [String: String] = [:], currentDirectory: String = CommandContext.workingDirectory(),
                stdoutIsTerminal: Bool = false) {
        self.stdout = stdout
        self.stderr = stderr
        self.readStandardInput = readStandardInput
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdoutIsTerminal = stdoutIsTerminal
    }

    /// The process's working directory ("/" when it cannot be read).
    public static func workingDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "/" }
        defer { free(path) }
        return String(cString: path)
    }

    /// Keeps `value` alive until the process exits when it is about to (`leftToExit`), so it is
    /// never freed piece by piece; otherwise does nothing.
    func leaveToExit(_ value: Any) {
        leftToExit?.values.append(value)
    }

    /// Whether to colour text for `--color CHOICE` (always, never, or auto): auto colours only what
    /// goes to a terminal on standard output, unless `NO_COLOR` is set or `TERM` is dumb.
    func wantsColor(_ choice: String, toStandardOutput: Bool) -> Bool {
        switch choice {
        case "always": true
        case "never": false
        default: toStandardOutput && stdoutIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }

    /// `path` made absolute against the working directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory + "/" + path
    }
}

/// What commands left for the process's exit to reclaim (`CommandContext.leaveToExit`): held by
/// `CLI.main`, which exits the process without returning, so it is never freed.
final class LeftToExit {
    var values: [Any] = []
}

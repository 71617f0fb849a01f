import Foundation

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
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(_ handle: FileHandle) {
        self.handle = handle
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Everything a command may touch outside itself: output streams, standard input, the environment
/// and the working directory. Tests build one with captured output.
public struct CommandContext {
    public var stdout: TextSink
    public var stderr: TextSink
    public var readStandardInput: () -> [UInt8]
    public var environment: [String: String]
    public var currentDirectory: String
    /// Whether standard output is a terminal (for `--color auto`).
    public var stdoutIsTerminal: Bool

    public init(stdout: TextSink, stderr: TextSink, readStandardInput: @escaping () -> [UInt8] = { [] },
                environment: [String: String] = [:], currentDirectory: String = FileManager.default.currentDirectoryPath,
                stdoutIsTerminal: Bool = false) {
        self.stdout = stdout
        self.stderr = stderr
        self.readStandardInput = readStandardInput
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdoutIsTerminal = stdoutIsTerminal
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

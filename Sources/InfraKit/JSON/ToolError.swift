/// Why a command could not do its job. Each case has one message; all exit with code 2.
public enum ToolError: Error, Equatable, Sendable {
    /// The command line was wrong; `usage` is the command's usage text.
    case usage(String, usage: String)
    /// A path that could not be read.
    case unreadable(path: String, reason: String)
    /// Input that is not JSON at all.
    case malformedJSON(Location, String)
    /// A directory holding no `*.json` files.
    case noInventories(path: String)
    /// A file that could not be written (its old contents are intact).
    case unwritable(path: String, reason: String)
    /// Input larger than the configured limit.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// A configuration that cannot be applied as written (a key given twice: which value was meant?).
    case invalidConfiguration(Location, String)
    /// A stream (standard input) that went on past the configured limit; it was not read further.
    case inputTooLarge(path: String, limit: Int)
    /// An inventory `infractl migrate` cannot rewrite (no version, or one it does not know).
    case notMigrated(Location, String)

    public static let exitCode: Int32 = 2

    /// One line, `path:line:col: error: ...` where there is a location. Paths and what they quote
    /// come from the command line, file names and the files, so the line is shown as
    /// `UntrustedText.line` makes it: nothing in it can act on a terminal or start a CI command.
    public var message: String {
        UntrustedText.line(unescapedMessage)
    }

    private var unescapedMessage: String {
        switch self {
        case .usage(let message, _): "error: \(message)"
        case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
        case .malformedJSON(let location, let message): "\(location): error: \(message)"
        case .unwritable(let path, let reason): "\(path): error: cannot write: \(reason)"
        case .noInventories(let path): "\(path): error: no inventories found (no *.json files below it)"
        case .tooLarge(let path, let bytes, let limit):
            "\(path): error: file is \(bytes) bytes, larger than the \(limit)-byte limit (--max-file-size)"
        case .invalidConfiguration(let location, let message): "\(location): error: \(message); the configuration is not applied"
        case .inputTooLarge(let path, let limit):
            "\(path): error: more than the \(limit)-byte limit (--max-file-size); stopped reading there"
        case .notMigrated(let location, let message): "\(location): error: \(message); the file is left as it was"
        }
    }
}

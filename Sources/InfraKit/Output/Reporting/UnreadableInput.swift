import InfraJSON
import InfraRules

/// An input the report could not read (a `failed` file), split into the parts machine-readable
/// formats place separately: the path, the location when there is one, a kind and the bare reason.
struct UnreadableInput: Sendable {
    let path: String
    /// Where reading stopped, for malformed JSON; nil when the file as a whole could not be read.
    let location: Location?
    /// A short, stable name for what went wrong: `malformed-json`, `unreadable`, `too-large`, ...
    let kind: String
    /// The reason without its `path:line:col: error: ` prefix.
    let reason: String
    /// The full one-line message, as the CLI prints it on standard error.
    let message: String

    init(path: String, error: ToolError) {
        self.path = path
        self.message = error.message
        let prefix: String
        switch error {
        case .malformedJSON(let location, _):
            self.location = location
            kind = "malformed-json"
            prefix = "\(location): error: "
        case .invalidConfiguration(let location, _):
            self.location = location
            kind = "invalid-configuration"
            prefix = "\(location): error: "
        case .notMigrated(let location, _):
            self.location = location
            kind = "not-migrated"
            prefix = "\(location): error: "
        case .unreadable(let errorPath, _):
            location = nil
            kind = "unreadable"
            prefix = "\(errorPath): error: "
        case .unwritable(let errorPath, _):
            location = nil
            kind = "unwritable"
            prefix = "\(errorPath): error: "
        case .tooLarge(let errorPath, _, _), .inputTooLarge(let errorPath, _):
            location = nil
            kind = "too-large"
            prefix = "\(errorPath): error: "
        case .noInventories(let errorPath):
            location = nil
            kind = "no-inventories"
            prefix = "\(errorPath): error: "
        case .usage:
            location = nil
            kind = "usage"
            prefix = "error: "
        }
        // The message is shown as `UntrustedText.line` makes it, and so is its prefix.
        let shownPrefix = UntrustedText.line(prefix)
        reason = message.hasPrefix(shownPrefix) ? String(message.dropFirst(shownPrefix.count)) : message
    }

    /// The failed files of `report`, in its (path) order.
    static func all(in report: ValidationReport) -> [UnreadableInput] {
        report.files.compactMap { file in
            if case .failed(let error) = file.status { return UnreadableInput(path: file.path, error: error) }
            return nil
        }
    }
}

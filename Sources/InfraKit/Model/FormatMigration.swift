import InfraJSON

/// Rewrites an inventory of an earlier format version as the current one (`infractl migrate`).
///
/// Version 2 only adds keys: every version 1 file is a valid version 2 file once it says so. The
/// migration therefore changes the version number and nothing else: key order, spacing, escapes
/// and every other byte stay as they were, so the diff of a migration is one line.
public enum FormatMigration {
    public enum Outcome: Equatable, Sendable {
        /// The file's bytes as the current version, and the version it had.
        case migrated([UInt8], from: Int)
        /// The file already declares the current version.
        case current
    }

    /// Why a file cannot be migrated, at the value that says so.
    public struct Problem: Error, Equatable, Sendable {
        public let message: String
        public let offset: Int
    }

    public static func migrate(_ document: JSONDocument) -> Result<Outcome, Problem> {
        let root = document.root
        guard root.kind == .object else {
            return .failure(Problem(message: "an inventory must be a JSON object, found \(root.kind)", offset: root.offset))
        }
        let declared: Int, version: JSONValue
        switch InventoryDecoder.declaredVersion(of: root) {
        case .missing:
            return .failure(Problem(message: "missing format version: the file does not say it is an infractl inventory", offset: root.offset))
        case .notANumber(let value), .unsupported(let value):
            let found = value.numberText ?? "\(value.kind)"
            return .failure(Problem(message: "unsupported format version \(found): this infractl migrates versions 1 to \(InventoryDecoder.formatVersion)",
                                    offset: value.offset))
        case .supported(let number, let value):
            (declared, version) = (number, value)
        }
        guard declared < InventoryDecoder.formatVersion, let text = version.numberText else { return .success(.current) }
        var bytes = document.source.bytes
        bytes.replaceSubrange(version.offset..<version.offset + text.utf8.count, with: Array("\(InventoryDecoder.formatVersion)".utf8))
        return .success(.migrated(bytes, from: declared))
    }
}

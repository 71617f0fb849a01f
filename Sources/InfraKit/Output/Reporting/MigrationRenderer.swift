import InfraModel

/// The lines `infractl migrate` prints, one a file; paths are escaped for the terminal and every
/// line starts with the tool's own word.
public enum MigrationRenderer {
    public enum Step: Sendable {
        case migrated(path: String, from: Int)
        case wouldMigrate(path: String, from: Int)
        case current(path: String)
    }

    public static func line(_ step: Step) -> String {
        let current = InventoryDecoder.formatVersion
        return switch step {
        case .migrated(let path, let from): "migrated \(TerminalText.path(path)): format version \(from) -> \(current)\n"
        case .wouldMigrate(let path, let from): "outdated \(TerminalText.path(path)): format version \(from); 'infractl migrate' rewrites it as \(current)\n"
        case .current(let path): "current  \(TerminalText.path(path)): format version \(current)\n"
        }
    }
}

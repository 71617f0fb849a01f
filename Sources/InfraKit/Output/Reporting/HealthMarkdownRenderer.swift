/// The health report as GitHub-flavoured Markdown, for wikis and pull-request comments: the same
/// sections as the text, as headings, tables and lists. Inventory text (names, paths, ids, waiver
/// reasons) reaches it only through `MarkdownText`.
public struct HealthMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: HealthReport) -> String {
        let layout = HealthLayout(report)
        var output = "# \(layout.title)\n\n\(Self.sentence(layout.preamble))\n"
        for part in layout.parts {
            output += "\n## \(MarkdownText.text(part.title))" + (part.path.map { " (\(MarkdownText.code($0)))" } ?? "") + "\n"
            for section in part.sections {
                output += "\n### \(MarkdownText.text(section.title))\n"
                for block in section.blocks {
                    output += "\n"
                    switch block {
                    case .table(let table):
                        output += table.markdown()
                    case .list(let heading, let items):
                        output += "\(Self.sentence(heading).dropLast()):\n\n"
                        for item in items {
                            output += "- " + MarkdownText.code(item.name) + (item.detail.map { ": " + MarkdownText.text($0) } ?? "") + "\n"
                        }
                    case .line(let text):
                        output += Self.sentence(text) + "\n"
                    }
                }
            }
        }
        return output
    }

    /// Capitalised, with a full stop, escaped by `MarkdownText`. Every sentence starts with our text.
    private static func sentence(_ text: String) -> String {
        let escaped = MarkdownText.text(text)
        return escaped.prefix(1).uppercased() + escaped.dropFirst() + "."
    }
}

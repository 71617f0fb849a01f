/// The health report as GitHub-flavoured Markdown, for wikis and pull-request comments: the same
/// sections as the text, as headings, tables and lists.
public struct HealthMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: HealthReport) -> String {
        let layout = HealthLayout(report)
        var output = "# \(layout.title)\n\n\(Self.sentence(layout.preamble))\n"
        for part in layout.parts {
            output += "\n## \(Self.escaped(part.title))" + (part.path.map { " (`\($0)`)" } ?? "") + "\n"
            for section in part.sections {
                output += "\n### \(Self.escaped(section.title))\n"
                for block in section.blocks {
                    output += "\n"
                    switch block {
                    case .table(let table):
                        output += table.markdown()
                    case .list(let heading, let items):
                        output += "\(Self.sentence(heading).dropLast()):\n\n"
                        for item in items {
                            output += "- `\(item.name)`" + (item.detail.map { ": \(Self.escaped($0))" } ?? "") + "\n"
                        }
                    case .line(let text):
                        output += Self.sentence(text) + "\n"
                    }
                }
            }
        }
        return output
    }

    /// Capitalised, with a full stop, Markdown characters escaped.
    private static func sentence(_ text: String) -> String {
        let escaped = escaped(text)
        return escaped.prefix(1).uppercased() + escaped.dropFirst() + "."
    }

    static func escaped(_ text: String) -> String {
        HealthTable.markdownEscaped(text)
    }
}

/// The health report as text: aligned tables, lists of what is missing, and colour on a terminal.
public struct HealthTextRenderer: Sendable {
    /// Whether to style with ANSI escapes (`--color`, a terminal, `NO_COLOR` unset).
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ report: HealthReport) -> String {
        let layout = HealthLayout(report)
        // Titles, headings and items carry inventory names and file paths: `TerminalText` each.
        var output = paint(TerminalText.escape(layout.title), .bold) + ", " + TerminalText.escape(layout.preamble) + "\n"
        for part in layout.parts {
            let title = part.path.map { "\(part.title) (\($0))" } ?? part.title
            output += "\n" + paint("== \(TerminalText.escape(title)) ==", .bold) + "\n"
            for section in part.sections {
                output += "\n" + paint(TerminalText.escape(section.title), .bold) + "\n"
                var previous: HealthLayout.Block?
                for block in section.blocks {
                    // Tables stand apart from what is around them; lists and lines run on.
                    if let previous, previous.isTable || block.isTable { output += "\n" }
                    previous = block
                    switch block {
                    case .table(let table):
                        output += table.text(indent: "  ", colored: colored)
                    case .list(let heading, let items):
                        output += "  \(TerminalText.escape(heading)):\n"
                        for item in items {
                            output += "    " + TerminalText.escape(item.name + (item.detail.map { ": \($0)" } ?? "")) + "\n"
                        }
                    case .line(let text):
                        output += "  \(TerminalText.escape(text))\n"
                    }
                }
            }
        }
        return output
    }

    private func paint(_ text: String, _ style: HealthTable.Style) -> String {
        HealthTable.paint(text, style, colored)
    }
}

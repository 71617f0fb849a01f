/// A table of the health report: text with aligned columns (optionally coloured), or Markdown.
struct HealthTable {
    /// ANSI styles for a terminal.
    enum Style: String {
        case bold = "1", dim = "2", red = "1;31", yellow = "1;33", green = "32"
    }

    struct Cell {
        /// The text as given, for Markdown (`MarkdownText` shows line breaks as escapes).
        let raw: String
        /// The text on one line, for a terminal (`TerminalText`): a row stays a row, and a terminal
        /// receives only the report's own styling.
        let text: String
        let style: Style?

        init(_ text: String, _ style: Style? = nil) {
            raw = text
            self.text = TerminalText.escape(text)
            self.style = style
        }
    }

    let header: [String]
    var rows: [[Cell]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func add(_ cells: [Cell]) {
        rows.append(cells)
    }

    mutating func add(_ texts: [String]) {
        rows.append(texts.map { Cell($0) })
    }

    /// Columns padded to their widest cell (counted in characters) two spaces apart, the last
    /// one unpadded; the header in bold when `colored`.
    func text(indent: String, colored: Bool) -> String {
        let all = [header.map { Cell($0, .bold) }] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].text.count : 0 }.max() ?? 0 }
        var output = ""
        for row in all {
            var line = indent
            for (column, cell) in row.enumerated() {
                let last = column == row.count - 1
                line += Self.paint(cell.text, cell.style, colored)
                if !last { line += String(repeating: " ", count: widths[column] - cell.text.count + 2) }
            }
            output += line + "\n"
        }
        return output
    }

    /// A GitHub-flavoured Markdown table, cells escaped by `MarkdownText`.
    func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { MarkdownText.text($0, inTable: true) }.joined(separator: " | ") + " |\n"
        }
        return line(header) + "|" + String(repeating: "---|", count: header.count) + "\n"
            + rows.map { line($0.map(\.raw)) }.joined()
    }

    static func paint(_ text: String, _ style: Style?, _ colored: Bool) -> String {
        guard colored, let style, !text.isEmpty else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }

    /// Green when all are covered, red when none is, yellow in between; dim when nothing counts.
    static func style(of figure: CoverageFigure) -> Style {
        guard figure.total > 0 else { return .dim }
        if figure.covered == figure.total { return .green }
        return figure.covered == 0 ? .red : .yellow
    }
}

import InfraModel

/// The architecture docs as GitHub-flavoured Markdown: the blocks of `ArchitectureDocument`, with
/// the diagram embedded as a ```mermaid block (the aggregated overview past Mermaid's limits).
///
/// Every inventory text is redacted (`CredentialScanner.redact`) and escaped by `MarkdownText`
/// (the summary of a `<details>`, inside HTML, by `HTMLText`); the diagrams are `MermaidRenderer`'s.
/// No line starts with inventory text: headings, list items and table rows start with our markup,
/// and a paragraph of inventory text with our label.
public struct MarkdownRenderer: Sendable {
    public var mermaid: MermaidRenderer

    public init(mermaid: MermaidRenderer = MermaidRenderer()) {
        self.mermaid = mermaid
    }

    /// `plan`: what the diagram shows and the tables list (default: the whole system within the Mermaid renderer's limits).
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil) -> String {
        let plan = plan ?? DiagramPlan(model, maxEdges: mermaid.maxEdges, maxTextSize: mermaid.maxTextSize)
        let document = ArchitectureDocument(model, plan: plan)
        var output = ""
        for (offset, block) in document.blocks.enumerated() {
            if offset > 0 { output += "\n\n" }
            output += self.block(block, model, plan)
        }
        return output + "\n"
    }

    private func block(_ block: ArchitectureDocument.Block, _ model: ArchitectureModel, _ plan: DiagramPlan) -> String {
        switch block {
        case .heading(let level, let text):
            return String(repeating: "#", count: max(1, min(6, level))) + " " + Self.escape(text, inTable: false)
        case .paragraph(let inlines):
            return MarkdownText.blockStart(inline(inlines, inTable: false))
        case .list(let items):
            return items.map { "- " + MarkdownText.blockStart(inline($0, inTable: false)) }.joined(separator: "\n")
        case .table(let headers, let rows):
            var lines = ["| " + headers.map { Self.escape($0, inTable: true) }.joined(separator: " | ") + " |",
                         "|" + String(repeating: "---|", count: headers.count)]
            for row in rows {
                lines.append("| " + row.map { cell in
                    let text = inline(cell, inTable: true)
                    return text.isEmpty ? " " : text
                }.joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n")
        case .details(let summary, let blocks):
            // A blank line after <summary> lets GitHub read the inside as Markdown.
            return "<details>\n<summary>\(HTMLText.escape(CredentialScanner.redact(summary)))</summary>\n\n"
                + blocks.map { self.block($0, model, plan) }.joined(separator: "\n\n") + "\n\n</details>"
        case .diagram:
            return "```mermaid\n" + mermaid.render(model, plan: plan) + "```"
        }
    }

    private func inline(_ inlines: [ArchitectureDocument.Inline], inTable: Bool) -> String {
        var output = ""
        for piece in inlines {
            switch piece {
            case .text(let text): output += Self.escape(text, inTable: inTable)
            case .code(let text): output += Self.code(text, inTable: inTable)
            case .strong(let text): output += "**" + Self.escape(text, inTable: inTable) + "**"
            case .severity(let severity): output += severity.rawValue
            case .findings(let count, let worst): output += "⚠ \(count) finding\(count == 1 ? "" : "s") (\(worst.rawValue))"
            case .lineBreak: output += "<br>"
            }
        }
        return output
    }

    /// Inventory text in Markdown: credentials redacted, then `MarkdownText`.
    static func escape(_ text: String, inTable: Bool) -> String {
        MarkdownText.text(CredentialScanner.redact(text), inTable: inTable)
    }

    /// Inventory text as a code span: credentials redacted, then `MarkdownText`.
    static func code(_ text: String, inTable: Bool) -> String {
        MarkdownText.code(CredentialScanner.redact(text), inTable: inTable)
    }
}

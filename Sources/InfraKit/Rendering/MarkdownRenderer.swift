/// The architecture docs as GitHub-flavoured Markdown: the blocks of `ArchitectureDocument`, with
/// the diagram embedded as ```mermaid blocks (one per diagram when Mermaid's limits split it).
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

    public func render(_ model: ArchitectureModel) -> String {
        let document = ArchitectureDocument(model)
        let chunks = document.blocks.map { block($0, model) }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    private func block(_ block: ArchitectureDocument.Block, _ model: ArchitectureModel) -> String {
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
                + blocks.map { self.block($0, model) }.joined(separator: "\n\n") + "\n\n</details>"
        case .diagram:
            let diagrams = mermaid.diagrams(model)
            guard diagrams.count > 1 else {
                return "```mermaid\n" + (diagrams.first?.text ?? "flowchart LR\n") + "```"
            }
            var chunks = ["The system is \(mermaid.splitNote(diagrams))."]
            for (offset, diagram) in diagrams.enumerated() {
                chunks.append("**Diagram \(offset + 1) of \(diagrams.count): \(Self.escape(diagram.part ?? "whole system", inTable: false))**")
                chunks.append("```mermaid\n" + diagram.text + "```")
            }
            return chunks.joined(separator: "\n\n")
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

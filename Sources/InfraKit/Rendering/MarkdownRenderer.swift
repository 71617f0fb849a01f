/// The architecture docs as GitHub-flavoured Markdown: the blocks of `ArchitectureDocument`, with
/// the diagram embedded as ```mermaid blocks (one per diagram when Mermaid's limits split it).
///
/// Every inventory text is redacted (`CredentialScanner.redact`) and escaped: Markdown
/// punctuation is backslash-escaped, `|` too inside tables (code spans included), and line breaks
/// become `<br>`, so a hostile name cannot break a table, open a link or inject HTML.
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
            return Self.protectingStart(inline(inlines, inTable: false))
        case .list(let items):
            return items.map { "- " + Self.protectingStart(inline($0, inTable: false)) }.joined(separator: "\n")
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
            return "<details>\n<summary>\(XMLText.content(CredentialScanner.redact(summary)))</summary>\n\n"
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

    /// Whether an ASCII character has a meaning in (GitHub-flavoured) Markdown, and is escaped with a backslash.
    static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "$"), UInt8(ascii: "!"):
            true
        default:
            false
        }
    }

    /// A control character (line breaks included), which no output keeps as it is.
    static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }

    // Escaping works on UTF-8 bytes: everything it changes is ASCII, and the bytes of other
    // characters (all 0x80 or above) pass through untouched.

    /// Inventory text for Markdown: credentials redacted, punctuation escaped, line breaks `<br>`.
    static func escape(_ text: String, inTable: Bool) -> String {
        let redacted = CredentialScanner.redact(text)
        guard redacted.utf8.contains(where: { isPunctuation($0) || isControl($0) }) else { return redacted }
        var output: [UInt8] = []
        output.reserveCapacity(redacted.utf8.count + 16)
        for byte in redacted.utf8 {
            if isPunctuation(byte) {
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            } else if byte == UInt8(ascii: "\n") {
                output += "<br>".utf8
            } else if byte == UInt8(ascii: "\r") {
                continue
            } else if isControl(byte) {
                output.append(UInt8(ascii: " "))
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A code span that holds any text: a fence longer than any run of backticks inside, `|`
    /// escaped in tables (GitHub splits cells on it even inside code), line breaks as spaces.
    static func code(_ text: String, inTable: Bool) -> String {
        let redacted = CredentialScanner.redact(text)
        var content = redacted
        if redacted.utf8.contains(where: { ($0 == UInt8(ascii: "|") && inTable) || isControl($0) }) {
            var output: [UInt8] = []
            output.reserveCapacity(redacted.utf8.count + 16)
            for byte in redacted.utf8 {
                if byte == UInt8(ascii: "|") && inTable {
                    output += "\\|".utf8
                } else if isControl(byte) {
                    output.append(UInt8(ascii: " "))
                } else {
                    output.append(byte)
                }
            }
            content = String(decoding: output, as: UTF8.self)
        }
        let fence = String(repeating: "`", count: longestBacktickRun(content) + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") || content.hasPrefix(" ") && content.hasSuffix(" ") ? " \(content) " : content
        return fence + padded + fence
    }

    /// The most backticks in a row in `text`, counted in characters: a backtick joined with a
    /// combining mark is another character.
    static func longestBacktickRun(_ text: String) -> Int {
        guard text.utf8.contains(UInt8(ascii: "`")) else { return 0 }
        var longest = 0
        var run = 0
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longest = max(longest, run)
            }
        } else {
            for character in text {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return longest
    }

    /// Escapes what would start a list, a heading underline or an ordered list at a line's start.
    static func protectingStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "-+=".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count < text.count {
            let after = text[text.index(text.startIndex, offsetBy: digits.count)]
            if after == "." || after == ")" {
                return digits + "\\" + text.dropFirst(digits.count)
            }
        }
        return text
    }
}

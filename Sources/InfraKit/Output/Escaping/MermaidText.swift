import InfraJSON

/// Inventory text for Mermaid flowcharts: the one escaping function of `MermaidRenderer` (and so of
/// the diagrams inside the Markdown docs).
///
/// Text starts from `UntrustedText.visible`, so it never ends a line: it cannot add a statement
/// (`click`, `style`, `classDef`, `linkStyle`) or a directive. What Mermaid or the HTML it makes of
/// a label would read is written as a Mermaid entity code (`#34;` for `"`): quotes and `|` that
/// would close a label, `<`, `>` and `&` of markup, the backtick of a Markdown string, `#` of an
/// entity code, `%` of a `%%{init}%%` directive or `%%` comment (Mermaid finds those anywhere in
/// the text), `;` that ends a statement, and braces. Node ids are never inventory text:
/// `MermaidRenderer.Identifiers` makes them of letters, digits and `_` behind our own prefix.
enum MermaidText {
    /// The text of a label, for inside double quotes.
    static func label(_ text: String) -> String {
        let visible = UntrustedText.visible(text)
        guard visible.utf8.contains(where: { entityCode($0) != nil }) else { return visible }
        var output = ""
        output.reserveCapacity(visible.utf8.count + 16)
        for scalar in visible.unicodeScalars {
            if scalar.isASCII, let code = entityCode(UInt8(scalar.value)) {
                output += "#\(code);"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A label in double quotes: `"text"`.
    static func quoted(_ text: String) -> String {
        "\"" + label(text) + "\""
    }

    /// The text of a `%% ` comment line: as a label, so it holds no `%` and no line break.
    static func comment(_ text: String) -> String {
        label(text)
    }

    /// The decimal code Mermaid writes `#code;` for, for the ASCII characters a label must not hold as they are.
    private static func entityCode(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            byte
        default:
            nil
        }
    }
}

import InfraJSON

/// Inventory text for Graphviz DOT: the one escaping function of `DOTRenderer`, for ids and labels.
///
/// Every id and label is a double-quoted string, never an HTML-like `<...>` label. Text starts
/// from `UntrustedText.visible`, so it holds no raw line break; a backslash is written `\\` (so
/// neither a visible `\n` nor an input `\N`, `\G`, `\l` acts as a DOT escape) and a quote `\"`.
/// Graphviz reads HTML entities in strings: `&` is written `&amp;` so input cannot spell one, and
/// `#` as `&#35;` so no line of the DOT, printed in a CI log, holds `##vso[` or `##[`.
enum DOTText {
    /// A DOT string literal, quotes included.
    static func quoted(_ text: String) -> String {
        quoted(lines: [text])
    }

    /// A DOT label of several lines: each escaped, our own DOT `\n` between them.
    static func quoted(lines: [String]) -> String {
        "\"" + lines.map(escaped).joined(separator: "\\n") + "\""
    }

    private static func escaped(_ text: String) -> String {
        let visible = UntrustedText.visible(text)
        var output = ""
        output.reserveCapacity(visible.utf8.count)
        for scalar in visible.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "&": output += "&amp;"
            case "#": output += "&#35;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

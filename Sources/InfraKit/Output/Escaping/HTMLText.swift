import InfraJSON

/// Inventory text for the HTML page and the SVG inside it: the one escaping function of
/// `HTMLRenderer` and `LayeredSVGRenderer`, for text nodes and attribute values alike.
///
/// Text starts from `UntrustedText.visible`, so it holds no control, line break or bidirectional
/// control, only their visible escapes. `&`, `<`, `>`, `"` and `'` become character references,
/// so text cannot open an element, an attribute or an entity in a text node or in a quoted
/// attribute value; `#` becomes `&#35;`, so no line of the page, printed in a CI log, holds
/// `##vso[`. U+FFFE and U+FFFF, which XML forbids, are shown as escapes too: the page stays
/// well-formed XHTML.
enum HTMLText {
    static func escape(_ text: String) -> String {
        let visible = UntrustedText.visible(text)
        guard visible.unicodeScalars.contains(where: needsReference) else { return visible }
        var output = ""
        output.reserveCapacity(visible.utf8.count + 16)
        for scalar in visible.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "#": output += "&#35;"
            case "\u{FFFE}", "\u{FFFF}": output += UntrustedText.escape(scalar)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func needsReference(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'", "#", "\u{FFFE}", "\u{FFFF}": true
        default: false
        }
    }
}

import InfraJSON

/// Text made safe to place in an XML 1.0 document (JUnit, SVG).
///
/// Markup characters become entity references (quotes only in attribute values, where either may
/// delimit). Every character that could act on a reader (`UntrustedText.isActive`: line breaks and
/// tabs, the other C0 controls XML 1.0 forbids, DEL, C1, bidirectional controls, line separators)
/// is shown as a visible escape (`\n`, `\u{1B}`): the text stays on its line, the file parses with
/// a strict parser, and a CI page that shows a message shows no control from the inventory.
/// U+FFFE and U+FFFF, which XML also forbids, become U+FFFD, the replacement character.
enum XMLText {
    /// For an attribute value between double (or single) quotes.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// For character data between tags.
    static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether XML 1.0 allows `scalar` in a document at all (production `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            // Quotes only matter inside attributes; character data stays readable without them.
            case "\"" where inAttribute: output += "&quot;"
            case "'" where inAttribute: output += "&apos;"
            default:
                if UntrustedText.isActive(scalar) {
                    output += UntrustedText.escape(scalar)
                } else {
                    output.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
                }
            }
        }
        return output
    }
}

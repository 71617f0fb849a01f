/// Text made safe to place in an XML 1.0 document.
///
/// Markup characters become entity references (quotes only in attribute values, where either may delimit). Characters XML 1.0 forbids outright (most C0 controls,
/// U+FFFE, U+FFFF) cannot be written even as references, so each becomes U+FFFD, the replacement
/// character: the reader sees that something was there. Inside attributes, tab, line feed and carriage
/// return are written as character references, since a parser would otherwise normalise them to spaces.
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
            // A literal CR would be read back as LF (end-of-line handling), in content too.
            case "\r": output += "&#13;"
            case "\n" where inAttribute: output += "&#10;"
            case "\t" where inAttribute: output += "&#9;"
            default: output.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return output
    }
}

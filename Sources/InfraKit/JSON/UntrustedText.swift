/// What every output does with inventory text before its own escaping: the characters that can
/// act on a reader (move the cursor, retitle a terminal, reorder what is shown, start a new line
/// where our format has none) are shown as visible escapes instead (`\n`, `\u{1B}`, `\u{202E}`).
///
/// Inventory text is untrusted: many people write it and CI checks it on pull requests from forks.
/// Each output medium has one escaping function (`TerminalText`, `MarkdownText`, `MermaidText`,
/// `DOTText`, `HTMLText`, `XMLText`, the JSON writer); those meant for people start from
/// `visible(_:)`, so a reader sees that something odd was there and nothing acts.
public enum UntrustedText {
    /// Whether `scalar` may act on whoever reads the output: C0 controls (tab, line feed and carriage
    /// return included), DEL, C1 controls (U+0080–U+009F), the line and paragraph separators
    /// (U+2028, U+2029), the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069) and the directional marks (U+200E, U+200F, U+061C).
    public static func isActive(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Whether `text` holds a scalar `isActive` flags. Most text (every finding's message) is
    /// printable ASCII, told apart by one comparison a byte; only other text is read as scalars.
    public static func hasActive(_ text: String) -> Bool {
        let mayHave = text.utf8.withContiguousStorageIfAvailable { bytes in
            // Below 0x20 (controls) or from 0x7F on (DEL, and every byte of a non-ASCII scalar).
            bytes.contains { $0 &- 0x20 >= 0x5F }
        }
        guard mayHave ?? true else { return false }
        return text.unicodeScalars.contains(where: isActive)
    }

    /// `text` on one line, every active scalar written as a visible escape: `\n`, `\r`, `\t`, and
    /// `\u{1B}` for the others (hexadecimal, upper case, no leading zeros). A backslash stays as it
    /// is: the escapes are for reading, not for decoding back.
    public static func visible(_ text: String) -> String {
        guard hasActive(text) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard isActive(scalar) else {
                output.unicodeScalars.append(scalar)
                continue
            }
            output += escape(scalar)
        }
        return output
    }

    /// The visible escape of one active scalar.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `text` as one whole line of output that starts with a path or with our own words: `visible`,
    /// and with `./` in front when it would start like a CI command (`startsLikeCICommand`) or with
    /// a blank — a relative path `::error…json` names the same file as `./::error…json`.
    public static func line(_ text: String) -> String {
        let shown = visible(text)
        guard let first = shown.first, first == " " || first == "\t" || startsLikeCICommand(shown) else { return shown }
        return "./" + shown
    }

    /// Whether a line starting with `text` could be read as a command by a CI system: GitHub
    /// Actions' workflow commands (`::error::`), Azure Pipelines' logging commands (`##vso[`) and
    /// their `##[` group markers.
    public static func startsLikeCICommand(_ text: some StringProtocol) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("::") || trimmed.hasPrefix("##[") || trimmed.hasPrefix("##vso[")
    }
}

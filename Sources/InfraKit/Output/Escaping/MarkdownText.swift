import InfraJSON

/// Inventory text for GitHub-flavoured Markdown: the one escaping function of the architecture
/// docs' and the health report's Markdown.
///
/// Text starts from `UntrustedText.visible`, so a line break or a control character is shown as
/// `\n`, `\u{1B}` and never starts a line. Markdown punctuation is backslash-escaped, so the text
/// cannot open emphasis, code, a link or an image, raw HTML or an entity, split a table cell or
/// make a heading, list item, quote, table row or fence. A word that GitHub would turn into a link
/// on its own (`https://…`, `www.…`, `user@host`, an `@mention`) is written as a code span, which
/// nothing links: readable, and not clickable.
enum MarkdownText {
    /// For running text, headings and table cells. `inTable` escapes `|` inside code spans too
    /// (GitHub splits cells on it even there); outside code `|` is always escaped.
    static func text(_ text: String, inTable: Bool = false) -> String {
        let visible = UntrustedText.visible(text)
        guard visible.utf8.contains(where: { isPunctuation($0) || mayStartLink($0) }) else { return visible }
        var output = ""
        output.reserveCapacity(visible.utf8.count + 16)
        var word = ""
        func escaped(_ part: Substring) {
            for scalar in part.unicodeScalars {
                if scalar.isASCII, isPunctuation(UInt8(scalar.value)) { output += "\\" }
                output.unicodeScalars.append(scalar)
            }
        }
        func flush() {
            if isLinkLike(word) {
                // Brackets and sentence punctuation around the link stay outside its code span.
                let core = word.drop { "([\"'<".contains($0) }
                let end = core.lastIndex { !".,:;!?)]\"'>".contains($0) }.map { core.index(after: $0) } ?? core.startIndex
                escaped(word[..<core.startIndex])
                output += span(String(core[..<end]), inTable: inTable)
                escaped(core[end...])
            } else {
                escaped(word[...])
            }
            word = ""
        }
        for scalar in visible.unicodeScalars {
            if scalar == " " {
                flush()
                output += " "
            } else {
                word.unicodeScalars.append(scalar)
            }
        }
        flush()
        return output
    }

    /// A code span that holds any text on one line: a fence longer than any run of backticks inside.
    static func code(_ text: String, inTable: Bool = false) -> String {
        span(UntrustedText.visible(text), inTable: inTable)
    }

    /// `text`, rendered by us, made safe to follow `- ` or start a paragraph: what would start a
    /// nested list, a heading underline or an ordered list is escaped.
    static func blockStart(_ text: String) -> String {
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

    /// Whether an ASCII character has a meaning in GitHub-flavoured Markdown (emphasis, code,
    /// links, images, HTML, entities, tables, headings, strikethrough, math), escaped with a backslash.
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

    /// The bytes without which no word links itself: `:` of a scheme, `.` of `www.`, `@` of an address or mention.
    private static func mayStartLink(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@")
    }

    /// Whether GitHub could turn `word` into a link or a mention by itself: GFM's extended
    /// autolinks (`scheme://`, `www.`, e-mail addresses, `mailto:`, `xmpp:`) and `@mentions`.
    static func isLinkLike(_ word: String) -> Bool {
        guard word.utf8.contains(where: mayStartLink) else { return false }
        let lower = word.lowercased()
        return lower.contains("://") || lower.contains("www.") || lower.contains("@")
            || lower.contains("mailto:") || lower.contains("xmpp:")
    }

    /// A code span around text already on one line.
    private static func span(_ content: String, inTable: Bool) -> String {
        var content = content
        if inTable && content.utf8.contains(UInt8(ascii: "|")) {
            var escaped = ""
            for scalar in content.unicodeScalars {
                if scalar == "|" { escaped += "\\" }
                escaped.unicodeScalars.append(scalar)
            }
            content = escaped
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
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}

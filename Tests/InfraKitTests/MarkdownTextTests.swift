import Testing
@testable import InfraOutput

/// `MarkdownText`: inventory text in GitHub-flavoured Markdown stays text on its own line.
@Suite("MarkdownText")
struct MarkdownTextTests {
    /// `line` without its code spans (a run of backticks to the next run of the same length).
    static func withoutCodeSpans(_ line: String) -> String {
        var output = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "`") {
            // A backslash-escaped backtick is text.
            if open > rest.startIndex, rest[rest.index(before: open)] == "\\" {
                output += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            output += rest[..<open]
            let fence = rest[open...].prefix { $0 == "`" }
            let after = rest[fence.endIndex...]
            guard let close = after.range(of: String(fence)) else { return output + rest[open...] }
            output += "CODE"
            rest = after[close.upperBound...]
        }
        return output + rest
    }

    /// Checks what a cell or a sentence of `payload` can do in Markdown.
    static func expectInert(_ escaped: String, _ payload: String) {
        #expect(!escaped.contains("\n") && !escaped.contains("\r"), "\(payload.debugDescription)")
        #expect(HostilePayloads.activeScalar(in: escaped) == nil, "\(payload.debugDescription)")
        let text = withoutCodeSpans(escaped)
        // Outside code, every markup character is escaped: no link, image, HTML, entity or cell border.
        var previous: Character = " "
        var escapedNext = false
        for character in text {
            defer { previous = character }
            if escapedNext { escapedNext = false; continue }
            if character == "\\" { escapedNext = true; continue }
            #expect(!"<>[]|`!&*_#~$".contains(character), "raw \(character) in \(escaped.prefix(200)) from \(payload.debugDescription.prefix(80))")
        }
        _ = previous
        // No word outside code that GitHub would link by itself.
        for word in text.split(separator: " ") {
            let lower = word.lowercased()
            #expect(!lower.contains("://") && !lower.contains("www.") && !lower.contains("@"), "linkable \(word)")
        }
    }

    @Test(arguments: HostilePayloads.cases)
    func hostileTextIsInertInCellsAndSentences(_ hostile: HostilePayload) {
        let payload = hostile.text
        Self.expectInert(MarkdownText.text(payload), payload)
        Self.expectInert(MarkdownText.text(payload, inTable: true), payload)
        let code = MarkdownText.code(payload, inTable: true)
        #expect(!code.contains("\n") && HostilePayloads.activeScalar(in: code) == nil)
        #expect(Self.withoutCodeSpans(code) == "CODE", "\(code.prefix(100))")
    }

    @Test func linksAndAutolinksBecomeCodeSpans() {
        #expect(MarkdownText.text("[x](https://evil.example)") == "\\[`x](https://evil.example`)")
        #expect(MarkdownText.text("![i](https://evil.example/a.png)") == "`![i](https://evil.example/a.png`)")
        #expect(MarkdownText.text("see www.evil.example, then (https://a.example/x).") == "see `www.evil.example`, then (`https://a.example/x`).")
        #expect(MarkdownText.text("mail ops@example.com") == "mail `ops@example.com`")
        #expect(MarkdownText.text("| a | b |", inTable: true) == "\\| a \\| b \\|")
        #expect(MarkdownText.text("a|https://x.example|b", inTable: true) == "`a\\|https://x.example\\|b`")
    }

    @Test func lineBreaksAndControlsAreVisibleEscapes() {
        #expect(MarkdownText.text("one\ntwo") == "one\\\\ntwo")
        #expect(MarkdownText.text("ok\n::error::x") == "ok\\\\n::error::x")
        #expect(MarkdownText.text("\u{1B}[2J") == "\\\\u{1B}\\[2J")
        #expect(MarkdownText.code("a\u{202E}b") == "`a\\u{202E}b`")
    }

    @Test func codeSpansHoldAnyBackticks() {
        #expect(MarkdownText.code("plain") == "`plain`")
        #expect(MarkdownText.code("a`b``c") == "```a`b``c```")
        #expect(MarkdownText.code("`edge`") == "`` `edge` ``")
        // A backtick joined with a combining mark is another character: the longest run is two.
        #expect(MarkdownText.code("`\u{301}``") == "``` `\u{301}`` ```")
    }

    @Test func ourBlockStartsAreProtected() {
        #expect(MarkdownText.blockStart("- x") == "\\- x")
        #expect(MarkdownText.blockStart("12. x") == "12\\. x")
        #expect(MarkdownText.blockStart("x") == "x")
    }
}

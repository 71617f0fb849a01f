import Foundation
import Testing
@testable import InfraJSON

/// Inventory text written to attack an output: CI workflow commands after a line break, terminal
/// escape sequences, bidirectional controls, markup of every docs medium, and a very long line.
enum HostilePayloads {
    /// `all` as test arguments, each named by its visible form: Swift Testing prints the names of
    /// arguments, and a raw payload would put `::error::x` at the start of a line of the test log.
    static let cases = all.map(HostilePayload.init)

    static let all: [String] = [
        "ok\n::error::x",
        "ok\r\n##vso[task.setvariable variable=x]y",
        "##[group]g",
        "\u{1B}]0;title\u{07}",
        "\u{1B}[2J cleared",
        "bell\u{07}",
        "c1 \u{9B}31m and \u{85}next",
        "bidi \u{202E}txet\u{2066}iso\u{2069}",
        "line\u{2028}sep\u{2029}",
        "</script><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "]]>",
        "\"",
        "'",
        "[x](https://evil.example)",
        "![i](https://evil.example/a.png)",
        "see www.evil.example and https://evil.example/x, mail me@evil.example",
        "# heading",
        "| a | b |",
        "```",
        "\nclick app call evil()",
        "%%{init: {\"securityLevel\":\"loose\"}}%%",
        "\nstyle x fill:#f00",
        "\"]",
        "\"]; evil [label=\"x",
        "<b>html label</b>",
        "<!-- infractl:end -->",
        "\n<!-- infractl:begin -->",
        "tab\there & #35; &amp; \\N \\G \\",
        String(repeating: "0123456789", count: 1_000),
    ]

    /// Whether `text` holds a scalar `UntrustedText` calls active, a line feed excepted (outputs are lines).
    static func activeScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && UntrustedText.isActive($0) }
    }

    /// What a line must never start with (after its indent): a CI command, or a word one of the
    /// payloads would put there if it escaped its line.
    static let forbiddenLineStarts = ["::", "##[", "##vso[", "click", "style x", "%%{", "<script",
                                      "</script", "<img", "evil", "]]>", "<!-- infractl", "| a | b", "# heading"]

    /// The lines of `output` that start with something `forbiddenLineStarts` names.
    static func badLineStarts(_ output: String) -> [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return forbiddenLineStarts.contains { trimmed.hasPrefix($0) }
        }
    }
}

/// A payload as a test argument, described with its active characters visible.
struct HostilePayload: CustomTestStringConvertible, Sendable {
    let text: String

    var testDescription: String { UntrustedText.visible(text).debugDescription }
}

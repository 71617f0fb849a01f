import Testing
@testable import InfraOutput

/// `DOTText`: inventory text is one quoted DOT string, whatever it holds.
@Suite("DOTText")
struct DOTTextTests {
    /// A DOT string `DOTText` writes: no raw quote, no raw line break, backslashes in pairs or before a quote.
    static var quotedString: Regex<Substring> { #/"(?:[^"\\\n]|\\\\|\\")*"/# }

    /// Every line shape `DOTRenderer` writes: `q` is a quoted string.
    static func grammar() -> [Regex<Substring>] {
        // DOT's own `\n` only between label lines (`DOTText.quoted(lines:)`).
        let q = #""(?:[^"\\\n]|\\\\|\\"|\\n)*""#
        let attribute = #"[a-z]+=(?:\#(q)|[0-9.]+|[A-Za-z]+)"#
        let list = #"\[\#(attribute)(?:, \#(attribute))*\]"#
        return [
            try! Regex(#"digraph \#(q) \{"#),
            try! Regex(#"  (?:graph|node|edge) \#(list);"#),
            try! Regex(#" *subgraph \#(q) \{"#),
            try! Regex(##" *label=\##(q); style="rounded,filled"; fillcolor="#[0-9a-f]{6}"; color="#[0-9a-f]{6}"; penwidth=[12];"##),
            try! Regex(#" *\#(q) \#(list);"#),
            try! Regex(#"  \#(q) -> \#(q)(?: \#(list))?;"#),
            try! Regex(#" *\}"#),
        ]
    }

    static func unmatchedLines(_ dot: String) -> [String] {
        let shapes = grammar()
        return dot.split(separator: "\n").map(String.init).filter { line in
            // Scalars, not characters: text that starts with a combining mark merges with our markup.
            !shapes.contains { (try? $0.matchingSemantics(.unicodeScalar).wholeMatch(in: line)) != nil }
        }
    }

    @Test(arguments: HostilePayloads.cases)
    func hostileTextIsOneQuotedString(_ hostile: HostilePayload) throws {
        let payload = hostile.text
        let quoted = DOTText.quoted(payload)
        #expect(!quoted.contains("\n") && HostilePayloads.activeScalar(in: quoted) == nil)
        #expect((try Self.quotedString.wholeMatch(in: quoted)) != nil, "\(quoted.prefix(120))")
        #expect(!quoted.replacing(/&#35;/, with: "").contains("#"), "a # could spell ##vso[ in a CI log: \(quoted.prefix(120))")
        #expect(!quoted.replacing(/&(amp|#35);/, with: "").contains("&"), "input must not spell an entity: \(quoted.prefix(120))")
    }

    @Test func escapes() {
        #expect(DOTText.quoted("a\\b\"c\nd") == #""a\\b\"c\\nd""#)
        #expect(DOTText.quoted("<b>html label</b>") == #""<b>html label</b>""#)
        #expect(DOTText.quoted("\"]; evil [label=\"x") == #""\"]; evil [label=\"x""#)
        #expect(DOTText.quoted("##vso[x] & \\N") == #""&#35;&#35;vso[x] &amp; \\N""#)
        #expect(DOTText.quoted(lines: ["a\nb", "c"]) == #""a\\nb\nc""#)
    }

    @Test func aHostileInventoryWritesOnlyOurLineShapes() throws {
        let dot = DOTRenderer().render(try DocsRenderingTests.model(DocsRenderingTests.hostile))
        #expect(Self.unmatchedLines(dot) == [])
    }

    @Test(.enabled(if: DocsTools.dot != nil, "Graphviz's dot is not installed"), arguments: HostilePayloads.cases)
    func graphvizAcceptsEveryPayload(_ hostile: HostilePayload) throws {
        let payload = hostile.text
        let dot = try #require(DocsTools.dot)
        let q = DOTText.quoted(payload)
        let label = DOTRenderer.label([payload, payload])
        let graph = "digraph \(q) {\n  \(q) [label=\(label)];\n  \(q) -> \"b\" [label=\(label)];\n  subgraph \(DOTText.quoted("cluster_" + payload)) { label=\(label); \"c\"; }\n}\n"
        let result = try DocsTools.run(dot, ["-Tsvg"], input: graph)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("<script") && !result.stdout.contains("<img") && !result.stdout.contains("<b>"))
        #expect(GraphvizSVG.checked(result.stdout) != nil)
    }
}

import Testing
@testable import InfraOutput

/// `MermaidText`: inventory text stays inside its quoted label, on its line.
@Suite("MermaidText")
struct MermaidTextTests {
    /// Every line shape `MermaidRenderer` writes; an id is our prefix, `_` and letters, digits, `_`.
    static var grammar: [Regex<Substring>] { [
        #/flowchart LR/#,
        #/%% [^%\n]*/#,
        #/ *subgraph [a-z]+_[A-Za-z0-9_]* \["[^"]*"\]/#,
        #/ *end/#,
        #/ *[a-z]+_[A-Za-z0-9_]*(?:\("[^"]*"\)|\[\("[^"]*"\)\]|\{\{"[^"]*"\}\}|\["[^"]*"\])/#,
        #/ *[a-z]+_[A-Za-z0-9_]* (?:-->|-\.->)(?:\|"[^"|]*"\|)? [a-z]+_[A-Za-z0-9_]*/#,
        #/ *linkStyle [0-9,]+ stroke:#c62828,stroke-width:2px,color:#c62828/#,
        #/ *classDef (?:error|warning|note|stub) [a-z0-9:#,. -]+/#,
        #/ *class [A-Za-z0-9_,]+ (?:error|warning|note|stub)/#,
        #/ *style [a-z]+_[A-Za-z0-9_]* [a-z0-9:#,. -]+/#,
    ] }

    static func unmatchedLines(_ mermaid: String) -> [String] {
        mermaid.split(separator: "\n").map(String.init).filter { line in
            // Scalars, not characters: text that starts with a combining mark merges with our markup.
            !grammar.contains { (try? $0.matchingSemantics(.unicodeScalar).wholeMatch(in: line)) != nil }
        }
    }

    @Test(arguments: HostilePayloads.cases)
    func hostileTextStaysInsideItsLabel(_ hostile: HostilePayload) {
        let payload = hostile.text
        let label = MermaidText.label(payload)
        #expect(!label.contains("\n") && HostilePayloads.activeScalar(in: label) == nil)
        // Outside its entity codes, a label holds none of the characters Mermaid or HTML would read.
        let raw = label.replacing(/#[0-9]+;/, with: "")
        for character in "\"<>&`|%;#{}" {
            #expect(!raw.contains(character), "raw \(character) in \(label.prefix(120))")
        }
        #expect(Self.unmatchedLines("  svc_x[" + MermaidText.quoted(payload) + "]").isEmpty)
        #expect(Self.unmatchedLines("%% " + MermaidText.comment(payload)).isEmpty)
    }

    @Test func markupBecomesEntityCodes() {
        #expect(MermaidText.label("\"]; click x") == "#34;]#59; click x")
        #expect(MermaidText.label("%%{init}%%") == "#37;#37;#123;init#125;#37;#37;")
        #expect(MermaidText.label("<b>&#35;</b>") == "#60;b#62;#38;#35;35#59;#60;/b#62;")
        #expect(MermaidText.label("a\nclick app call evil()") == "a\\nclick app call evil()")
    }

    @Test func aHostileInventoryDrawsOnlyOurLineShapes() throws {
        let model = try DocsRenderingTests.model(DocsRenderingTests.hostile)
        #expect(Self.unmatchedLines(MermaidRenderer().render(model)) == [])
    }
}

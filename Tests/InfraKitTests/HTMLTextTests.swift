import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import InfraModel
@testable import InfraOutput

/// `HTMLText` and the page around it: inventory text is never an element, an attribute or a
/// script, and the page loads and runs nothing but its own styles.
@Suite("HTMLText")
struct HTMLTextTests {
    @Test(arguments: HostilePayloads.cases)
    func hostileTextIsCharacterData(_ hostile: HostilePayload) {
        let payload = hostile.text
        let escaped = HTMLText.escape(payload)
        #expect(!escaped.contains("\n") && HostilePayloads.activeScalar(in: escaped) == nil)
        let outsideReferences = escaped.replacing(/&#[0-9]+;/, with: "")
        for character in "<>\"'#" { #expect(!outsideReferences.contains(character), "raw \(character) in \(escaped.prefix(120))") }
        #expect(!escaped.replacing(/&(amp|lt|gt|quot|#39|#35);/, with: "").contains("&"))
    }

    @Test func escapes() {
        #expect(HTMLText.escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(HTMLText.escape("\"'&#") == "&quot;&#39;&amp;&#35;")
        #expect(HTMLText.escape("a\nb\u{202E}\u{FFFE}") == "a\\nb\\u{202E}\\u{FFFE}")
    }

    /// The element names and attributes of `xhtml`, which must be well-formed.
    final class Collector: NSObject, XMLParserDelegate {
        var elements = Set<String>()
        var attributes = Set<String>()
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.insert(name)
            self.attributes.formUnion(attributes.keys)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ page: String) throws -> Collector {
        let parser = XMLParser(data: Data(page.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        return collector
    }

    static let pageElements: Set<String> = ["html", "head", "meta", "link", "title", "style", "body", "main", "h1", "h2", "h3", "p",
                                             "ul", "li", "div", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
                                             "figure", "figcaption", "code", "strong", "span", "br"]
    static let svgElements: Set<String> = GraphvizSVG.elements.union(["rect", "marker"])

    /// Checks a page: well-formed, only our elements and attributes, the policy in force.
    static func expectSafePage(_ page: String, policy: String = HTMLRenderer.contentSecurityPolicy) throws {
        let parsed = try parse(page)
        #expect(parsed.elements.subtracting(pageElements).subtracting(svgElements).isEmpty, "\(parsed.elements.subtracting(pageElements).subtracting(svgElements))")
        #expect(!parsed.attributes.contains { $0.lowercased().hasPrefix("on") || $0.lowercased().hasSuffix("href") && $0 != "href" })
        #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\"/>"))
        #expect(!policy.contains("unsafe"))
        #expect(policy.hasPrefix("default-src 'none'; "))
        // The policy's hashes are those of the style blocks on the page, and only those.
        let styles = page.matches(of: /<style>([^<]*)<\/style>/).map { String($0.output.1) }
        #expect(!styles.isEmpty)
        for css in styles {
            let source = "'sha256-" + Base64.encode(SHA256.digest(Array(css.utf8))) + "'"
            #expect(policy.contains(source))
        }
        #expect(!page.contains(" style=\""), "an inline style attribute the policy would block")
    }

    @Test func theHostilePageIsWellFormedAndInert() throws {
        let model = try DocsRenderingTests.model(DocsRenderingTests.hostile)
        try Self.expectSafePage(HTMLRenderer().render(model))
    }

    @Test func base64MatchesFoundation() {
        for length in 0..<8 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
            #expect(Base64.decode(Array(Base64.encode(bytes).utf8)) == bytes)
        }
        #expect(Base64.encode(SHA256.digest(Array("\n".utf8))) == Data(SHA256.digest(Array("\n".utf8))).base64EncodedString())
    }

    @Test func graphvizSVGWithScriptsLinksOrHandlersIsRefused() {
        let good = "<?xml version=\"1.0\"?>\n<!-- x -->\n<svg width=\"1\" xmlns=\"http://www.w3.org/2000/svg\"><g id=\"a\"><title>x&#35;y</title><text x=\"1\">a #b</text></g></svg>"
        #expect(GraphvizSVG.checked(good) == "<svg width=\"1\" xmlns=\"http://www.w3.org/2000/svg\"><g id=\"a\"><title>x&#35;y</title><text x=\"1\">a &#35;b</text></g></svg>")
        for bad in ["<svg><script>alert(1)</script></svg>", "<svg onload=\"alert(1)\"></svg>", "<svg><a xlink:href=\"https://evil\"><text>x</text></a></svg>",
                    "<svg><g style=\"x\"></g></svg>", "<svg><foreignObject></foreignObject></svg>", "<svg><image href=\"x\"/></svg>", "<svg><g"] {
            #expect(GraphvizSVG.checked(bad) == nil, "\(bad)")
        }
    }
}

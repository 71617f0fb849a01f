import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import InfraKit

@Suite("JUnit reporter and XML text")
struct JUnitReporterTests {
    /// An element as a real XML parser reads it back.
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    /// Parses `xml` with Foundation's XML parser: every element in document order, or nil when it is not well-formed.
    final class Reader: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        static func read(_ xml: String) -> [Element]? {
            let reader = Reader()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = reader
            return parser.parse() ? reader.elements : nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }

    @Test func xmlTextEscapesMarkupAndShowsActiveCharactersVisibly() {
        #expect(XMLText.content("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; \"d\" 'e'")
        #expect(XMLText.attribute("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;")
        // Line breaks and tabs from the inventory stay on the line, in attributes and content alike.
        #expect(XMLText.attribute("one\ttwo\nthree\r") == "one\\ttwo\\nthree\\r")
        #expect(XMLText.content("one\ttwo\nthree\r") == "one\\ttwo\\nthree\\r")
        #expect(XMLText.content("nul\u{0} esc\u{1B} bel\u{7} ff\u{C} vt\u{B}") == "nul\\u{0} esc\\u{1B} bel\\u{7} ff\\u{C} vt\\u{B}")
        #expect(XMLText.content("\u{FFFE}\u{FFFF}🙂é\u{85}\u{202E}") == "\u{FFFD}\u{FFFD}🙂é\\u{85}\\u{202E}")
    }

    @Test func hostileTextSurvivesARealParser() throws {
        let xml = JUnitReporter().render(ReporterFixtures.mixedReport)
        let elements = try #require(Reader.read(xml), "not well-formed:\n\(xml)")
        let failure = try #require(elements.first { $0.name == "failure" && $0.attributes["type"] == "error" })
        // Active characters come back as their visible escapes, what XML forbids as U+FFFD, the rest exactly.
        let expected = "100% sure: a, b <c> & \"d\" 'e'\\r\\n::error::injected\\ttab \\u{0}\\u{1B}[31m\\u{7} 🙂 \u{FFFD} end"
        #expect(failure.attributes["message"] == expected)
        #expect(failure.text == "dir:x/shop, 1%.json:3:7: " + expected)
        #expect(!xml.unicodeScalars.contains { UntrustedText.isActive($0) && $0 != "\n" })
        let skipped = try #require(elements.first { $0.name == "skipped" })
        #expect(skipped.attributes["message"] == "waived: moving to vault <Q1> & \"soon\"")
    }

    @Test func countsFailuresSkippedAndErrorsPerSuiteAndInTotal() throws {
        let elements = try #require(Reader.read(JUnitReporter().render(ReporterFixtures.mixedReport)))
        let root = try #require(elements.first)
        #expect(root.name == "testsuites")
        #expect(root.attributes["name"] == "infractl")
        #expect(root.attributes["tests"] == "5")
        #expect(root.attributes["failures"] == "3")
        #expect(root.attributes["errors"] == "1")
        #expect(root.attributes["skipped"] == "1")
        let suites = elements.filter { $0.name == "testsuite" }
        #expect(suites.map { $0.attributes["name"] } == ["broken, really.json", "dir:x/shop, 1%.json", "shop.json"])
        #expect(suites.map { $0.attributes["tests"] } == ["1", "1", "3"])
        #expect(suites.map { $0.attributes["failures"] } == ["0", "1", "2"])
        #expect(suites.map { $0.attributes["errors"] } == ["1", "0", "0"])
        #expect(suites.map { $0.attributes["skipped"] } == ["0", "0", "1"])
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["classname"] } == ["infractl", "plaintext-cross-domain", "secret-in-source", "unmonitored-service", "unknown-key"])
        // A finding about the file as a whole is named after the file.
        #expect(cases.map { $0.attributes["name"] } == ["broken, really.json", "web-1", "db", "web-1", "shop.json"])
        let error = try #require(elements.first { $0.name == "error" })
        #expect(error.attributes["type"] == "malformed-json")
        #expect(error.attributes["message"] == "expected a value after ','")
        #expect(error.text == "broken, really.json:2:14: error: expected a value after ','")
    }

    @Test func aFileWithNothingToReportHasOnePassingCase() throws {
        let directory = try TemporaryDirectory()
        try directory.write("shop.json", minimalInventory)
        let cli = runCLI(["validate", "--rule", "unknown-key", "--format", "junit", "shop.json"], directory: directory.path)
        #expect(cli.code == 0)
        let elements = try #require(Reader.read(cli.stdout))
        #expect(elements.filter { $0.name == "testsuite" }.map { $0.attributes["name"] } == ["shop.json"])
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.count == 1)
        #expect(cases.first?.attributes["name"] == "loaded")
        #expect(elements.first?.attributes["failures"] == "0")
        #expect(elements.first?.attributes["tests"] == "1")
    }

    @Test func seedInventoriesHaveAFailurePerFindingAndASkipPerWaiver() throws {
        for (name, findings, waived) in [("classroom7", 32, 0), ("human-essentials", 28, 1)] {
            let cli = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "junit", "inventories/\(name).json"])
            let elements = try #require(Reader.read(cli.stdout))
            #expect(elements.filter { $0.name == "failure" }.count == findings)
            #expect(elements.filter { $0.name == "skipped" }.count == waived)
            #expect(elements.first?.attributes["failures"] == String(findings))
            #expect(elements.first?.attributes["skipped"] == String(waived))
            #expect(elements.first?.attributes["tests"] == String(findings + waived))
        }
    }

    @Test func outputIsDeterministic() {
        let report = ReporterFixtures.mixedReport
        #expect(JUnitReporter().render(report) == JUnitReporter().render(report))
        #expect(JUnitReporter().render(report).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
        #expect(!JUnitReporter().render(report).contains("timestamp"))
    }
}

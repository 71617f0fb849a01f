import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import InfraJSON
@testable import InfraOutput

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
        // The Ant schema gives <testsuites> no attributes; each suite carries its counts.
        #expect(root.name == "testsuites")
        #expect(root.attributes.isEmpty)
        let suites = elements.filter { $0.name == "testsuite" }
        #expect(suites.map { $0.attributes["package"] } == ["infractl", "infractl", "infractl"])
        #expect(suites.map { $0.attributes["id"] } == ["0", "1", "2"])
        #expect(suites.allSatisfy { $0.attributes["hostname"] == "localhost" && $0.attributes["timestamp"] == "1970-01-01T00:00:00" })
        #expect(suites.map { $0.attributes["name"] } == ["broken, really.json", "dir:x/shop, 1%.json", "shop.json"])
        #expect(suites.map { $0.attributes["tests"] } == ["1", "1", "3"])
        // Only the error fails (--fail-on error by default); the warning and the note pass.
        #expect(suites.map { $0.attributes["failures"] } == ["0", "1", "0"])
        #expect(suites.map { $0.attributes["errors"] } == ["1", "0", "0"])
        #expect(suites.map { $0.attributes["skipped"] } == ["0", "0", "1"])
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["classname"] } == ["infractl", "plaintext-cross-domain", "secret-in-source", "unmonitored-service", "unknown-key"])
        // Named for the entity (or the file, for a finding about the file as a whole), the field
        // and the fingerprint: unique, and the same when lines move.
        let names = cases.map { $0.attributes["name"] ?? "" }
        #expect(names[0] == "broken, really.json")
        #expect(names[1].hasPrefix("web-1 tls ["))
        #expect(names[4].hasPrefix("shop.json ["))
        #expect(Set(names).count == names.count)
        // The Ant flavour has no file or line: its schema forbids them.
        #expect(cases.allSatisfy { $0.attributes["file"] == nil && $0.attributes["line"] == nil })
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
        #expect(elements.first { $0.name == "testsuite" }?.attributes["failures"] == "0")
        #expect(elements.first { $0.name == "testsuite" }?.attributes["tests"] == "1")
    }

    @Test func seedInventoriesHaveAFailurePerFindingAndASkipPerWaiver() throws {
        for (name, findings, waived) in [("classroom7", 33, 0), ("human-essentials", 28, 1)] {
            let cli = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "note", "--format", "junit", "inventories/\(name).json"])
            let elements = try #require(Reader.read(cli.stdout))
            #expect(elements.filter { $0.name == "failure" }.count == findings)
            #expect(elements.filter { $0.name == "skipped" }.count == waived)
            let suite = try #require(elements.first { $0.name == "testsuite" })
            #expect(suite.attributes["failures"] == String(findings))
            #expect(suite.attributes["skipped"] == String(waived))
            #expect(suite.attributes["tests"] == String(findings + waived))
            #expect(suite.attributes["timestamp"] == "2026-11-23T00:00:00")
            let names = elements.filter { $0.name == "testcase" }.map { $0.attributes["name"] ?? "" }
            #expect(Set(names).count == names.count, "test case names are unique")
        }
    }

    @Test func warningsPassUnlessFailOnSaysSo() throws {
        // classroom7 at 2026-11-23: 15 errors, 14 warnings and 4 notes.
        func outcome(_ failOn: String) throws -> (failures: Int, passed: Int, out: String) {
            let cli = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", failOn, "--format", "junit", "inventories/classroom7.json"])
            let elements = try #require(Reader.read(cli.stdout))
            let cases = elements.filter { $0.name == "testcase" }.count
            let failures = elements.filter { $0.name == "failure" }.count
            return (failures, cases - failures, elements.first { $0.name == "system-out" }?.text ?? "")
        }
        let error = try outcome("error")
        #expect(error.failures == 15)
        #expect(error.passed == 18)
        #expect(error.out.split(separator: "\n").count == 18)
        #expect(error.out.split(separator: "\n").allSatisfy { $0.contains(": warning: ") || $0.contains(": note: ") })
        #expect(try outcome("warning").failures == 29)
        #expect(try outcome("note").failures == 33)
        #expect(try outcome("never").failures == 0)
    }

    @Test func theGitLabFlavourAddsFileAndLine() throws {
        let cli = runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "never", "--format", "junit", "--junit-flavor", "gitlab",
                          "inventories/classroom7.json"])
        let elements = try #require(Reader.read(cli.stdout))
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.count == 33)
        #expect(cases.allSatisfy { $0.attributes["file"] == "inventories/classroom7.json" && Int($0.attributes["line"] ?? "") != nil })
    }

    /// The Ant schema of ../shared/schemas/JUnit.xsd, checked by xmllint when it is installed (CI installs it).
    @Test func theAntFlavourValidatesAgainstTheSchema() throws {
        let schema = repositoryRoot + "/../shared/schemas/JUnit.xsd"
        guard FileManager.default.fileExists(atPath: schema),
              let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        let directory = try TemporaryDirectory()
        let reports = [
            ("seeds.xml", runCLI(["validate", "--as-of", "2026-11-23", "--fail-on", "warning", "--format", "junit", "inventories/"]).stdout),
            ("hostile.xml", JUnitReporter().render(ReporterFixtures.mixedReport)),
        ]
        for (name, xml) in reports {
            let path = try directory.write(name, xml)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", "--schema", schema, path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(name): \(message)")
        }
    }

    @Test func outputIsDeterministic() {
        let report = ReporterFixtures.mixedReport
        #expect(JUnitReporter().render(report) == JUnitReporter().render(report))
        #expect(JUnitReporter().render(report).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"))
        // The schema requires a timestamp: the --as-of day, never the clock.
        #expect(JUnitReporter().render(report).contains("timestamp=\"1970-01-01T00:00:00\""))
    }
}

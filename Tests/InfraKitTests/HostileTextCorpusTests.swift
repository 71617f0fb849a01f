import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import InfraJSON

/// Every command in every format over the hostile-text inventories (`Fixtures/hostile/text-*.json`,
/// written by `scripts/hostile-corpus`): whatever the inventory holds, no output may carry a
/// character that acts on a terminal or a reader, no line may start like a CI command, and the
/// machine-readable outputs must parse.
@Suite("Hostile inventory text in every output")
struct HostileTextCorpusTests {
    static let directory = repositoryRoot + "/Tests/InfraKitTests/Fixtures/hostile"
    static let asOf = "2026-11-23"

    static let inventories: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("text-") && $0.hasSuffix(".json") }.sorted()
    }()

    /// One run of the command line, named for the failure messages.
    struct Invocation: CustomStringConvertible {
        let arguments: [String]
        /// The output format, for the checks that depend on it.
        let format: String
        var description: String { "infractl " + arguments.joined(separator: " ") }
    }

    /// Every command and format over `file` (a name in `directory`); `other` is a second inventory
    /// for `diff`, compared both ways.
    static func invocations(_ file: String, other: String) -> [Invocation] {
        var runs: [Invocation] = []
        for format in ["text", "json", "sarif", "junit", "github", "gitlab"] {
            runs.append(Invocation(arguments: ["validate", "--as-of", asOf, "--format", format, file], format: format))
        }
        runs.append(Invocation(arguments: ["validate", "--as-of", asOf, "--format", "junit", "--junit-flavor", "gitlab", file], format: "junit"))
        runs.append(Invocation(arguments: ["validate", "--as-of", asOf, "--format", "sarif", "--sarif-suppressed", "mark", file], format: "sarif"))
        runs.append(Invocation(arguments: ["config", file], format: "text"))
        for format in ["text", "json", "markdown"] {
            runs.append(Invocation(arguments: ["report", "--as-of", asOf, "--format", format, file], format: format))
        }
        for format in ["text", "json"] {
            runs.append(Invocation(arguments: ["diff", "--as-of", asOf, "--format", format, other, file], format: format))
            runs.append(Invocation(arguments: ["diff", "--as-of", asOf, "--format", format, file, other], format: format))
            for domain in ["host", "zone", "region", "provider"] {
                runs.append(Invocation(arguments: ["simulate", "--format", format, file, "--each", domain], format: format))
            }
            runs.append(Invocation(arguments: ["simulate", "--format", format, file, "--fail", "db-1", "--fail", "linode-london"], format: format))
            runs.append(Invocation(arguments: ["blast-radius", "--format", format, file, "db-1"], format: format))
        }
        runs.append(Invocation(arguments: ["simulate", "--summary", file, "--fail", "web-1"], format: "text"))
        for format in ["markdown", "mermaid", "dot", "html"] {
            runs.append(Invocation(arguments: ["docs", "--as-of", asOf, "--format", format, file], format: format))
        }
        return runs
    }

    @Test func theCorpusCoversEveryPayloadFamily() {
        let families = ["ci-commands", "terminal", "bidi", "html", "markdown", "mermaid", "dot", "long"]
        for family in families {
            #expect(Self.inventories.contains("text-\(family).json"), "no text-\(family).json: run scripts/hostile-corpus")
            #expect(Self.inventories.contains("text-\(family)-structural.json"))
        }
    }

    @Test(arguments: HostileTextCorpusTests.inventories)
    func everyCommandInEveryFormatKeepsInventoryTextInert(_ file: String) throws {
        let other = repositoryRoot + "/Tests/InfraKitTests/Fixtures/valid/every-kind.json"
        for invocation in Self.invocations(file, other: other) {
            let run = runCLI(invocation.arguments, directory: Self.directory)
            #expect(run.code != 2 || invocation.arguments[0] == "diff", "\(invocation): exit 2: \(run.stderr)")
            Self.expectInert(run.stdout, invocation, stream: "stdout")
            Self.expectInert(run.stderr, invocation, stream: "stderr")
            try Self.expectWellFormed(run.stdout, invocation)
        }
    }

    /// The files `--output` writes hold no more than standard output would.
    @Test(arguments: ["text-ci-commands-structural.json", "text-terminal.json", "text-html.json"])
    func writtenFilesAreInertToo(_ file: String) throws {
        let temporary = try TemporaryDirectory()
        let formats = ["text", "json", "sarif", "junit", "github", "gitlab"]
        var arguments = ["validate", "--as-of", Self.asOf]
        for format in formats { arguments += ["--format", format, "--output", "\(temporary.path)/out.\(format)"] }
        // GitHub's step summary is written too: Markdown of ours, inventory text inert in its cells.
        let summary = temporary.path + "/step-summary.md"
        let run = runCLI(arguments + [file], directory: Self.directory, environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(run.code == 1, "\(run.stderr)")
        let summaryText = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(summaryText.hasPrefix("## infractl: "))
        Self.expectInert(summaryText, Invocation(arguments: ["validate", "GITHUB_STEP_SUMMARY"], format: "markdown"), stream: "step summary")
        try Self.expectWellFormed(summaryText, Invocation(arguments: ["validate", "GITHUB_STEP_SUMMARY"], format: "markdown"))
        for line in summaryText.split(separator: "\n") {
            #expect(line.hasPrefix("#") || line.hasPrefix("|") || line.hasPrefix("- ") || line.first?.isNumber == true, "a summary line of ours: \(line.prefix(120))")
        }
        for format in formats {
            let written = try String(contentsOfFile: "\(temporary.path)/out.\(format)", encoding: .utf8)
            let invocation = Invocation(arguments: arguments, format: format)
            Self.expectInert(written, invocation, stream: "--output \(format)")
            try Self.expectWellFormed(written, invocation)
        }
        let report = runCLI(["report", "--as-of", Self.asOf, "--format", "markdown", "--output", "\(temporary.path)/report.md", file],
                            directory: Self.directory)
        #expect(report.code != 2, "\(report.stderr)")
        Self.expectInert(try String(contentsOfFile: "\(temporary.path)/report.md", encoding: .utf8),
                         Invocation(arguments: ["report"], format: "markdown"), stream: "--output")
        for format in ["markdown", "html"] {
            let path = "\(temporary.path)/docs.\(format)"
            let docs = runCLI(["docs", "--as-of", Self.asOf, "--format", format, "--output", path, file], directory: Self.directory)
            #expect(docs.code != 2, "\(docs.stderr)")
            Self.expectInert(try String(contentsOfFile: path, encoding: .utf8),
                             Invocation(arguments: ["docs"], format: format), stream: "--output")
        }
    }

    /// File names are untrusted too: a walked directory may hold any name the filesystem allows.
    @Test func hostileFileNamesAreShownInert() throws {
        let temporary = try TemporaryDirectory()
        let inventory = try String(contentsOfFile: Self.directory + "/text-ci-commands.json", encoding: .utf8)
        let names = ["x\n::error file=README.md,line=1::pwned.json", "::warning::a.json", "##vso[task.complete]b.json",
                     "esc\u{1B}]0;title\u{07}.json", "bidi\u{202E}nosj.json"]
        for name in names { try temporary.write(name, inventory) }
        for format in ["text", "github", "junit", "json", "sarif", "gitlab"] {
            let invocation = Invocation(arguments: ["validate", "--format", format, temporary.path], format: format)
            let run = runCLI(["validate", "--as-of", Self.asOf, "--format", format, "."], directory: temporary.path)
            #expect(run.code == 1, "\(invocation): \(run.stderr)")
            Self.expectInert(run.stdout, invocation, stream: "stdout")
            Self.expectInert(run.stderr, invocation, stream: "stderr")
            try Self.expectWellFormed(run.stdout, invocation)
        }
        // Named directly, relative, so that the name itself comes first on each line.
        for name in names {
            let run = runCLI(["validate", "--as-of", Self.asOf, name], directory: temporary.path)
            #expect(run.code == 1, "\(run.stderr)")
            Self.expectInert(run.stdout, Invocation(arguments: ["validate", name], format: "text"), stream: "stdout")
        }
    }

    /// Arguments are shown back in errors: an unknown rule, entity or command.
    @Test func hostileArgumentsAreShownInert() {
        let payload = "x\n::error::pwned\u{1B}[2J\u{202E}"
        let runs = [
            runCLI(["explain", payload]),
            runCLI([payload]),
            runCLI(["blast-radius", "text-terminal.json", payload], directory: Self.directory),
            runCLI(["simulate", "text-terminal.json", "--fail", payload], directory: Self.directory),
            runCLI(["validate", payload]),
            runCLI(["validate", "--rule", payload, "text-terminal.json"], directory: Self.directory),
            runCLI(["completions", payload]),
            runCLI(["validate", "--junit-flavor", payload, "text-terminal.json"], directory: Self.directory),
        ]
        for (offset, run) in runs.enumerated() {
            let invocation = Invocation(arguments: ["#\(offset)"], format: "text")
            #expect(run.code != 0)
            Self.expectInert(run.stdout, invocation, stream: "stdout")
            Self.expectInert(run.stderr, invocation, stream: "stderr")
        }
    }

    // MARK: Checks

    /// Lines GitHub Actions reads as our own workflow commands: `::error file=…,line=…::message`,
    /// property values with `:` and `,` escaped.
    static func isOurWorkflowCommand(_ line: Substring) -> Bool {
        // Scalar semantics: a combining mark after `::` must not hide the `::` in one character.
        line.wholeMatch(of: #/::(error|warning|notice) [a-z]+=[^:,]*(,[a-z]+=[^:,]*)*::[^\n]*/#.matchingSemantics(.unicodeScalar)) != nil
    }

    /// No active character (`UntrustedText.isActive`) but the line feeds that end our lines, and no
    /// line that starts like a CI command (but the `github` format's own annotations).
    static func expectInert(_ output: String, _ invocation: Invocation, stream: String) {
        if let bad = output.unicodeScalars.first(where: { UntrustedText.isActive($0) && $0 != "\n" }) {
            let context = output.components(separatedBy: "\n").first { $0.unicodeScalars.contains(bad) } ?? ""
            Issue.record("\(invocation) \(stream): active character U+\(String(bad.value, radix: 16, uppercase: true)) in \(context.prefix(160).debugDescription)")
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) where UntrustedText.startsLikeCICommand(line) {
            if invocation.format == "github", isOurWorkflowCommand(line) { continue }
            Issue.record("\(invocation) \(stream): a line starts like a CI command: \(line.prefix(160).debugDescription)")
        }
    }

    /// JSON and SARIF parse as JSON; JUnit parses as XML and holds only the elements and attributes
    /// of the Ant JUnit format; Markdown holds no link, image or raw HTML from input; every Mermaid
    /// and DOT line belongs to our grammar; the HTML page parses and holds only our elements,
    /// attributes and policy (`HTMLTextTests.expectSafePage`).
    static func expectWellFormed(_ output: String, _ invocation: Invocation) throws {
        switch invocation.format {
        case "json", "sarif", "gitlab":
            #expect(throws: Never.self, "\(invocation): not JSON") {
                _ = try JSONSerialization.jsonObject(with: Data(output.utf8))
            }
        case "junit":
            let shape = XMLShape(output)
            #expect(shape.error == nil, "\(invocation): JUnit does not parse: \(shape.error ?? "")")
            let elements: Set = ["testsuites", "testsuite", "testcase", "failure", "skipped", "error", "properties", "property", "system-out", "system-err"]
            let attributes: Set = ["name", "tests", "failures", "errors", "skipped", "time", "id", "classname", "message", "type", "file", "line", "value", "timestamp", "hostname", "package", "assertions"]
            #expect(shape.elements.isSubset(of: elements), "\(invocation): elements \(shape.elements.subtracting(elements))")
            #expect(shape.attributes.isSubset(of: attributes), "\(invocation): attributes \(shape.attributes.subtracting(attributes))")
        case "markdown" where invocation.arguments.first == "docs":
            DocsHostileInventoryTests.expectMarkdownIsOurs(output)
        case "markdown":
            DocsHostileInventoryTests.expectReportMarkdownIsOurs(output)
        case "mermaid":
            #expect(MermaidTextTests.unmatchedLines(output) == [], "\(invocation): a line outside our Mermaid grammar")
        case "dot":
            #expect(DOTTextTests.unmatchedLines(output) == [], "\(invocation): a line outside our DOT grammar")
        case "html":
            try HTMLTextTests.expectSafePage(output)
        default:
            break
        }
    }
}

/// The element and attribute names of an XML document, read with Foundation's strict parser.
final class XMLShape: NSObject, XMLParserDelegate {
    private(set) var elements: Set<String> = []
    private(set) var attributes: Set<String> = []
    private(set) var error: String?

    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        if !parser.parse() {
            error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" } ?? "unknown error"
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes attributeDict: [String: String] = [:]) {
        elements.insert(elementName)
        attributes.formUnion(attributeDict.keys)
    }
}

import Foundation
import Testing
@testable import InfraOutput

/// `infractl docs` and `report --format markdown` end to end on an inventory whose every free
/// text (names, descriptions, tags, stages, regions, purposes, procedures, waiver reasons, alert
/// and record targets, ...) carries a hostile payload: each format keeps to its own grammar.
@Suite("Docs of a hostile inventory")
struct DocsHostileInventoryTests {
    static let freeTextKeys: Set<String> = ["name", "description", "contact", "team", "domain", "location", "manager", "path",
                                            "procedure", "purpose", "reason", "region", "roles", "tags", "tool", "zone", "condition",
                                            "metric", "owner", "branch", "managedBy", "protocol", "version"]

    /// every-kind.json with a payload appended to each free text, the alert target and the record address.
    static func inventory() throws -> String {
        let path = repositoryRoot + "/Tests/InfraKitTests/Fixtures/valid/every-kind.json"
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var next = 0
        func payload() -> String {
            defer { next += 1 }
            return HostilePayloads.all[next % HostilePayloads.all.count]
        }
        func walk(_ value: Any, key: String?) -> Any {
            switch value {
            case let object as [String: Any]:
                // Keys in order, so the same payload lands on the same text every time.
                return Dictionary(uniqueKeysWithValues: object.keys.sorted().map { ($0, walk(object[$0] as Any, key: $0)) })
            case let array as [Any]:
                return array.map { walk($0, key: key) }
            case let text as String:
                let hostile = key.map { freeTextKeys.contains($0) } == true || text == "on-call" || text == "203.0.113.9"
                return hostile ? text + " " + payload() : text
            default:
                return value
            }
        }
        let data = try JSONSerialization.data(withJSONObject: walk(root, key: nil), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func docs(_ format: String, environment: [String: String] = [:]) throws -> CLIRun {
        let directory = try TemporaryDirectory()
        let file = try directory.write("hostile.json", try inventory())
        return runCLI(["docs", file, "--format", format, "--as-of", "2026-11-23"], environment: environment)
    }

    static func expectLinesAreOurs(_ output: String) {
        #expect(HostilePayloads.activeScalar(in: output) == nil)
        #expect(HostilePayloads.badLineStarts(output) == [])
    }

    /// Docs Markdown holds no link, image, autolink or raw HTML but our own tags, and its only
    /// fences are our Mermaid diagrams, whose every line belongs to our grammar.
    static func expectMarkdownIsOurs(_ output: String) {
        var mermaid = ""
        var inFence = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                #expect(line == (inFence ? "```" : "```mermaid"), "a fence we did not write: \(line.prefix(120))")
                inFence.toggle()
                continue
            }
            if inFence { mermaid += line + "\n"; continue }
            let text = MarkdownTextTests.withoutCodeSpans(line)
            #expect(!text.contains("]("), "a link: \(line.prefix(160))")
            // Backslash-escaped characters are text; what is left must hold only our own tags.
            for tag in text.replacing(/\\./, with: "").matches(of: /<\/?[A-Za-z!][^>]*>?/.matchingSemantics(.unicodeScalar)) {
                #expect(["<br>", "<details>", "</details>", "<summary>", "</summary>"].contains(String(tag.output)), "raw HTML: \(tag.output)")
            }
            for word in text.split(separator: " ") where word.contains("://") || word.lowercased().contains("www.") {
                Issue.record("an autolink: \(word.prefix(80))")
            }
        }
        #expect(!inFence)
        #expect(MermaidTextTests.unmatchedLines(mermaid).filter { !$0.isEmpty } == [])
    }

    /// The health report's Markdown holds no link and no raw `<` from input.
    static func expectReportMarkdownIsOurs(_ output: String) {
        for line in output.split(separator: "\n").map(String.init) {
            let text = MarkdownTextTests.withoutCodeSpans(line)
            #expect(!text.contains("]("), "a link: \(line.prefix(160))")
            #expect(!text.replacing(/\\./, with: "").contains("<"), "raw <: \(line.prefix(160))")
        }
    }

    @Test func markdown() throws {
        let run = try Self.docs("markdown")
        #expect(run.code == 0, "\(run.stderr)")
        Self.expectLinesAreOurs(run.stdout)
        Self.expectMarkdownIsOurs(run.stdout)
        #expect(!DocsInjection.holdsMarkerLine(run.stdout))
    }

    @Test func mermaid() throws {
        let run = try Self.docs("mermaid")
        #expect(run.code == 0, "\(run.stderr)")
        Self.expectLinesAreOurs(run.stdout)
        #expect(MermaidTextTests.unmatchedLines(run.stdout) == [])
    }

    @Test func dot() throws {
        let run = try Self.docs("dot")
        #expect(run.code == 0, "\(run.stderr)")
        Self.expectLinesAreOurs(run.stdout)
        #expect(DOTTextTests.unmatchedLines(run.stdout) == [])
        if let dot = DocsTools.dot {
            let drawn = try DocsTools.run(dot, ["-Tsvg"], input: run.stdout)
            #expect(drawn.status == 0, "\(drawn.stderr)")
        }
    }

    @Test func htmlWithoutGraphviz() throws {
        let run = try Self.docs("html")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("built-in layered layout"))
        Self.expectLinesAreOurs(run.stdout)
        try HTMLTextTests.expectSafePage(run.stdout)
    }

    @Test(.enabled(if: DocsTools.dot != nil, "Graphviz's dot is not installed"))
    func htmlWithGraphviz() throws {
        let directory = try #require(DocsTools.dot.map { ($0 as NSString).deletingLastPathComponent })
        let run = try Self.docs("html", environment: ["PATH": directory])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Drawn by Graphviz"), "\(run.stderr)")
        Self.expectLinesAreOurs(run.stdout)
        try HTMLTextTests.expectSafePage(run.stdout)
    }

    @Test func healthReportMarkdown() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("hostile.json", try Self.inventory())
        let run = runCLI(["report", file, "--format", "markdown", "--fail-on", "never", "--as-of", "2026-11-23"])
        #expect(run.code == 0, "\(run.stderr)")
        Self.expectLinesAreOurs(run.stdout)
        Self.expectReportMarkdownIsOurs(run.stdout)
    }

    @Test func sameInputSameBytes() throws {
        for format in ["markdown", "mermaid", "dot", "html"] {
            #expect(try Self.docs(format).stdout == Self.docs(format).stdout)
        }
    }

    @Test func injectionRefusesContentThatHoldsAMarkerLine() {
        let readme = "intro\n<!-- infractl:begin -->\nold\n<!-- infractl:end -->\noutro\n"
        #expect(DocsInjection.inject("new\n  <!-- infractl:end -->\n", into: readme) == .failure(.markerInContent))
        #expect(DocsInjection.inject("new \\<!-- infractl:end -->\n", into: readme)
                == .success("intro\n<!-- infractl:begin -->\nnew \\<!-- infractl:end -->\n<!-- infractl:end -->\noutro\n"))
    }
}

import Foundation
import Testing
@testable import InfraModel
@testable import InfraRules
@testable import InfraOutput

/// `infractl docs`: goldens of classroom7, every format for every seed, escaping of hostile text,
/// redaction of credentials; `ArchitectureOverviewTests` and `DocsFocusTests` cover Mermaid's size limits.
@Suite("Architecture docs rendering")
struct DocsRenderingTests {
    static let asOf = SeedGoldenTests.asOf

    static func docs(_ name: String, _ format: DocsFormat) -> CLIRun {
        runCLI(["docs", "inventories/\(name).json", "--as-of", asOf, "--format", format.rawValue])
    }

    /// Renders an inventory written in the test, as the command would.
    static func model(_ json: String, asOf: String = DocsRenderingTests.asOf) throws -> ArchitectureModel {
        let (inventory, structural) = try decode(json)
        let day = try #require(Day(parsing: asOf))
        let linter = Linter(options: LintOptions(settings: RuleSettings(asOf: day)))
        let result = linter.lint(inventory, structural: structural)
        return ArchitectureModel(inventory: inventory, findings: result.findings.sorted(by: Finding.reportOrder),
                                 suppressedCount: result.suppressed.count, asOf: day)
    }

    // MARK: Goldens

    @Test(arguments: [(DocsFormat.markdown, "md"), (DocsFormat.mermaid, "mmd")])
    func classroom7MatchesTheGolden(_ format: DocsFormat, _ fileExtension: String) throws {
        let run = Self.docs("classroom7", format)
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        try expectGolden(run.stdout, at: "Tests/InfraKitTests/Goldens/docs/classroom7.\(fileExtension)")
    }

    @Test func classroom7DocsSayWhatTheIssueAsks() {
        let markdown = Self.docs("classroom7", .markdown).stdout
        // Worst-case recovery point from the schedule, beside the objective column.
        #expect(markdown.contains("| `couchdb-cloudant`<br>⚠ 1 finding (warning) | couchdb |"))
        #expect(markdown.contains("`backup-couchdb-iriscouch`: `0 2 * * *` → `iriscouch`, retention not stated | `1d` |"))
        // Plaintext across failure domains, in the table and the diagram.
        #expect(markdown.contains("`couchdb-cloudant` — http, no TLS ⚠ across failure domains"))
        #expect(markdown.contains("svc_rails_production -.->|\"http, no TLS ⚠\"| ds_couchdb_cloudant"))
        #expect(markdown.contains("```mermaid\nflowchart LR\n"))
        // Secrets say where they are kept; findings are summarised by severity and rule.
        #expect(markdown.contains("| `secret-cloudant-password`<br>⚠ 1 finding (error) | source-code ⚠ | `rails-production` | — |"))
        #expect(markdown.contains("| error | `plaintext-cross-domain` | 1 | `rails-production` |"))
        #expect(markdown.contains("As of 2026-11-23: 33 findings — 15 errors, 14 warnings, 4 notes."))
    }

    @Test func recoveryPointIsComparedWithTheObjective() throws {
        let model = try Self.model("""
        {"infractl": 2, "name": "shop", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "aws", "kind": "aws"}, {"id": "b2", "kind": "backblaze"}],
         "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws"}, "objectives": {"rpo": "1h", "rto": "4h"}},
                        {"id": "cache", "environment": "prod", "engine": "redis", "hosting": {"provider": "aws"}, "objectives": {"rpo": "1d"}}],
         "backups": [{"id": "nightly", "of": ["db", "cache"], "schedule": "30 1 * * mon-fri", "target": {"provider": "b2"}, "retention": {"daily": 7, "weekly": 4}},
                     {"id": "hourly", "of": ["cache"], "schedule": "every 1h", "target": {"provider": "b2"}, "retention": "14d"}]}
        """)
        let markdown = MarkdownRenderer().render(model)
        // Monday to Friday at 01:30: the weekend makes the worst gap three days.
        #expect(markdown.contains("`nightly`: `30 1 * * mon-fri` → `b2`, retention 7 daily, 4 weekly | `3d` ⚠ over the 1h objective | RPO 1h, RTO 4h |"))
        #expect(markdown.contains("`hourly`: `every 1h` → `b2`, retention 14d<br>`nightly`: `30 1 * * mon-fri` → `b2`, retention 7 daily, 4 weekly | `1h` | RPO 1d |"))
    }

    @Test func htmlCarriesGraphvizsDrawingOrItsOwn() throws {
        let model = try Self.model(minimalInventory)
        let own = HTMLRenderer().render(model)
        #expect(own.contains("built-in layered layout"))
        #expect(own.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let graphviz = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n<svg width=\"8pt\"><g/></svg>\n"
        let drawn = HTMLRenderer().render(model, graphvizSVG: graphviz)
        #expect(drawn.contains("<div class=\"canvas\">\n<svg width=\"8pt\"><g/></svg>"))
        #expect(!drawn.contains("<?xml") && !drawn.contains("<!DOCTYPE svg"))
        #expect(drawn.contains("Drawn by Graphviz (dot)"))
    }

    @Test func pipelinesReadAsAStageSequence() {
        let markdown = Self.docs("human-essentials", .markdown).stdout
        #expect(markdown.contains("| manual | cloud66 | test → approve → deploy(production) | — |"))
    }

    // MARK: Every seed, every format

    static let seedsAndFormats: [(String, DocsFormat)] = SeedInventoryTests.names.flatMap { name in
        DocsFormat.allCases.map { (name, $0) }
    }

    @Test(arguments: seedsAndFormats)
    func everyFormatRendersForEverySeed(_ name: String, _ format: DocsFormat) {
        let run = Self.docs(name, format)
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        let text = run.stdout
        switch format {
        case .markdown:
            #expect(text.hasPrefix("# \(name)\n"))
            #expect(text.contains("```mermaid\nflowchart LR\n"))
            #expect(text.contains("## Findings"))
        case .mermaid:
            #expect(text.hasPrefix("flowchart LR\n"))
        case .dot:
            #expect(text.hasPrefix("digraph \"\(name)\" {\n"))
            #expect(text.contains("subgraph \"cluster_"))
        case .html:
            #expect(text.hasPrefix("<!DOCTYPE html>\n"))
            #expect(text.contains("<svg"))
            #expect(!text.contains("<script"))
            #expect(text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "))
            #expect(!text.contains("src=\""))
        }
        // Same input, same bytes.
        #expect(Self.docs(name, format).stdout == text)
    }

    @Test(.enabled(if: DocsTools.dot != nil, "Graphviz's dot is not installed"), arguments: SeedInventoryTests.names)
    func graphvizAcceptsTheDOTOfEverySeed(_ name: String) throws {
        let dot = try #require(DocsTools.dot)
        let result = try DocsTools.run(dot, ["-Tsvg"], input: Self.docs(name, .dot).stdout)
        #expect(result.status == 0, "dot -Tsvg rejected \(name): \(result.stderr)")
        #expect(result.stdout.contains("<svg"))
        #expect(!result.stderr.contains("Error"), "\(result.stderr)")
    }

    // MARK: Escaping

    static let hostile = """
    {
      "infractl": 2,
      "name": "evil | <b>name</b> & \\"co\\" `x`\\nsecond line",
      "description": "| breaks | tables\\n<script>alert(1)</script> & `ticks` [link](http://x) *stars* #hash $math$",
      "environments": [{"id": "prod", "kind": "production", "domain": "a|b<c>\\"d\\"&e`f`\\ng"}],
      "providers": [{"id": "p1", "kind": "ev|il<k>", "region": "re\\"gion\\nnext"}, {"id": "p2", "kind": "other", "region": "far & away"}],
      "hosts": [{"id": "h1", "environment": "prod", "provider": "p1", "zone": "z|<1>", "roles": ["r|1", "<r2>"],
                 "os": {"name": "lin|ux", "version": "<1>"}, "description": "host | <i>italic</i>\\nline"}],
      "services": [
        {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["h1"],
         "runtime": {"name": "ru\\"by", "version": "1|9"}, "framework": {"name": "<rails>", "version": "`3`"},
         "processes": {"manager": "uni|corn", "count": 2},
         "dependsOn": [{"target": "db", "protocol": "ht|tp\\"<x>\\n`y`", "tls": false},
                       {"target": "api", "protocol": "#35; & <end>"}]},
        {"id": "api", "environment": "prod", "kind": "external", "provider": "p2", "description": "end"}
      ],
      "datastores": [{"id": "db", "environment": "prod", "engine": "pg|<sql>", "version": "\\"9\\"", "hosting": {"provider": "p2"},
                      "databases": [{"name": "a|b<c>"}]}],
      "backups": [{"id": "b1", "of": ["db"], "schedule": "@daily", "target": {"provider": "p1", "location": "s3://x|y/<z>"}}],
      "monitors": [{"id": "m1", "tool": "to|ol", "watches": ["web"], "checks": [{"metric": "m|<x>", "condition": "< 3"}],
                    "alerts": [{"channel": "email", "target": "a|b@<c>"}]}],
      "pipelines": [{"id": "pl", "deploys": ["web"], "trigger": {"branch": "ma|in<x>"}, "tool": "t|<x>",
                     "stages": [{"name": "st|age <x>\\nnext", "kind": "test"}, {"kind": "deploy", "environment": "prod"}]}],
      "jobs": [{"id": "j1", "environment": "prod", "schedule": "every 4h", "runsOn": ["h1"], "purpose": "pur|pose <x> \\"q\\"\\nline"}],
      "secrets": [{"id": "s1", "storage": "vault", "usedBy": ["web"]}],
      "dns": [{"id": "zone1", "zone": "ex|ample<.>com", "provider": "p1",
               "records": [{"name": "w|w\\"w", "type": "A<", "targets": ["web", "1.2.3.4|<x>"]}]}]
    }
    """

    @Test func markdownEscapesHostileText() throws {
        let markdown = MarkdownRenderer().render(try Self.model(Self.hostile))
        // Outside the Mermaid blocks and code spans, every `<` is escaped or starts one of our own tags.
        var inMermaid = false
        for line in markdown.split(separator: "\n") {
            if line.hasPrefix("```") { inMermaid.toggle(); continue }
            if inMermaid { continue }
            var rest = Substring(MarkdownTextTests.withoutCodeSpans(String(line)))
            while let open = rest.firstIndex(of: "<") {
                let before = rest[..<open]
                let tail = rest[open...]
                let ours = ["<br>", "<details>", "</details>", "<summary>", "</summary>"].contains { tail.hasPrefix($0) }
                #expect(ours || before.hasSuffix("\\"), "raw < in: \(line)")
                rest = rest[rest.index(after: open)...]
            }
        }
        // Every table row is one line, closed by a border (the cell counts are checked below).
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            #expect(line.hasSuffix(" |") || line.hasSuffix("---|"), "row not closed: \(line)")
        }
        #expect(markdown.contains("ht\\|tp"))
        #expect(markdown.contains("\\<script\\>"))
        // A heading never spans two lines, whatever the name holds.
        #expect(markdown.hasPrefix("# evil \\| \\<b\\>name\\</b\\> \\& \"co\" \\`x\\`\\\\nsecond line\n"))
    }

    /// Table borders in a Markdown row: pipes not escaped with a backslash.
    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { count += 1 }
        }
        return count
    }

    @Test func tableRowsOfTheHostileInventoryHaveTheirHeadersCellCount() throws {
        let markdown = MarkdownRenderer().render(try Self.model(Self.hostile))
        let lines = markdown.split(separator: "\n").map(String.init)
        for (offset, line) in lines.enumerated() where line.hasPrefix("|---") {
            let columns = Self.unescapedPipes(lines[offset - 1])
            var next = offset + 1
            while next < lines.count, lines[next].hasPrefix("|") {
                #expect(Self.unescapedPipes(lines[next]) == columns, "\(lines[next])")
                next += 1
            }
        }
    }

    @Test func mermaidEscapesHostileText() throws {
        let mermaid = MermaidRenderer().render(try Self.model(Self.hostile))
        for line in mermaid.split(separator: "\n") {
            // Quotes only delimit labels: an even number per line, none escaped inside.
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
            #expect(!line.contains("<b>") && !line.contains("<rails>") && !line.contains("`"), "\(line)")
            if line.contains("-->") || line.contains("-.->") {
                #expect(line.filter { $0 == "|" }.count == 2, "an edge label must not hold a raw |: \(line)")
            }
        }
        #expect(mermaid.contains("#60;rails#62;"))
        #expect(mermaid.contains("ht#124;tp#34;#60;x#62;\\n#96;y#96;"))
        // Node ids are letters, digits and underscores, never the bare keyword `end`.
        for line in mermaid.split(separator: "\n") where line.hasPrefix("  svc_") || line.hasPrefix("      ds_") {
            let id = line.trimmingCharacters(in: .whitespaces).prefix { $0 != "(" && $0 != "[" && $0 != " " }
            #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(id)")
        }
    }

    @Test func mermaidIdsAreSanitizedAndUnique() {
        var ids = MermaidRenderer.Identifiers()
        let first = ids.id("svc", "a-b")
        let second = ids.id("svc", "a.b")
        let third = ids.id("svc", "a_b")
        #expect(first == "svc_a_b")
        #expect(Set([first, second, third]).count == 3)
        #expect(ids.id("svc", "a-b") == first)
        #expect(ids.id("svc", "end") == "svc_end")
    }

    @Test func dotQuotesEveryIDAndEscapesLabels() throws {
        let dot = DOTRenderer().render(try Self.model(Self.hostile))
        for line in dot.split(separator: "\n") {
            var quotes = 0
            var escaped = false
            for character in line {
                if escaped { escaped = false; continue }
                if character == "\\" { escaped = true; continue }
                if character == "\"" { quotes += 1 }
            }
            #expect(quotes % 2 == 0, "unbalanced quotes: \(line)")
        }
        #expect(dot.contains("digraph \"evil | <b>name</b> &amp; \\\"co\\\" `x`\\\\nsecond line\" {"))
        #expect(DOTRenderer.quote("a\\b\"c\nd\re") == "\"a\\\\b\\\"c\\\\nd\\\\re\"")
    }

    @Test(.enabled(if: DocsTools.dot != nil, "Graphviz's dot is not installed"))
    func graphvizAcceptsTheHostileInventory() throws {
        let dot = try #require(DocsTools.dot)
        let result = try DocsTools.run(dot, ["-Tsvg"], input: DOTRenderer().render(try Self.model(Self.hostile)))
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func htmlEscapesHostileText() throws {
        let html = HTMLRenderer().render(try Self.model(Self.hostile))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>name") && !html.contains("<i>italic") && !html.contains("<rails>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>evil | &lt;b&gt;name&lt;/b&gt; &amp; &quot;co&quot; `x`\\nsecond line — architecture</title>"))
        #expect(html.contains("<h1>evil | &lt;b&gt;name&lt;/b&gt; &amp; &quot;co&quot; `x`\\nsecond line</h1>"))
        #expect(html.contains("aria-label=\"evil | &lt;b&gt;name&lt;/b&gt; &amp; &quot;co&quot; `x`"))
    }

    // MARK: Secrets

    static let plantedCredentials = """
    {
      "infractl": 2,
      "name": "leaky",
      "description": "connect with DB_PASSWORD=hunter2hunter2 and key AKIAIOSFODNN7EXAMPLE",
      "environments": [{"id": "prod", "kind": "production", "description": "token: s3cr3tT0kenValue"}],
      "providers": [{"id": "aws", "kind": "aws"}],
      "hosts": [{"id": "h1", "environment": "prod", "provider": "aws", "description": "root password=correcthorsebattery"}],
      "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["h1"],
                    "dependsOn": [{"target": "db", "protocol": "postgres password=pgpass1234"}]}],
      "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "h1"}}],
      "jobs": [{"id": "j1", "environment": "prod", "schedule": "@daily", "purpose": "curl -u admin:x apikey=ZXhhbXBsZWtleTEyMzQ"}],
      "secrets": [{"id": "s1", "storage": "vault", "usedBy": ["web"], "description": "the value is secret_key=Zm9vYmFyYmF6cXV4"}],
      "dns": [{"id": "zone1", "zone": "example.com", "provider": "aws",
               "records": [{"name": "token=abcd1234efgh", "type": "TXT", "targets": ["web"]}]}]
    }
    """

    static let plantedValues = ["hunter2hunter2", "AKIAIOSFODNN7EXAMPLE", "s3cr3tT0kenValue", "correcthorsebattery", "pgpass1234",
                                "ZXhhbXBsZWtleTEyMzQ", "Zm9vYmFyYmF6cXV4", "abcd1234efgh"]

    @Test(arguments: DocsFormat.allCases)
    func credentialsInInventoryTextAreRedacted(_ format: DocsFormat) throws {
        let model = try Self.model(Self.plantedCredentials)
        let text = format.render(model)
        for value in Self.plantedValues {
            #expect(!text.contains(value), "\(format.rawValue) prints \(value)")
        }
        #expect(text.contains("redacted, sha256:"))
    }

    @Test func theCommandRedactsToo() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("leaky.json", Self.plantedCredentials)
        for format in DocsFormat.allCases {
            let run = runCLI(["docs", file, "--as-of", Self.asOf, "--format", format.rawValue], environment: [:])
            #expect(run.code == 0)
            for value in Self.plantedValues { #expect(!run.stdout.contains(value)) }
        }
    }

    // MARK: Mermaid's limits

    /// An inventory of `environments` environments, each with `providers` providers of `hosts`
    /// hosts, each host running a service that depends on a datastore and on its neighbour.
    static func large(environments: Int, providers: Int, hosts: Int) -> String {
        var environmentList: [String] = []
        var providerList: [String] = []
        var hostList: [String] = []
        var serviceList: [String] = []
        var datastoreList: [String] = []
        for p in 0..<providers { providerList.append(#"{"id": "aws-\#(p)", "kind": "aws", "region": "region-\#(p)"}"#) }
        for e in 0..<environments {
            environmentList.append(#"{"id": "env-\#(e)", "kind": "\#(e == 0 ? "production" : "staging")"}"#)
            for p in 0..<providers {
                datastoreList.append(#"{"id": "db-\#(e)-\#(p)", "environment": "env-\#(e)", "engine": "postgres", "hosting": {"provider": "aws-\#(p)"}}"#)
                for h in 0..<hosts {
                    let id = "\(e)-\(p)-\(h)"
                    hostList.append(#"{"id": "host-\#(id)", "environment": "env-\#(e)", "provider": "aws-\#(p)", "zone": "zone-\#(h % 3)"}"#)
                    let neighbour = "svc-\(e)-\(p)-\((h + 1) % hosts)"
                    serviceList.append(#"""
                    {"id": "svc-\#(id)", "environment": "env-\#(e)", "kind": "web", "runsOn": ["host-\#(id)"],
                     "dependsOn": [{"target": "db-\#(e)-\#(p)", "protocol": "postgres"}, {"target": "\#(neighbour)", "protocol": "http", "tls": true},
                                   {"target": "db-\#((e + 1) % environments)-\#(p)", "protocol": "postgres"}]}
                    """#)
                }
            }
        }
        return """
        {"infractl": 2, "name": "large", "environments": [\(environmentList.joined(separator: ","))],
         "providers": [\(providerList.joined(separator: ","))], "hosts": [\(hostList.joined(separator: ","))],
         "services": [\(serviceList.joined(separator: ","))], "datastores": [\(datastoreList.joined(separator: ","))]}
        """
    }

    @Test func aSmallInventoryIsOneDiagram() throws {
        let model = try Self.model(minimalInventory)
        let diagram = MermaidRenderer().diagram(model)
        #expect(diagram.part == nil)
        #expect(diagram.edgeCount == model.edges.count)
    }
}

/// External tools some docs tests use when they are installed: Graphviz's `dot` and Chromium.
enum DocsTools {
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    static let dot = find(["dot"])
    static let chromium = find(["chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"])

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a tool to completion (killed after `timeout` seconds).
    static func run(_ executable: String, _ arguments: [String], input: String = "", timeout: TimeInterval = 120) throws -> Result {
        let directory = try TemporaryDirectory()
        let inputPath = try directory.write("input", input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        let outputPath = directory.path + "/stdout"
        let errorPath = directory.path + "/stderr"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
}

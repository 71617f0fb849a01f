import Foundation
import Testing
@testable import InfraOutput

/// `infractl docs` on a system too large for one diagram: the aggregated overview within Mermaid's
/// limits in every format, summarised tables, and full diagrams and tables for small systems.
@Suite("Architecture docs at scale")
struct ArchitectureOverviewTests {
    /// 2 environments × 5 providers × 2,000 hosts: 20,000 hosts and services, 60,000 edges.
    static let large: ArchitectureModel? = try? DocsRenderingTests.model(DocsRenderingTests.large(environments: 2, providers: 5, hosts: 2_000))

    static func largeModel() throws -> ArchitectureModel { try #require(large) }

    @Test func aLargeInventoryIsOneOverviewWithinMermaidsLimits() throws {
        let model = try Self.largeModel()
        let plan = DiagramPlan(model)
        let overview = try #require(plan.overview)
        let diagram = MermaidRenderer().diagram(model, plan: plan)
        #expect(diagram.edgeCount <= MermaidRenderer.defaultMaxEdges)
        #expect(diagram.text.utf16.count <= MermaidRenderer.defaultMaxTextSize)
        #expect(diagram.text.hasPrefix("flowchart LR\n%% aggregated overview: 40,010 entities"))
        #expect(diagram.text.contains("--focus ID, --focus environment=NAME or --focus region=NAME"))
        // Every host, service and datastore is counted once.
        #expect(overview.entityCount == 20_000 + 20_000 + 10)
        #expect(overview.groups.filter { $0.title == "hosts" }.reduce(0) { $0 + $1.count } == 20_000)
        #expect(overview.groups.contains { $0.title == "web services" && $0.count > 0 })
        #expect(overview.links.reduce(0) { $0 + $1.count } == model.edges.count)
    }

    /// Production clusters whose members are every staging host: those hosts are counted with the
    /// clusters, where they are met first, and staging gets no hosts group, rather than an empty one.
    @Test func hostsCountedElsewhereMakeNoEmptyGroup() throws {
        let clusters = (0..<100).map { cluster in
            let members = (0..<30).map { #"{"host": "host-1-0-\#(cluster * 30 + $0)", "role": "voter"}"# }.joined(separator: ",")
            return #"{"id": "ring-\#(cluster)", "environment": "env-0", "kind": "cassandra", "consensus": "none", "members": [\#(members)]}"#
        }.joined(separator: ",")
        let json = DocsRenderingTests.large(environments: 2, providers: 1, hosts: 3_000)
            .replacingOccurrences(of: #""services": ["#, with: #""clusters": [\#(clusters)], "services": ["#)
        let model = try DocsRenderingTests.model(json)
        let overview = try #require(DiagramPlan(model).overview)
        #expect(overview.groups.allSatisfy { $0.count > 0 }, "empty: \(overview.groups.filter { $0.count == 0 }.map(\.key))")
        #expect(overview.groups.filter { $0.title == "hosts" }.reduce(0) { $0 + $1.count } == 6_000)
    }

    @Test func theOverviewCoarsensUntilItFits() throws {
        let model = try Self.largeModel()
        let byZone = DiagramPlan(model)
        #expect(byZone.overview?.grain == .zone)
        let byProvider = DiagramPlan(model, maxEdges: 500, maxTextSize: 8_000)
        #expect(byProvider.overview?.grain == .provider)
        let diagram = MermaidRenderer(maxEdges: 500, maxTextSize: 8_000).diagram(model, plan: byProvider)
        #expect(diagram.text.utf16.count <= 8_000)
    }

    @Test func aSmallInventoryKeepsItsFullDiagram() throws {
        let model = try DocsRenderingTests.model(minimalInventory)
        let plan = DiagramPlan(model)
        #expect(plan.overview == nil)
        let text = MermaidRenderer().render(model, plan: plan)
        #expect(!text.contains("aggregated"))
        #expect(text.contains("svc_app("))
    }

    @Test(arguments: SeedInventoryTests.names)
    func seedsAreDrawnInFull(_ name: String) {
        for format in DocsFormat.allCases {
            let run = DocsRenderingTests.docs(name, format)
            #expect(run.code == 0)
            #expect(!run.stdout.contains("aggregated overview"), "\(name) \(format)")
            #expect(!run.stdout.contains("Summarised:"), "\(name) \(format)")
        }
    }

    @Test func everyFormatDrawsTheSameOverview() throws {
        let model = try Self.largeModel()
        let plan = DiagramPlan(model)
        let dot = DOTRenderer().render(model, plan: plan)
        #expect(dot.contains("aggregated overview"))
        #expect(dot.components(separatedBy: " -> ").count - 1 == plan.overview?.links.count)
        let html = HTMLRenderer().render(model, plan: plan)
        #expect(html.contains("<strong>Aggregated:</strong> This diagram is an aggregated overview"))
        #expect(html.utf8.count < 1_000_000)
        #expect(html.contains("web services × "))
        let markdown = MarkdownRenderer().render(model, plan: plan)
        #expect(markdown.components(separatedBy: "```mermaid\n").count == 2)
        #expect(markdown.contains("**Aggregated:** This diagram is an aggregated overview"))
    }

    @Test func longTablesAreSummarisedAndShortOnesListed() throws {
        let model = try Self.largeModel()
        let markdown = MarkdownRenderer().render(model)
        // 2,000 × 5 hosts per environment: counted per provider and zone.
        #expect(markdown.contains("**Summarised:** 10,000 hosts, more than 200 rows, counted by provider / region and zone."))
        #expect(markdown.contains("| `aws-0` (aws, region-0) | zone-0 | 667 |") || markdown.contains("| aws-0 (aws, region-0) | zone-0 | 667 |"))
        #expect(!markdown.contains("| `host-0-0-17` |"))
        // 5 datastores per environment are listed one by one.
        #expect(markdown.contains("| `db-0-0`"))
        // Provider cells list a few hosts and say how many more.
        #expect(markdown.contains("and 3988 more"))
        #expect(markdown.utf8.count < 200_000)
    }

    @Test func outputIsDeterministic() throws {
        let json = DocsRenderingTests.large(environments: 2, providers: 3, hosts: 300)
        let first = try DocsRenderingTests.model(json)
        let second = try DocsRenderingTests.model(json)
        for format in DocsFormat.allCases {
            #expect(format.render(first) == format.render(second), "\(format)")
        }
        let part = try DocsFocus.region("region-1").part(of: first).get()
        #expect(MarkdownRenderer().render(first, plan: DiagramPlan(first, focus: part))
                == MarkdownRenderer().render(second, plan: DiagramPlan(second, focus: try DocsFocus.region("region-1").part(of: second).get())))
    }

    /// The overview is drawn by the built-in layout whether or not Graphviz is installed: laid out by
    /// dot, its crossing edges spread over a page that is unreadable once shrunk to fit.
    @Test func theHTMLPageOfALargeInventoryIsSmallWithAndWithoutGraphviz() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("large.json", DocsRenderingTests.large(environments: 2, providers: 3, hosts: 300))
        let builtIn = runCLI(["docs", path, "--format", "html", "--as-of", DocsRenderingTests.asOf])
        #expect(builtIn.code == 0)
        #expect(builtIn.stdout.contains("built-in layered layout"))
        #expect(builtIn.stdout.contains("aggregated overview"))
        #expect(builtIn.stdout.utf8.count < 500_000)
        guard DocsTools.dot != nil else { return }
        let drawn = runCLI(["docs", path, "--format", "html", "--as-of", DocsRenderingTests.asOf],
                           environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        #expect(drawn.code == 0)
        #expect(drawn.stderr.isEmpty)
        #expect(drawn.stdout.contains("keeps an aggregated overview readable"))
        #expect(!drawn.stdout.contains("Drawn by Graphviz"))
        #expect(drawn.stdout == builtIn.stdout)
    }

    @Test(.enabled(if: DocsTools.dot != nil, "Graphviz's dot is not installed"))
    func graphvizLaysTheOverviewOut() throws {
        let dot = try #require(DocsTools.dot)
        let model = try Self.largeModel()
        let result = try DocsTools.run(dot, ["-Tsvg"], input: DOTRenderer().render(model), timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("<svg"))
    }
}

import Foundation
import Testing
@testable import InfraOutput

/// `infractl docs --focus ID|environment=NAME|region=NAME`: parsing, clear errors, and one part of
/// a large system drawn and listed in full.
@Suite("Architecture docs focus")
struct DocsFocusTests {
    @Test(arguments: [
        ("web-1", DocsFocus.entity("web-1")),
        ("environment=prod", DocsFocus.environment("prod")),
        ("region=eu-west-1", DocsFocus.region("eu-west-1")),
    ])
    func parsesEachForm(_ text: String, _ expected: DocsFocus) {
        #expect(DocsFocus(parsing: text) == expected)
        #expect(DocsFocus(parsing: text)?.argument == text)
    }

    @Test(arguments: ["", "environment=", "region=", "zone=a", "=prod"])
    func rejectsWhatIsNoFocus(_ text: String) {
        #expect(DocsFocus(parsing: text) == nil)
    }

    static func shop() throws -> (directory: TemporaryDirectory, path: String) {
        let directory = try TemporaryDirectory()
        return (directory, try directory.write("shop.json", minimalInventory))
    }

    @Test func anUnknownIDIsAClearErrorWithASuggestion() throws {
        let (directory, path) = try Self.shop()
        _ = directory
        let run = runCLI(["docs", path, "--focus", "web-2"])
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: --focus web-2: 'web-2' is no entity of \(path); did you mean 'web-1'?"))
    }

    @Test func anUnknownEnvironmentOrRegionIsAClearError() throws {
        let (directory, path) = try Self.shop()
        _ = directory
        let environment = runCLI(["docs", path, "--focus", "environment=prd"])
        #expect(environment.code == 2)
        #expect(environment.stderr.contains("'prd' is no environment of \(path); did you mean 'prod'?"))
        let region = runCLI(["docs", path, "--focus", "region=londn"])
        #expect(region.code == 2)
        #expect(region.stderr.contains("'londn' is no region of \(path); did you mean 'london'?"))
    }

    @Test func aMalformedFocusIsAUsageError() throws {
        let (directory, path) = try Self.shop()
        _ = directory
        let run = runCLI(["docs", path, "--focus", "zone=a"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("--focus takes an entity ID, environment=NAME or region=NAME, not 'zone=a'"))
    }

    @Test func anEntityIsDrawnInFullWithItsNeighbours() throws {
        let model = try ArchitectureOverviewTests.largeModel()
        let part = try DocsFocus.entity("svc-0-1-7").part(of: model).get()
        let plan = DiagramPlan(model, focus: part)
        #expect(plan.overview == nil)
        let diagram = MermaidRenderer().diagram(model, plan: plan)
        #expect(diagram.part == "the neighbourhood of svc-0-1-7")
        #expect(diagram.text.contains("svc_svc_0_1_7("))
        // Its neighbours are drawn, the busy datastores too, but not the thousands of edges into them.
        #expect(diagram.text.contains("svc_svc_0_1_8("))
        #expect(diagram.text.contains("svc_svc_0_1_6("))
        #expect(diagram.text.contains("ds_db_0_1[("))
        #expect(diagram.text.contains("ds_db_1_1[("))
        #expect(!diagram.text.contains("svc_svc_0_1_100"))
        // Its 4 edges, and the 4 from its neighbours into the datastores drawn.
        #expect(diagram.edgeCount == 8)
        let markdown = MarkdownRenderer().render(model, plan: plan)
        #expect(markdown.contains("**Focused:** the diagram draws the neighbourhood of svc-0-1-7 in full"))
        #expect(markdown.contains("\n| `svc-0-1-7`"))
        #expect(!markdown.contains("\n| `svc-0-3-7`"))
        #expect(!markdown.contains("Summarised:"))
    }

    @Test func aFocusTooLargeToDrawIsItsOwnOverviewAndItsTablesAreListed() throws {
        let model = try ArchitectureOverviewTests.largeModel()
        let part = try DocsFocus.region("region-2").part(of: model).get()
        let plan = DiagramPlan(model, focus: part)
        let overview = try #require(plan.overview)
        #expect(overview.groups.filter { $0.title == "hosts" }.reduce(0) { $0 + $1.count } == 4_000)
        let diagram = MermaidRenderer().diagram(model, plan: plan)
        #expect(diagram.text.contains("%% aggregated overview of region region-2: "))
        #expect(diagram.text.utf16.count <= MermaidRenderer.defaultMaxTextSize)
        let markdown = MarkdownRenderer().render(model, plan: plan)
        #expect(markdown.contains("\n| `host-0-2-1999`"))
        #expect(!markdown.contains("\n| `host-0-1-0`"))
    }

    @Test func anEnvironmentFocusListsOnlyThatEnvironment() throws {
        let model = try DocsRenderingTests.model(DocsRenderingTests.large(environments: 2, providers: 2, hosts: 5))
        let part = try DocsFocus.environment("env-1").part(of: model).get()
        let markdown = MarkdownRenderer().render(model, plan: DiagramPlan(model, focus: part))
        #expect(markdown.contains("## Environment env-1"))
        #expect(!markdown.contains("## Environment env-0"))
        let mermaid = MermaidRenderer().render(model, plan: DiagramPlan(model, focus: part))
        #expect(mermaid.contains("subgraph env_env_1 "))
        #expect(!mermaid.contains("subgraph env_env_0 "))
        #expect(mermaid.contains("svc_svc_1_0_0("))
        // What env-0 has that env-1 uses, or that uses env-1, is a stub.
        #expect(mermaid.contains("(in environment env-0)"))
        let dot = DOTRenderer().render(model, plan: DiagramPlan(model, focus: part))
        #expect(dot.contains("(drawn elsewhere)"))
        #expect(!dot.contains("cluster_env:env-0"))
    }

    @Test func theCommandFocusesEveryFormat() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("large.json", DocsRenderingTests.large(environments: 2, providers: 3, hosts: 300))
        for format in DocsFormat.allCases {
            let run = runCLI(["docs", path, "--format", format.rawValue, "--focus", "svc-1-2-3", "--as-of", DocsRenderingTests.asOf])
            #expect(run.code == 0, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("svc-1-2-3"))
            #expect(!run.stdout.contains("aggregated overview"), "\(format)")
        }
    }
}

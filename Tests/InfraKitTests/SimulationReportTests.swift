import Testing
@testable import InfraModel
@testable import InfraRules
@testable import InfraTopology
@testable import InfraOutput

/// What `simulate` says beyond states: data (copies lost with the failed domain, the newest
/// surviving copy and what restoring from it loses, data with no surviving copy), jobs and backups
/// that stop, and who is told, by which route.
@Suite("Simulation report: data, stopped work, alerts")
struct SimulationReportTests {
    /// One production PostgreSQL on host `db` (linode-london), backed up daily to `backup-target`,
    /// a nightly job on `db`, and a web host elsewhere; `backupTarget` picks the backup's provider.
    static func body(backupTarget: String) -> String {
        """
        "providers": [{"id": "linode-london", "kind": "linode", "region": "eu-west"}, {"id": "aws-us-east-1", "kind": "aws", "region": "us-east-1"},
                      {"id": "s3", "kind": "aws", "region": "eu-central-1"}],
        "hosts": [{"id": "db", "environment": "prod", "provider": "linode-london"}, {"id": "web", "environment": "prod", "provider": "aws-us-east-1"}],
        "datastores": [{"id": "pg", "environment": "prod", "engine": "postgresql", "hosting": {"host": "db"}},
                       {"id": "cache", "environment": "prod", "engine": "memcached", "hosting": {"host": "db"}}],
        "backups": [{"id": "nightly", "of": ["pg"], "schedule": "@daily", "target": {"provider": "\(backupTarget)"}}],
        "jobs": [{"id": "vacuum", "environment": "prod", "schedule": "0 3 * * *", "runsOn": ["db"], "purpose": "vacuum and analyse"}]
        """
    }

    static func report(_ body: String, failing ids: [String]) throws -> SimulationReport {
        SimulationReport(outcome: try TopologyTests.simulate(body, failing: ids), file: "test.json", failures: ids)
    }

    @Test func theOnlyBackupCopyLostWithTheDataMeansNoSurvivingCopy() throws {
        // The backup is kept by the provider the data's host runs on: losing the provider loses both.
        let report = try Self.report(Self.body(backupTarget: "linode-london"), failing: ["linode-london"])
        let pg = try #require(report.data.datastores.first { $0.id == "pg" })
        #expect(pg.noSurvivingCopy)
        #expect(pg.liveCopyLostWith == ["db"])
        #expect(pg.backupsLost == ["nightly"])
        #expect(report.text().contains("datastore 'pg' [production]: data lost: no surviving copy (live copy lost with 'db')"))
        // A cache holds no state: nothing of it is reported lost.
        #expect(!report.data.datastores.contains { $0.id == "cache" })
    }

    @Test func anOffSiteBackupSurvivesAndBoundsTheDataLost() throws {
        let report = try Self.report(Self.body(backupTarget: "s3"), failing: ["db"])
        let pg = try #require(report.data.datastores.first { $0.id == "pg" })
        #expect(pg.liveCopyLost && !pg.noSurvivingCopy)
        #expect(pg.surviving.first?.backupID == "nightly")
        #expect(pg.surviving.first?.gap == Duration(seconds: 86_400))
        #expect(report.text().contains("newest surviving copy: backup 'nightly' in 's3' (@daily), up to 24h of writes lost"))
        #expect(report.data.withNoSurvivingCopy.isEmpty)
    }

    @Test func losingTheBackupProviderLeavesTheDataButNoCopy() throws {
        let report = try Self.report(Self.body(backupTarget: "s3"), failing: ["s3"])
        let pg = try #require(report.data.datastores.first { $0.id == "pg" })
        #expect(!pg.liveCopyLost)
        #expect(pg.backupsLost == ["nightly"])
        #expect(report.text().contains("datastore 'pg' [production]: backup copies lost with their provider: 'nightly'; no backup copy left"))
    }

    @Test func aFailureAwayFromTheDataLosesNothing() throws {
        let report = try Self.report(Self.body(backupTarget: "s3"), failing: ["web"])
        #expect(report.data.datastores.isEmpty)
        #expect(report.stopped.items.isEmpty)
        #expect(report.text().contains("data (what a failed host, provider or datastore stored is taken as lost with it)\n  none lost\n"))
    }

    @Test func aJobOnAFailedHostAndABackupOfLostDataAreListedAsStopped() throws {
        let report = try Self.report(Self.body(backupTarget: "s3"), failing: ["db"])
        #expect(report.stopped.items.map(\.id) == ["vacuum", "nightly"])
        #expect(report.stopped.items.map(\.kind) == [.job, .backup])
        let text = report.text()
        #expect(text.contains("job 'vacuum' [production]: runs on 'db', all down: vacuum and analyse"))
        #expect(text.contains("backup 'nightly' [production]: copies 'pg', all down"))
        #expect(text.contains("1 datastore losing data (0 with no surviving copy); 2 jobs and backups stopped"))
    }

    @Test func aDatastoreFailedByNameLosesItsLiveCopy() throws {
        let report = try Self.report(Self.body(backupTarget: "s3"), failing: ["pg"])
        #expect(report.data.datastores.map(\.liveCopyLostWith) == [["pg"]])
        #expect(report.text().contains("datastore 'pg' [production]: live copy failed itself; newest surviving copy: backup 'nightly'"))
        // The host is up: its job runs on.
        #expect(report.stopped.items.map(\.id) == ["nightly"])
    }

    @Test func aClusterKeepsItsDataWhileOneMemberHostIsUp() throws {
        let body = """
        "hosts": [{"id": "n1", "environment": "prod", "provider": "linode-london"}, {"id": "n2", "environment": "prod", "provider": "aws-us-east-1"}],
        "clusters": [{"id": "pgc", "environment": "prod", "kind": "postgresql", "members": [{"host": "n1"}, {"host": "n2"}]}],
        "datastores": [{"id": "pg", "environment": "prod", "engine": "postgresql", "hosting": {"cluster": "pgc"}}]
        """
        #expect(try Self.report(body, failing: ["n1"]).data.datastores.isEmpty)
        let both = try Self.report(body, failing: ["n1", "n2"])
        #expect(both.data.datastores.map(\.liveCopyLostWith) == [["n1", "n2"]])
        #expect(both.data.withNoSurvivingCopy.map(\.id) == ["pg"])
    }

    @Test func aMonitorOutsideTheFailedDomainAlertsByItsRoutes() throws {
        let body = """
        "hosts": [{"id": "vm", "environment": "prod", "provider": "linode-london"}],
        "services": [{"id": "forum", "environment": "prod", "kind": "web", "runsOn": ["vm"]}],
        "monitors": [{"id": "uptime", "tool": "uptimerobot", "kind": "uptime", "watches": ["forum"],
                      "alerts": [{"channel": "pager"}, {"channel": "email"}, {"channel": "pager", "target": "backup-rota"}]}]
        """
        let report = try Self.report(body, failing: ["vm"])
        #expect(report.text().contains("  monitor 'uptime' (alerts by pager, email) sees service 'forum'\n"))
        #expect(report.watch.silent.isEmpty)
        #expect(report.json().rendered(pretty: false).contains(#"{"id":"uptime","channels":["pager","email"],"sees":["forum"]}"#))
    }

    @Test func theMarkdownHasATablePerStateAndEscapesWhatTheInventorySays() throws {
        let body = Self.body(backupTarget: "s3").replacingOccurrences(of: "vacuum and analyse", with: "| cell <b>bold</b> ## [link](x)")
        let markdown = try Self.report(body, failing: ["db"]).markdown()
        #expect(markdown.hasPrefix("# Simulation: failing `db`\n"))
        #expect(markdown.contains("## Down (3)\n\n| Part | Production | Why | Because of |\n|---|---|---|---|\n"))
        #expect(markdown.contains("| host `db` | yes | failed |  |\n"))
        #expect(markdown.contains("| datastore `pg` | yes | runs on host 'db', which is down | `db` |\n"))
        // The job's purpose is inventory text: its Markdown is escaped, and it cannot split a line.
        #expect(markdown.contains(##"all down: \| cell \<b\>bold\</b\> \#\# \[link\](x)"## + "\n"))
        #expect(!markdown.contains("<b>"))
    }

    @Test func theNMinusOneTableInMarkdownListsEveryFailureWorstFirst() throws {
        let body = """
        "hosts": [{"id": "a", "environment": "prod", "provider": "linode-london"}, {"id": "b", "environment": "prod", "provider": "linode-london"}],
        "services": [{"id": "solo", "environment": "prod", "kind": "worker", "runsOn": ["a"]},
                     {"id": "pair", "environment": "prod", "kind": "web", "runsOn": ["a", "b"]}]
        """
        let (inventory, _) = try decode(RuleExample.inventory(body))
        let markdown = NMinusOneTable(simulator: FailureSimulator(inventory), domain: "host").markdown(file: "inv.json")
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| host") }
        #expect(rows == ["| host 'a' | 1 | 0 | 0 | 1 | `solo` |", "| host 'b' | 0 | 0 | 0 | 1 | - |"])
        #expect(markdown.contains("|---|---:|---:|---:|---:|---|"))
    }

    @Test func theHTMLPageLaysTheScenarioOverTheDiagram() throws {
        let report = try Self.report(Self.body(backupTarget: "linode-london"), failing: ["linode-london"])
        let day = try #require(Day(parsing: "2026-11-23"))
        let page = report.html(asOf: day)
        try HTMLTextTests.expectSafePage(page, policy: SimulationHTMLRenderer.contentSecurityPolicy)
        // The datastores on the lost host in their state's colours, the one whose every copy is lost dashed.
        #expect(page.contains(#"<g class="node state-down"><title>cache</title>"#))
        #expect(page.contains(#"<g class="node state-down data-lost"><title>pg</title>"#))
        #expect(page.contains(">down · data lost</text>"))
        // A part failed by name says so, with what its data comes to.
        let byName = try Self.report(Self.body(backupTarget: "s3"), failing: ["pg"]).html(asOf: day)
        #expect(byName.contains(">failed · restore: up to 24h lost</text>"))
        #expect(byName.contains(#"<g class="node"><title>cache</title>"#))
        #expect(page.contains("<h2>Down (4)</h2>"))
        #expect(page.contains("data lost: no surviving copy (live copy lost with &#39;db&#39;)"))
    }

    @Test func theHTMLPageOfAHostileInventoryIsWellFormedAndInert() throws {
        let (inventory, _) = try decode(DocsRenderingTests.hostile)
        let simulator = FailureSimulator(inventory)
        let host = try #require(inventory.hosts.first?.id)
        let outcome = simulator.simulate([try #require(simulator.target(host))])
        let page = SimulationReport(outcome: outcome, file: "evil<b>.json", failures: [host]).html(asOf: try #require(Day(parsing: "2026-11-23")))
        try HTMLTextTests.expectSafePage(page, policy: SimulationHTMLRenderer.contentSecurityPolicy)
        #expect(page.contains("state-down"))
    }

    @Test func theJSONCarriesTheDataAndTheStoppedWork() throws {
        let report = try Self.report(Self.body(backupTarget: "linode-london"), failing: ["linode-london"])
        let json = report.json().rendered(pretty: false)
        #expect(json.contains(#""data":[{"id":"pg","production":true,"noSurvivingCopy":true,"liveCopyLostWith":["db"],"backupsLost":["nightly"],"surviving":[]}]"#))
        #expect(json.contains(#""stopped":[{"kind":"job","id":"vacuum","production":true,"downWith":["db"],"purpose":"vacuum and analyse"}"#))
    }
}

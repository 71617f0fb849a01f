import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules
@testable import InfraOutput
@testable import InfraCLI

/// `infractl report`: the figures on small hand-written inventories, the command end to end, and
/// the whole output for classroom7 in every format against reviewed goldens in `Goldens/report/`.
@Suite("Health report")
struct HealthReportTests {
    // MARK: Helpers

    /// The health of an example body (wrapped by `RuleExample.inventory`), linted with `options`.
    static func health(_ body: String, asOf: Day = RuleExample.asOf,
                       configure: (inout LintOptions) -> Void = { _ in }) throws -> InventoryHealth {
        let (inventory, structural) = try decode(RuleExample.inventory(body))
        #expect(structural.isEmpty, "the example must be well-formed: \(structural.map(\.message))")
        var options = LintOptions(settings: RuleSettings(asOf: asOf))
        configure(&options)
        let linted = Linter(options: options).lint(inventory, structural: structural)
        return InventoryHealth(inventory, findings: linted.findings, suppressed: linted.suppressed, options: options)
    }

    static func figure(_ health: InventoryHealth, _ measure: CoverageMeasure, environment: String? = nil) -> CoverageFigure? {
        health.scopes.first { $0.environment?.id == environment }?.figure(measure)
    }

    static func day(_ text: String) -> Day {
        Day(parsing: text) ?? Day.fallback
    }

    // MARK: Ratios

    @Test(arguments: [
        (3, 4, "3 of 4 (75%)"), (2, 3, "2 of 3 (67%)"), (1, 3, "1 of 3 (33%)"), (0, 4, "0 of 4 (0%)"),
        (4, 4, "4 of 4 (100%)"), (199, 200, "199 of 200 (99%)"), (1, 201, "1 of 201 (1%)"), (0, 0, "-"),
    ])
    func ratiosReadAsCoveredOfTotal(_ covered: Int, _ total: Int, _ expected: String) {
        let missing = (0..<(total - covered)).map { CoverageFigure.Entry(id: "e\($0)", detail: "") }
        #expect(CoverageFigure(covered: covered, missing: missing, unknown: []).ratio == expected)
    }

    @Test func unknownEntitiesAreCountedInTheTotalAndNamedBesideTheRatio() {
        let figure = CoverageFigure(covered: 1, missing: [.init(id: "a", detail: "")], unknown: [.init(id: "b", detail: "")])
        #expect(figure.ratio == "1 of 3 (33%)")
        #expect(figure.summary == "1 of 3 (33%), 1 unknown")
    }

    // MARK: Recovery points

    @Test func theWorstCaseIsTheSmallestLongestGapAmongCoveringBackups() throws {
        let health = try Self.health("""
        "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
        "datastores": [
          {"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"}, "objectives": {"rpo": "1h"}},
          {"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"}},
          {"id": "archive", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "objectives": {"rpo": "7d"}},
          {"id": "cache", "environment": "prod", "engine": "memcached", "hosting": {"host": "db-1"}},
          {"id": "lost", "environment": "prod", "engine": "mysql", "hosting": {"provider": "aws-us-east-1"}}
        ],
        "backups": [
          {"id": "pg-dump", "of": ["pg"], "schedule": "@daily", "method": "pg_dump", "target": {"provider": "aws-us-east-1"}},
          {"id": "host-snapshot", "of": ["db-1"], "schedule": "every 4h", "method": "snapshot", "target": {"provider": "aws-us-east-1"}},
          {"id": "couch-replicate", "of": ["couch"], "schedule": "0 2 * * *", "method": "replication", "target": {"provider": "linode-london"}},
          {"id": "archive-weekly", "of": ["archive"], "schedule": "0 3 * * 0", "target": {"provider": "linode-london"}}
        ]
        """)
        let points = Dictionary(uniqueKeysWithValues: health.recoveryPoints.map { ($0.datastoreID, $0) })
        #expect(health.recoveryPoints.map(\.datastoreID) == ["archive", "couch", "lost", "pg"], "caches are left out, the rest sorted")
        // The host snapshot every 4h covers the datastore on that host and beats the daily dump.
        #expect(points["pg"]?.worstCase == Duration(seconds: 4 * 3_600))
        #expect(points["pg"]?.source?.backupID == "host-snapshot")
        #expect(points["pg"]?.backupIDs == ["host-snapshot", "pg-dump"])
        #expect(points["pg"]?.status == .exceedsObjective)
        #expect(points["couch"]?.worstCase == Duration(seconds: 86_400))
        #expect(points["couch"]?.source?.schedule == "0 2 * * *")
        #expect(points["couch"]?.status == .noObjective)
        #expect(points["archive"]?.worstCase == Duration(seconds: 7 * 86_400))
        #expect(points["archive"]?.status == .withinObjective)
        #expect(points["lost"]?.status == .noBackup)
        #expect(points["lost"]?.worstCase == nil)
    }

    @Test(arguments: [(3_600, "1h"), (4 * 3_600, "4h"), (86_400, "24h"), (2 * 86_400, "48h"), (3 * 86_400, "3d"),
                      (31 * 86_400, "31d"), (1_800, "30m"), (45, "45s"), (90_000, "25h")])
    func durationsReadInHoursUpToThreeDays(_ seconds: Int, _ expected: String) {
        #expect(ReportDuration.text(Duration(seconds: seconds)) == expected)
    }

    // MARK: Coverage

    @Test func backupsOffSiteAndRestoreTests() throws {
        let health = try Self.health("""
        "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
        "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "web-1"}}],
        "backups": [
          {"id": "same-place", "of": ["db"], "schedule": "@daily", "target": {"provider": "linode-london"},
           "restore": {"procedure": "runbook", "testedOn": "2025-05-01"}},
          {"id": "elsewhere", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"},
           "restore": {"procedure": "runbook", "testedOn": "2024-06-01"}},
          {"id": "untested", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"}, "restore": {"procedure": "p"}},
          {"id": "no-procedure", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"}}
        ]
        """)
        let offsite = try #require(Self.figure(health, .backupsOffsite))
        #expect(offsite.ratio == "3 of 4 (75%)")
        #expect(offsite.missing == [.init(id: "same-place", detail: "copies kept in 'linode-london', with 'db'")])
        let restores = try #require(Self.figure(health, .restoresTested))
        #expect(restores.ratio == "1 of 4 (25%)")
        #expect(restores.missing.map(\.id) == ["elsewhere", "no-procedure", "untested"])
        #expect(restores.missing.first?.detail == "last tested 2024-06-01, 365 days before 2025-06-01")
        // A longer accepted age counts the older test too.
        let lenient = try Self.health("""
        "datastores": [{"id": "db", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}}],
        "backups": [{"id": "b", "of": ["db"], "schedule": "@daily", "target": {"provider": "linode-london"},
                     "restore": {"procedure": "runbook", "testedOn": "2024-06-01"}}]
        """) { $0.settings.restoreTestMaxAge = Duration(seconds: 400 * 86_400) }
        #expect(Self.figure(lenient, .restoresTested)?.ratio == "1 of 1 (100%)")
        #expect(Self.figure(lenient, .datastoresBackedUp)?.ratio == "1 of 1 (100%)")
    }

    @Test func supervisorsNoneAndUnknownAreApart() throws {
        let health = try Self.health("""
        "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
        "services": [
          {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "supervisor": "systemd"},
          {"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "supervisor": "none",
           "processes": {"manager": "unicorn", "count": 4}},
          {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web-1"]},
          {"id": "elb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1", "balances": ["app"]},
          {"id": "mailer", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"}
        ]
        """)
        let figure = try #require(Self.figure(health, .servicesSupervised))
        #expect(figure.summary == "1 of 3 (33%), 1 unknown")
        #expect(figure.missing == [.init(id: "rails", detail: "supervisor 'none': unicorn processes are not restarted")])
        #expect(figure.unknown == [.init(id: "nginx", detail: "supervisor not stated")])
    }

    @Test func dependencyEdgesWithTLS() throws {
        let health = try Self.health("""
        "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"},
                  {"id": "web-2", "environment": "prod", "provider": "linode-london"}],
        "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "web-2"}}],
        "services": [
          {"id": "api", "environment": "prod", "kind": "web", "runsOn": ["web-2"]},
          {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "dependsOn": [
            {"target": "db", "protocol": "postgres", "tls": true},
            {"target": "api", "protocol": "https"},
            {"target": "db", "protocol": "postgres"},
            {"target": "api", "protocol": "http"},
            {"target": "api", "tls": false}
          ]}
        ]
        """)
        let figure = try #require(Self.figure(health, .dependenciesTLS))
        #expect(figure.summary == "2 of 5 (40%), 1 unknown")
        #expect(figure.missing == [.init(id: "app -> api", detail: "plain http"), .init(id: "app -> api", detail: "tls: false")])
        #expect(figure.unknown == [.init(id: "app -> db", detail: "postgres, tls not stated")])
        #expect(figure.leftOut == 0)
    }

    /// An edge that stays on one machine (a proxy to the application beside it, the application to
    /// its local database) carries nothing over a wire: it is left out of the TLS figure, and the
    /// report says how many were.
    @Test func edgesInsideOneHostAreLeftOutOfTheTLSFigure() throws {
        let body = """
        "hosts": [{"id": "vm", "environment": "prod", "provider": "linode-london"},
                  {"id": "vm-2", "environment": "prod", "provider": "linode-london"}],
        "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "vm"}}],
        "services": [
          {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["vm"], "dependsOn": [
            {"target": "db", "protocol": "postgres"}, {"target": "vm", "protocol": "http"}]},
          {"id": "proxy", "environment": "prod", "kind": "proxy", "runsOn": ["vm"], "dependsOn": [{"target": "app", "protocol": "http"}]},
          {"id": "spread", "environment": "prod", "kind": "web", "runsOn": ["vm", "vm-2"], "dependsOn": [{"target": "app", "protocol": "http"}]},
          {"id": "remote", "environment": "prod", "kind": "web", "runsOn": ["vm-2"], "dependsOn": [{"target": "db", "protocol": "postgres"}]}
        ]
        """
        let health = try Self.health(body)
        let figure = try #require(Self.figure(health, .dependenciesTLS))
        // app -> db, app -> vm and proxy -> app stay on vm; spread runs on two hosts, remote on another.
        #expect(figure.leftOut == 3)
        #expect(figure.summary == "0 of 2 (0%), 1 unknown, 3 left out")
        #expect(figure.missing == [.init(id: "spread -> app", detail: "plain http")])
        #expect(figure.unknown == [.init(id: "remote -> db", detail: "postgres, tls not stated")])
        let directory = try TemporaryDirectory()
        let path = try directory.write("one-vm.json", RuleExample.inventory(body))
        let text = runCLI(["report", path, "--as-of", "2026-11-23"]).stdout
        #expect(text.contains("dependency edges inside one host, left out of the TLS figure (their traffic never leaves the machine): 3"))
        let json = runCLI(["report", path, "--format", "json", "--as-of", "2026-11-23"]).stdout
        #expect(json.contains("\"leftOut\": 3"))
    }

    @Test func monitorsServicesHostsAndSecrets() throws {
        let health = try Self.health("""
        "hosts": [
          {"id": "web-1", "environment": "prod", "provider": "linode-london", "managedBy": "chef"},
          {"id": "web-2", "environment": "prod", "provider": "linode-london", "managedBy": "snapshot"},
          {"id": "web-3", "environment": "prod", "provider": "linode-london"},
          {"id": "stage-1", "environment": "staging", "provider": "linode-london", "managedBy": "manual"}
        ],
        "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "web-1"}, {"host": "web-2"}]}],
        "services": [
          {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["deis"]},
          {"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ["web-3"]},
          {"id": "stage-app", "environment": "staging", "kind": "web", "runsOn": ["stage-1"]}
        ],
        "monitors": [
          {"id": "pagerduty", "tool": "datadog", "watches": ["deis"], "alerts": [{"channel": "email"}, {"channel": "pager"}]},
          {"id": "mail-only", "tool": "scout", "watches": ["stage-app"], "alerts": [{"channel": "email"}]},
          {"id": "silent", "tool": "newrelic", "watches": ["web-3"]}
        ],
        "secrets": [
          {"id": "in-vault", "storage": "vault", "usedBy": ["app"]},
          {"id": "in-source", "storage": "source-code", "usedBy": ["app"]},
          {"id": "in-env", "storage": "environment", "usedBy": ["stage-app"]}
        ]
        """)
        // A monitor of the cluster a service runs on watches the service; one of its host does not.
        #expect(Self.figure(health, .servicesMonitored)?.ratio == "2 of 3 (67%)")
        #expect(Self.figure(health, .servicesMonitored)?.missing.map(\.id) == ["worker"])
        #expect(Self.figure(health, .monitorsPaging)?.ratio == "1 of 3 (33%)")
        #expect(Self.figure(health, .monitorsPaging)?.missing == [.init(id: "mail-only", detail: "email only"), .init(id: "silent", detail: "no alerts")])
        let hosts = try #require(Self.figure(health, .productionHostsManaged))
        #expect(hosts.summary == "1 of 3 (33%), 1 unknown", "the staging host is not counted")
        #expect(hosts.missing == [.init(id: "web-2", detail: "managed by snapshot")])
        #expect(Self.figure(health, .secretsInStore)?.ratio == "1 of 3 (33%)")
        #expect(Self.figure(health, .secretsInStore)?.missing.map(\.detail) == ["kept in environment", "kept in source-code"])
        // Per environment: staging's figures hold only staging's entities.
        #expect(Self.figure(health, .servicesMonitored, environment: "staging")?.ratio == "1 of 1 (100%)")
        #expect(Self.figure(health, .servicesMonitored, environment: "prod")?.ratio == "1 of 2 (50%)")
        #expect(Self.figure(health, .productionHostsManaged, environment: "staging")?.ratio == "-")
        #expect(Self.figure(health, .secretsInStore, environment: "staging")?.ratio == "0 of 1 (0%)")
    }

    @Test func aMonitorNamingNothingMakesUnwatchedServicesUnknown() throws {
        let health = try Self.health("""
        "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
        "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}],
        "monitors": [{"id": "sentry", "tool": "sentry"}]
        """)
        let figure = try #require(Self.figure(health, .servicesMonitored))
        #expect(figure.summary == "0 of 1 (0%), 1 unknown")
        #expect(figure.unknown == [.init(id: "app", detail: "monitor 'sentry' names nothing it watches")])
    }

    // MARK: Inventory counts and environments

    @Test func countsAndFailureDomainsPerEnvironment() throws {
        let health = try Self.health("""
        "hosts": [
          {"id": "web-1", "environment": "prod", "provider": "linode-london"},
          {"id": "stage-1", "environment": "staging", "provider": "linode-london"}
        ],
        "datastores": [{"id": "rds", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                        "databases": [{"name": "app", "environment": "prod"}, {"name": "app_staging", "environment": "staging"}]}],
        "dns": [{"id": "zone", "zone": "example.com", "provider": "aws-us-east-1", "records": [{"type": "A", "targets": ["web-1"]}]}]
        """)
        #expect(health.environments.map(\.id) == ["prod", "staging"])
        let counts = { (environment: String?) in
            Dictionary(uniqueKeysWithValues: (health.scopes.first { $0.environment?.id == environment }?.counts ?? []).map { ($0.kind, $0.count) })
        }
        #expect(counts(nil)[.host] == 2)
        #expect(counts("prod")[.host] == 1)
        #expect(counts("staging")[.datastore] == 1, "a datastore shared by environments counts in each")
        #expect(counts("prod")[.datastore] == 1)
        #expect(counts("prod")[.provider] == .some(nil), "providers have no environment")
        #expect(counts(nil)[.provider] == 2)
        let all = try #require(health.scopes.first)
        #expect(all.providersInUse.map(\.id) == ["aws-us-east-1", "linode-london"])
        #expect(all.regionsInUse == 2)
        let staging = try #require(health.scopes.last)
        #expect(staging.providersInUse.map(\.id) == ["aws-us-east-1", "linode-london"])
        #expect(health.unusedProviders.isEmpty)
    }

    // MARK: Clusters and single points of failure

    @Test func quorumMarginsAndTheDomainHoldingAMajority() throws {
        let health = try Self.health("""
        "providers": [
          {"id": "aws-us-east-1", "kind": "aws", "region": "us-east-1"},
          {"id": "aws-eu-west-1", "kind": "aws", "region": "eu-west-1"},
          {"id": "linode-london", "kind": "linode", "region": "london"}
        ],
        "hosts": [
          {"id": "a-1", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
          {"id": "a-2", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
          {"id": "a-3", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1b"},
          {"id": "e-1", "environment": "prod", "provider": "aws-eu-west-1"},
          {"id": "l-1", "environment": "prod", "provider": "linode-london"}
        ],
        "clusters": [
          {"id": "doubled", "environment": "prod", "kind": "etcd", "consensus": "majority",
           "members": [{"host": "a-1"}, {"host": "a-1"}, {"host": "a-3"}]},
          {"id": "one-zone", "environment": "prod", "kind": "etcd", "consensus": "majority", "tolerates": 2,
           "members": [{"host": "a-1"}, {"host": "a-2"}, {"host": "a-3"}, {"host": "e-1", "role": "standby"}]},
          {"id": "one-region", "environment": "prod", "kind": "consul", "consensus": "majority",
           "members": [{"host": "a-1"}, {"host": "a-3"}, {"host": "e-1", "role": "standby"}]},
          {"id": "spread", "environment": "prod", "kind": "mongodb", "consensus": "majority",
           "members": [{"host": "a-1"}, {"host": "e-1"}, {"host": "l-1", "role": "arbiter"}]},
          {"id": "files", "environment": "prod", "kind": "gluster", "members": [{"host": "a-1"}, {"host": "a-2"}]}
        ]
        """)
        let margins = Dictionary(uniqueKeysWithValues: health.clusters.map { ($0.clusterID, $0) })
        #expect(health.clusters.map(\.clusterID) == ["doubled", "files", "one-region", "one-zone", "spread"])
        #expect(margins["doubled"]?.majorityDomain == "host 'a-1'")
        #expect(margins["doubled"]?.majorityVotes == 2)
        let oneZone = try #require(margins["one-zone"])
        #expect((oneZone.members, oneZone.voters, oneZone.quorum, oneZone.tolerated, oneZone.declared) == (4, 3, 2, 1, 2))
        #expect(oneZone.majorityDomain == "zone 'us-east-1a'")
        #expect(margins["one-region"]?.majorityDomain == "region 'us-east-1' of aws")
        #expect(margins["one-region"]?.tolerated == 0)
        #expect(margins["spread"]?.majorityDomain == nil, "an arbiter votes, so no region holds two of three")
        #expect(margins["spread"]?.voters == 3)
        #expect(margins["files"]?.quorum == nil)
        #expect(margins["files"]?.majorityDomain == nil)
    }

    @Test func singlePointsOfFailureAreProductionServicesOnOneHost() throws {
        let health = try Self.health("""
        "hosts": [
          {"id": "box", "environment": "prod", "provider": "linode-london"},
          {"id": "lb-1", "environment": "prod", "provider": "linode-london"},
          {"id": "lb-2", "environment": "prod", "provider": "aws-us-east-1"},
          {"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"},
          {"id": "app-2", "environment": "prod", "provider": "aws-us-east-1"},
          {"id": "stage", "environment": "staging", "provider": "linode-london"}
        ],
        "services": [
          {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["box"]},
          {"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["box", "box"]},
          {"id": "api", "environment": "prod", "kind": "web", "runsOn": ["app-1", "app-2"]},
          {"id": "haproxy-1", "environment": "prod", "kind": "load-balancer", "runsOn": ["lb-1"], "balances": ["api"]},
          {"id": "haproxy-2", "environment": "prod", "kind": "load-balancer", "runsOn": ["lb-2"], "balances": ["api"]},
          {"id": "stage-app", "environment": "staging", "kind": "web", "runsOn": ["stage"]},
          {"id": "mailer", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"}
        ],
        "dns": [{"id": "dns", "zone": "example.com", "provider": "aws-us-east-1",
                 "trafficManager": {"pools": [{"name": "all", "members": ["haproxy-1", "haproxy-2"], "monitored": true}]}}]
        """)
        #expect(health.singlePointsOfFailure == [SinglePointOfFailure(hostID: "box", serviceIDs: ["nginx", "rails"])])
        #expect(health.failoverCovered.map(\.serviceID) == ["haproxy-1", "haproxy-2"])
        #expect(health.failoverCovered.first?.partners == ["haproxy-2"])
    }

    // MARK: Findings, waivers, rule coverage

    @Test func findingsByFamilyAndWaiversInForceExpiringAndExpired() throws {
        let health = try Self.health("""
        "secrets": [
          {"id": "a", "storage": "source-code", "environment": "prod"},
          {"id": "b", "storage": "source-code", "environment": "prod"},
          {"id": "c", "storage": "source-code", "environment": "staging"},
          {"id": "d", "storage": "dotfile", "environment": "prod"}
        ],
        "waivers": [
          {"rule": "secret-in-source", "target": "a", "reason": "moving to vault", "expires": "2025-06-20", "owner": "ops"},
          {"rule": "secret-in-source", "target": "b", "reason": "later", "expires": "2025-12-31"},
          {"rule": "secret-in-source", "target": "c", "reason": "over", "expires": "2025-05-31"},
          {"rule": "secret-in-source", "target": "d", "reason": "for good"}
        ]
        """)
        let standings = Dictionary(uniqueKeysWithValues: health.waivers.map { ($0.target, $0) })
        #expect(standings["a"]?.status == .expiring)
        #expect(standings["b"]?.status == .inForce)
        #expect(standings["c"]?.status == .expired)
        #expect(standings["d"]?.status == .inForce)
        #expect(standings["a"]?.suppresses == 1)
        #expect(standings["c"]?.suppresses == 0)
        let all = try #require(health.scopes.first)
        // c's finding (a warning: staging) and the expired waiver's own finding are kept.
        #expect(all.findings == InventoryHealth.SeverityCounts(error: 0, warning: 2, note: 0, suppressed: 3))
        let families = Dictionary(uniqueKeysWithValues: health.findingsByFamily.map { ($0.family, $0.counts) })
        #expect(families[.security] == InventoryHealth.SeverityCounts(error: 0, warning: 1, note: 0, suppressed: 3))
        #expect(families[.waivers]?.warning == 1)
        #expect(health.findingsByFamily.map(\.family) == RuleFamily.allCases)
    }

    @Test func entitiesNoEnabledRuleExaminedAreListed() throws {
        let body = """
        "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
        "jobs": [{"id": "nightly", "environment": "prod", "schedule": "@daily", "runsOn": ["web-1"]}],
        "secrets": [{"id": "key", "storage": "vault"}]
        """
        let everything = try Self.health(body)
        #expect(everything.ruleCoverage.unexamined.isEmpty)
        #expect(everything.ruleCoverage.kinds.first { $0.kind == .job }?.rules == ["credential-literal"])

        let secretsOnly = try Self.health(body) { $0.only = ["secret-in-source"] }
        #expect(secretsOnly.ruleCoverage.kindsWithoutRules == [.environment, .provider, .host, .job])
        #expect(secretsOnly.ruleCoverage.unexamined.map(\.id) == ["prod", "staging", "aws-us-east-1", "linode-london", "web-1", "nightly"])
        #expect(secretsOnly.ruleCoverage.kinds.first { $0.kind == .secret }?.rules == ["secret-in-source"])

        let skipped = try Self.health(body) { $0.disabled = ["credential-literal"] }
        #expect(skipped.ruleCoverage.kindsWithoutRules == [.environment, .provider, .job])
    }

    // MARK: The command

    @Test func theSeedInventoriesGiveFiguresTheSeedDocumentsSupport() throws {
        let run = runCLI(["report", "--as-of", SeedGoldenTests.asOf, "--fail-on", "never", "--format", "json", "inventories/"])
        #expect(run.code == 0)
        let document = try JSONReader().read(path: "report.json", text: run.stdout)
        let inventories = try #require(document.root["inventories"]?.elements)
        func inventory(_ name: String) -> JSONValue? { inventories.first { $0["name"]?.string == name } }
        func coverage(_ name: String, _ measure: CoverageMeasure) -> String? {
            inventory(name)?["scopes"]?.elements.first?["coverage"]?[measure.rawValue]?["ratio"]?.string
        }
        // classroom7: "A cron (rake) job - 2am - replicate" to IrisCouch: nightly, so up to 24h lost.
        let couch = inventory("classroom7")?["recoveryPoints"]?.elements.first { $0["datastore"]?.string == "couchdb-cloudant" }
        #expect(couch?["worstCase"]?.string == "24h")
        #expect(couch?["from"]?["method"]?.string == "replication")
        #expect(couch?["from"]?["schedule"]?.string == "0 2 * * *")
        // altvr: "Assess ... backup strategy": neither Postgres (vagrant, DigitalOcean) is backed up.
        #expect(coverage("altvr-todomvc", .datastoresBackedUp) == "0 of 2 (0%)")
        // human-essentials: "Every 4 hours, the BackupDbRds process is run."
        let rds = inventory("human-essentials")?["recoveryPoints"]?.elements.first { $0["datastore"]?.string == "rds-postgres" }
        #expect(rds?["worstCase"]?.string == "4h")
        // impero: three-node etcd: "Losing One of Three Nodes" keeps working, losing two does not.
        let etcd = inventory("impero-paas")?["clusters"]?.elements.first { $0["cluster"]?.string == "prd-etcd" }
        #expect(etcd?["quorum"]?.int == 2)
        #expect(etcd?["tolerated"]?.int == 1)
        #expect(document.root["rollUp"]?.elements.count == 5)

        let text = runCLI(["report", "--as-of", SeedGoldenTests.asOf, "--fail-on", "never", "inventories/"])
        #expect(text.stdout.contains("== Roll-up =="))
        #expect(text.stdout.contains("couchdb-cloudant     production   24h         -          no objective  backup-couchdb-iriscouch (replication, 0 2 * * *)"))
    }

    @Test func exitCodesFollowFailOnAndUnreadableFiles() throws {
        let directory = try TemporaryDirectory()
        let clean = try directory.write("clean.json", RuleExample.inventory(#""secrets": [{"id": "k", "storage": "vault"}]"#))
        let dirty = try directory.write("dirty.json", RuleExample.inventory(#""secrets": [{"id": "k", "storage": "source-code", "environment": "prod"}]"#))
        let broken = try directory.write("broken.json", "{\"infractl\": 2,]")
        #expect(runCLI(["report", clean]).code == 0)
        #expect(runCLI(["report", dirty]).code == 1)
        #expect(runCLI(["report", "--fail-on", "never", dirty]).code == 0)
        let failed = runCLI(["report", clean, broken])
        #expect(failed.code == 2)
        #expect(failed.stderr.contains("broken.json:1:16: error:"))
        #expect(failed.stdout.contains("Unreadable files"))
        #expect(runCLI(["report"]).code == 2)
        #expect(runCLI(["report", "--format", "yaml", clean]).code == 2)
    }

    @Test func outputGoesToAFileAndColourFollowsTheOptions() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("shop.json", minimalInventory)
        let written = runCLI(["report", "--fail-on", "never", "--format", "markdown", "--output", directory.path + "/report.md", file])
        #expect(written.code == 0)
        #expect(written.stdout.isEmpty)
        let markdown = try String(contentsOfFile: directory.path + "/report.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# Health report\n"))
        #expect(markdown.contains("| datastores with a backup | - | - |"))

        #expect(runCLI(["report", "--fail-on", "never", "--color", "always", file]).stdout.contains("\u{1B}[1m"))
        #expect(!runCLI(["report", "--fail-on", "never", file]).stdout.contains("\u{1B}["))
        func onTerminal(_ environment: [String: String]) -> String {
            let out = CapturedText()
            let context = CommandContext(stdout: out, stderr: CapturedText(), environment: environment,
                                         currentDirectory: repositoryRoot, stdoutIsTerminal: true)
            _ = CLI.run(["infractl", "report", "--fail-on", "never", file], context: context)
            return out.text
        }
        #expect(onTerminal([:]).contains("\u{1B}["))
        #expect(!onTerminal(["NO_COLOR": "1"]).contains("\u{1B}["))
        #expect(!runCLI(["report", "--fail-on", "never", "--color", "never", file]).stdout.contains("\u{1B}["))
    }

    @Test func freeTextCannotBreakARowOrReachTheTerminal() throws {
        let reason = "line one\nline two | <b>bold</b> *x* \u{1B}[31mred"
        let text = RuleExample.inventory("""
        "secrets": [{"id": "k", "storage": "source-code", "environment": "prod"}],
        "waivers": [{"rule": "secret-in-source", "target": "k", "reason": \(JSONOutput.string(reason).rendered())}]
        """)
        let plain = runCLI(["report", "--fail-on", "never", "-"], stdin: text)
        #expect(!plain.stdout.contains("\u{1B}"))
        #expect(plain.stdout.contains("line one\\nline two | <b>bold</b> *x* \\u{1B}[31mred"))
        let markdown = runCLI(["report", "--fail-on", "never", "--format", "markdown", "-"], stdin: text)
        #expect(markdown.stdout.contains("| line one\\\\nline two \\| \\<b\\>bold\\</b\\> \\*x\\* \\\\u{1B}\\[31mred |"))
    }

    @Test func theRollUpHasOneRowPerInventory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.json", RuleExample.inventory(#""secrets": [{"id": "k", "storage": "vault"}]"#))
        try directory.write("b.json", RuleExample.inventory(#""secrets": [{"id": "k", "storage": "dotfile"}, {"id": "j", "storage": "vault"}]"#))
        let run = runCLI(["report", "--fail-on", "never", directory.path])
        let rollUp = try #require(run.stdout.components(separatedBy: "== Roll-up ==").last)
        let rows = rollUp.split(separator: "\n").filter { $0.hasPrefix("  example ") }
        #expect(rows.count == 2)
        #expect(rows.first?.contains("1 of 1 (100%)") == true)
        #expect(rows.last?.contains("1 of 2 (50%)") == true)
        // A single inventory has no roll-up.
        #expect(!runCLI(["report", "--fail-on", "never", directory.path + "/a.json"]).stdout.contains("Roll-up"))
    }

    // MARK: Goldens

    static func fileExtension(_ format: HealthReportFormat) -> String {
        switch format {
        case .text: "txt"
        case .json: "json"
        case .markdown: "md"
        }
    }

    /// The whole report of classroom7 in every format equals a reviewed golden in `Goldens/report/`.
    /// `INFRACTL_RECORD=1 swift test` rewrites them; review the diff before committing.
    @Test(arguments: HealthReportFormat.allCases)
    func classroom7MatchesTheGolden(_ format: HealthReportFormat) throws {
        let run = runCLI(["report", "--as-of", SeedGoldenTests.asOf, "--fail-on", "never", "--format", format.rawValue,
                          "inventories/classroom7.json"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        try expectGolden(run.stdout, at: "Tests/InfraKitTests/Goldens/report/classroom7.\(Self.fileExtension(format))")
    }
}

import Testing
@testable import InfraJSON
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

@Suite("Failure simulation")
struct TopologyTests {
    /// Simulates failing `ids` in an inventory made of `body` (the RuleExample defaults apply:
    /// environments prod/staging, providers linode-london and aws-us-east-1).
    static func simulate(_ body: String, failing ids: [String]) throws -> FailureSimulator.Outcome {
        let (inventory, findings) = try decode(RuleExample.inventory(body))
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let simulator = FailureSimulator(inventory)
        let targets = ids.compactMap { simulator.target($0) }
        #expect(targets.count == ids.count)
        return simulator.simulate(targets)
    }

    static func states(_ outcome: FailureSimulator.Outcome) -> [String: Health] {
        Dictionary(uniqueKeysWithValues: outcome.affected.map { (outcome.graph.nodes[$0].id, outcome.health($0)) })
    }

    @Test func aFailedHostTakesDownWhatRunsOnlyOnItAndDegradesTheRest() throws {
        let outcome = try Self.simulate("""
        "hosts": [{"id": "a", "environment": "prod", "provider": "linode-london"}, {"id": "b", "environment": "prod", "provider": "linode-london"}],
        "services": [{"id": "solo", "environment": "prod", "kind": "worker", "runsOn": ["a"]},
                     {"id": "pair", "environment": "prod", "kind": "web", "runsOn": ["a", "b"]},
                     {"id": "elsewhere", "environment": "prod", "kind": "web", "runsOn": ["b"]}]
        """, failing: ["a"])
        #expect(Self.states(outcome) == ["a": .down, "solo": .down, "pair": .degraded])
    }

    @Test func aMajorityClusterBelowQuorumIsDownOrReadOnly() throws {
        let body = """
        "hosts": [{"id": "n1", "environment": "prod", "provider": "aws-us-east-1"}, {"id": "n2", "environment": "prod", "provider": "aws-us-east-1"},
                  {"id": "n3", "environment": "prod", "provider": "aws-us-east-1"}],
        "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority", "members": [{"host": "n1"}, {"host": "n2"}, {"host": "n3"}]},
                     {"id": "raft", "environment": "prod", "kind": "rabbitmq", "consensus": "majority", "members": [{"host": "n1"}, {"host": "n2"}, {"host": "n3"}]}]
        """
        let one = Self.states(try Self.simulate(body, failing: ["n1"]))
        #expect(one["etcd"] == .degraded && one["raft"] == .degraded)
        let two = try Self.simulate(body, failing: ["n1", "n2"])
        #expect(Self.states(two)["etcd"] == .readOnly)
        #expect(Self.states(two)["raft"] == .down)
        let etcd = try #require(two.graph.numbers["etcd"])
        #expect(two.states[etcd]?.cause.reason == "1 of 3 voters left, quorum of 2 lost")
    }

    @Test func loadBalancersNeedALiveBackendAndDNSPoolsRouteAroundOnlyMonitoredMembers() throws {
        let body = """
        "hosts": [{"id": "h1", "environment": "prod", "provider": "linode-london"}, {"id": "h2", "environment": "prod", "provider": "aws-us-east-1"}],
        "services": [{"id": "app1", "environment": "prod", "kind": "web", "runsOn": ["h1"]},
                     {"id": "lb1", "environment": "prod", "kind": "load-balancer", "runsOn": ["h2"], "balances": ["app1"]},
                     {"id": "lb2", "environment": "prod", "kind": "load-balancer", "runsOn": ["h2"], "balances": ["app1"]},
                     {"id": "edge1", "environment": "prod", "kind": "proxy", "runsOn": ["h1"]},
                     {"id": "edge2", "environment": "prod", "kind": "proxy", "runsOn": ["h2"]}],
        "dns": [{"id": "watched", "zone": "a.example", "provider": "aws-us-east-1",
                 "trafficManager": {"pools": [{"name": "global", "members": ["edge1", "edge2"], "monitored": true}], "failover": true}},
                {"id": "blind", "zone": "b.example", "provider": "aws-us-east-1",
                 "trafficManager": {"pools": [{"name": "global", "members": ["edge1", "edge2"], "monitored": false}]}}]
        """
        let states = Self.states(try Self.simulate(body, failing: ["h1"]))
        #expect(states["lb1"] == .down && states["lb2"] == .down)
        #expect(states["watched"] == .degraded)
        #expect(states["blind"] == .impaired)
    }

    @Test func aManagedDatastoreFailsOnlyWithItsProviderOrRegion() throws {
        let body = """
        "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
        "datastores": [{"id": "rds", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}}],
        "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"], "dependsOn": [{"target": "rds"}]}]
        """
        #expect(Self.states(try Self.simulate(body, failing: ["web"]))["rds"] == nil)
        #expect(Self.states(try Self.simulate(body, failing: ["aws-us-east-1"]))["rds"] == .down)
        let region = Self.states(try Self.simulate(body, failing: ["us-east-1"]))
        #expect(region["rds"] == .down && region["app"] == .impaired)
    }

    @Test func dependenciesImpairTransitivelyWithTheirChainAndCyclesEnd() throws {
        let outcome = try Self.simulate("""
        "hosts": [{"id": "db-host", "environment": "prod", "provider": "linode-london"}, {"id": "web", "environment": "prod", "provider": "linode-london"}],
        "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-host"}}],
        "services": [{"id": "api", "environment": "prod", "kind": "web", "runsOn": ["web"], "dependsOn": [{"target": "pg"}, {"target": "front"}]},
                     {"id": "front", "environment": "prod", "kind": "web", "runsOn": ["web"], "dependsOn": [{"target": "api"}]}]
        """, failing: ["db-host"])
        let states = Self.states(outcome)
        #expect(states == ["db-host": .down, "pg": .down, "api": .impaired, "front": .impaired])
        let front = try #require(outcome.graph.numbers["front"])
        #expect(outcome.chain(front).map { outcome.graph.nodes[$0].id } == ["front", "api", "pg", "db-host"])
    }

    @Test func aMonitorInTheFailedDomainStopsWatching() throws {
        let body = """
        "hosts": [{"id": "h1", "environment": "prod", "provider": "linode-london"}, {"id": "h2", "environment": "prod", "provider": "aws-us-east-1"}],
        "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["h1"]},
                     {"id": "nagios", "environment": "prod", "kind": "web", "runsOn": ["h1"]}],
        "monitors": [{"id": "self-hosted", "tool": "nagios", "runsOn": ["nagios"], "watches": ["app"], "alerts": [{"channel": "pager"}]},
                     {"id": "saas", "tool": "pingdom", "watches": ["h2"], "alerts": [{"channel": "pager"}]}]
        """
        let outcome = try Self.simulate(body, failing: ["h1"])
        #expect(Self.states(outcome)["self-hosted"] == .down)
        let watch = WatchReport(outcome)
        #expect(watch.alerting.isEmpty)
        #expect(watch.silent.map { outcome.graph.nodes[$0].id }.contains("app"))
        // The SaaS monitor sees the failure of the host it watches.
        let other = try Self.simulate(body, failing: ["h2"])
        #expect(WatchReport(other).alerting.map { other.graph.nodes[$0.monitor].id } == ["saas"])
    }

    /// A failed host is not failing silently when an outside uptime check watches what runs on it:
    /// the alert about the service leads to the host. A host whose effects nobody watches is silent.
    @Test func aFailureIsNoticedThroughTheEffectsAMonitorSees() throws {
        let body = """
        "hosts": [{"id": "vm", "environment": "prod", "provider": "linode-london"},
                  {"id": "spare", "environment": "prod", "provider": "linode-london"}],
        "services": [{"id": "forum", "environment": "prod", "kind": "web", "runsOn": ["vm"]},
                     {"id": "batch", "environment": "prod", "kind": "worker", "runsOn": ["spare"]}],
        "monitors": [{"id": "uptime", "tool": "uptimerobot", "kind": "uptime", "watches": ["forum"], "alerts": [{"channel": "pager"}]}]
        """
        let watched = try Self.simulate(body, failing: ["vm"])
        let report = WatchReport(watched)
        #expect(report.alerting.map { watched.graph.nodes[$0.monitor].id } == ["uptime"])
        #expect(report.silent.isEmpty, "\(report.silent.map { watched.graph.nodes[$0].id })")
        let unwatched = try Self.simulate(body, failing: ["spare"])
        #expect(WatchReport(unwatched).silent.map { unwatched.graph.nodes[$0].id }.sorted() == ["batch", "spare"])
    }

    // MARK: The seed systems

    static func seed(_ name: String) -> FailureSimulator {
        let inventory = (try? SeedInventoryTests.load(name).0) ?? Inventory(source: SourceFile(path: "", text: ""))
        return FailureSimulator(inventory)
    }

    @Test func imperoLosingOneNodeKeepsQuorum() {
        let simulator = Self.seed("impero-paas")
        let outcome = simulator.simulate([simulator.target("prd-deis-node-1")].compactMap { $0 })
        let states = Self.states(outcome)
        #expect(states["prd-etcd"] == .degraded && states["prd-ceph"] == .degraded)
        #expect(!states.values.contains(.down) || states.filter { $0.value == .down }.keys.sorted() == ["prd-deis-node-1"])
        let etcd = outcome.graph.numbers["prd-etcd"] ?? -1
        #expect(outcome.states[etcd]?.cause.reason == "2 of 3 voters left, quorum of 2 kept")
    }

    @Test func imperoLosingTwoNodesLeavesEtcdAndCephReadOnlyAndTheAppsImpaired() {
        let simulator = Self.seed("impero-paas")
        let outcome = simulator.simulate(["prd-deis-node-1", "prd-deis-node-2"].compactMap { simulator.target($0) })
        let states = Self.states(outcome)
        #expect(states["prd-etcd"] == .readOnly && states["prd-ceph"] == .readOnly)
        // Deis reschedules the apps onto the last node: they run on with less capacity, while the
        // platform units that need etcd (the router, the controller) are impaired by its read-only state.
        #expect(states["prd-apps"] == .degraded)
        #expect(states["prd-deis-router"] == .impaired)
        let router = outcome.graph.numbers["prd-deis-router"] ?? -1
        #expect(outcome.states[router]?.cause.reason.hasSuffix("which is read-only") == true)
        let apps = outcome.graph.numbers["prd-apps"] ?? -1
        let chain = outcome.chain(apps).map { outcome.graph.nodes[$0].id }
        #expect(chain.first == "prd-apps" && chain.last == "prd-deis-node-1")
        #expect(chain.contains { $0.hasPrefix("prd-etcd") || $0.hasPrefix("prd-ceph") || $0.hasPrefix("prd-deis") })
        #expect(states["stg-etcd"] == nil)  // staging is untouched
    }

    @Test func classroom7LosesEverythingWithLondonAndIsImpairedWithoutCloudant() {
        let table = NMinusOne(simulator: Self.seed("classroom7"), domain: "provider")
        let worst = table.rows.first
        #expect(worst?.failure == "provider 'linode-london'")
        #expect(worst?.down.sorted() == ["nginx-production", "rails-production"])
        let cloudant = table.rows.first { $0.failure == "provider 'cloudant-holland'" }
        #expect(cloudant?.impaired.contains("rails-production") == true)
        let run = runCLI(["simulate", "inventories/classroom7.json", "--fail", "cloudant-holland"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("service 'rails-production' [production]: depends on datastore 'couchdb-cloudant', which is down"))
    }

    @Test func learnIDEAbsorbsARegionalLoadBalancerFailure() {
        let run = runCLI(["simulate", "inventories/learn-ide.json", "--fail", "ide-lb-1"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("its monitored pool routes around service 'haproxy-region-1'"))
        #expect(!run.stdout.contains("ide-backend"))
    }

    @Test(arguments: SeedInventoryTests.names)
    func eachHostRunsDeterministicallyOnEverySeed(_ name: String) {
        let first = runCLI(["simulate", "inventories/\(name).json", "--each", "host"])
        let second = runCLI(["simulate", "inventories/\(name).json", "--each", "host", "--format", "json"])
        let again = runCLI(["simulate", "inventories/\(name).json", "--each", "host", "--format", "json"])
        #expect(first.code == 0 && second.code == 0)
        #expect(first.stdout.hasPrefix("N-1 table for inventories/\(name).json: every single host failure, worst first"))
        #expect(second.stdout == again.stdout)
    }

    @Test func simulateAndBlastRadiusCommandLines() {
        let unknown = runCLI(["simulate", "inventories/classroom7.json", "--fail", "linode-prod"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("did you mean 'linode-production'?"))
        let neither = runCLI(["simulate", "inventories/classroom7.json"])
        #expect(neither.code == 2)
        let summary = runCLI(["simulate", "inventories/classroom7.json", "--fail", "linode-production", "--summary"])
        #expect(summary.stdout.hasPrefix("1 failed; "))
        let blast = runCLI(["blast-radius", "inventories/classroom7.json", "couchdb-cloudant"])
        #expect(blast.code == 0)
        #expect(blast.stdout.hasPrefix("blast radius of 'couchdb-cloudant' in inventories/classroom7.json: 2 dependents"))
        #expect(blast.stdout.contains("service 'rails-production' (impaired): couchdb-cloudant -> rails-production"))
        #expect(blast.stdout.contains("service 'nginx-production' (impaired): couchdb-cloudant -> rails-production -> nginx-production"))
    }
}

import Foundation
import Testing
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The inventory index answers what rules ask of the topology: which entity an id names (the first
/// of each kind when ids repeat), which environments and hosts an entity has, through cycles,
/// repeated ids and references to nothing.
@Suite("Inventory index")
struct InventoryIndexTests {
    /// Ids repeated within a kind and across kinds (each a `duplicate-id` finding), an environment id
    /// reused by a host, a service on a cluster and on a datastore's host, backups, monitors,
    /// pipelines, jobs, secrets and zones that take their environments from what they name, and a
    /// cycle through a zone.
    static let tangled = RuleExample.inventory("""
    "environments": [{"id": "prod", "kind": "production"}, {"id": "staging", "kind": "staging"},
                     {"id": "twice", "kind": "staging"}, {"id": "twice", "kind": "production"}],
    "hosts": [
      {"id": "h1", "environment": "prod", "provider": "aws-us-east-1"},
      {"id": "h2", "environment": "staging", "provider": "linode-london"},
      {"id": "dup", "environment": "staging", "provider": "aws-us-east-1"},
      {"id": "dup", "environment": "prod", "provider": "aws-us-east-1"},
      {"id": "staging", "environment": "prod", "provider": "aws-us-east-1"}
    ],
    "clusters": [{"id": "pool", "environment": "prod", "kind": "deis", "members": [{"host": "h1"}, {"host": "h2"}, {"host": "dup"}]},
                 {"id": "dup", "environment": "staging", "kind": "deis", "members": [{"host": "h2"}]}],
    "services": [
      {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["pool"]},
      {"id": "api", "environment": "staging", "kind": "web", "runsOn": ["h2", "h1", "h2"]},
      {"id": "self", "environment": "prod", "kind": "web", "runsOn": ["self", "h1"]},
      {"id": "dup", "environment": "prod", "kind": "worker", "runsOn": ["h1"]},
      {"id": "dup", "environment": "staging", "kind": "worker", "runsOn": ["h2"]},
      {"id": "saas", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"}
    ],
    "datastores": [{"id": "db", "environment": "staging", "engine": "postgres", "hosting": {"host": "h2"},
                    "databases": [{"name": "main", "environment": "prod"}]},
                   {"id": "managed", "environment": "staging", "engine": "mysql", "hosting": {"provider": "aws-us-east-1"}},
                   {"id": "on-pool", "environment": "staging", "engine": "postgres", "hosting": {"cluster": "pool"}},
                   {"id": "on-self", "environment": "staging", "engine": "postgres", "hosting": {"host": "on-self"}},
                   {"id": "on-service", "environment": "staging", "engine": "postgres", "hosting": {"host": "api"}},
                   {"id": "on-nothing", "environment": "staging", "engine": "postgres", "hosting": {"host": "nowhere"}},
                   {"id": "floating", "environment": "staging", "engine": "redis",
                    "databases": [{"name": "cache"}, {"name": "sessions", "environment": "prod"}]},
                   {"id": "web", "environment": "staging", "engine": "redis", "hosting": {"host": "h2"}}],
    "backups": [{"id": "nightly", "of": ["db", "dup"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "dup", "of": ["managed"], "schedule": "0 3 * * *", "target": {"provider": "linode-london"}}],
    "monitors": [{"id": "watch", "tool": "datadog", "kind": "metrics", "watches": ["nightly", "api"]},
                 {"id": "blind", "tool": "datadog", "kind": "metrics", "watches": ["nowhere"]}],
    "pipelines": [{"id": "ship", "deploys": ["api"], "stages": [{"kind": "deploy"}]},
                  {"id": "staged", "deploys": ["web"], "stages": [{"kind": "deploy", "environment": "staging"}]}],
    "jobs": [{"id": "cron", "environment": "prod", "schedule": "0 1 * * *", "runsOn": ["h1"]}],
    "secrets": [{"id": "key", "storage": "vault", "usedBy": ["api", "zone"]}],
    "dns": [{"id": "zone", "zone": "example.com", "provider": "aws-us-east-1",
             "records": [{"name": "www", "type": "CNAME", "targets": ["web", "key"]}]}]
    """)

    /// Every id declared once, so that backups and monitors are answered from what they name when
    /// those have environments of their own: ids no entity has, backups of backups, monitors watching
    /// themselves, a backup, a pipeline or a zone, in every order around a production entity.
    static let unique = RuleExample.inventory("""
    "environments": [{"id": "prod", "kind": "production"}, {"id": "staging", "kind": "staging"}],
    "hosts": [{"id": "h1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "h2", "environment": "staging", "provider": "linode-london"}],
    "clusters": [{"id": "pool", "environment": "staging", "kind": "deis", "members": [{"host": "h1"}]}],
    "services": [{"id": "api", "environment": "staging", "kind": "web", "runsOn": ["h2"]}],
    "datastores": [{"id": "db", "environment": "staging", "engine": "postgres", "hosting": {"host": "h2"},
                    "databases": [{"name": "main", "environment": "prod"}]},
                   {"id": "cache", "environment": "staging", "engine": "redis", "hosting": {"host": "h2"}}],
    "backups": [{"id": "b-prod", "of": ["cache", "h1"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-staging", "of": ["cache", "api", "pool"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-db", "of": ["db"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-env", "of": ["staging", "prod"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-nowhere", "of": ["nowhere", "cache"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-of-b", "of": ["cache", "b-prod"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-of-self", "of": ["b-of-self", "api"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
                {"id": "b-none", "of": [], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}}],
    "monitors": [{"id": "m-first", "tool": "datadog", "kind": "metrics", "watches": ["h1", "b-staging"]},
                 {"id": "m-late", "tool": "datadog", "kind": "metrics", "watches": ["b-staging", "h1"]},
                 {"id": "m-deep", "tool": "datadog", "kind": "metrics", "watches": ["api", "m-late"]},
                 {"id": "m-self", "tool": "datadog", "kind": "metrics", "watches": ["m-self", "cache"]},
                 {"id": "m-ship", "tool": "datadog", "kind": "metrics", "watches": ["ship", "zone"]}],
    "pipelines": [{"id": "ship", "deploys": ["api"], "stages": [{"kind": "deploy", "environment": "prod"}]}],
    "dns": [{"id": "zone", "zone": "example.com", "provider": "aws-us-east-1",
             "records": [{"name": "www", "type": "CNAME", "targets": ["api"]}]}]
    """)

    static func index(_ text: String) throws -> InventoryIndex {
        InventoryIndex(try decode(text).inventory)
    }

    /// Every id the inventory declares or names, and one it does not.
    static func ids(_ inventory: Inventory) -> [String] {
        var ids = inventory.ids.ids(of: EntityKind.allCases) + ["nowhere", ""]
        ids += inventory.services.flatMap { $0.runsOn + $0.balances }
        ids += inventory.backups.flatMap(\.of) + inventory.monitors.flatMap(\.watches)
        return Array(Set(ids)).sorted()
    }

    static func inventories() throws -> [(name: String, inventory: Inventory)] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("inventories")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        var result = [("tangled", try decode(tangled).inventory), ("unique", try decode(unique).inventory)]
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            result.append((file, try decode(text, path: file).inventory))
        }
        return result
    }

    @Test func tablesFindTheFirstEntityOfEachKind() throws {
        let (inventory, findings) = try decode(Self.tangled)
        #expect(findings.contains { $0.ruleID == "duplicate-id" })
        let index = InventoryIndex(inventory)
        // The first host, cluster, service and backup named `dup`, each in its own kind.
        #expect(index.hosts.position(of: "dup") == 2)
        #expect(index.hosts["dup"]?.environment == "staging")
        #expect(index.clusters["dup"]?.members.map(\.host) == ["h2"])
        #expect(index.services.position(of: "dup") == 3)
        #expect(index.services["dup"]?.environment == "prod")
        #expect(index.backups["dup"]?.of == ["managed"])
        #expect(index.environments["staging"]?.kind == .staging)
        #expect(index.hosts["staging"]?.environment == "prod")
        #expect(index.datastores["dup"] == nil)
        #expect(index.hosts["web"] == nil && !index.hosts.contains("nowhere"))
        #expect(index.environments.keys == ["prod", "staging", "twice"])
        // Kinds that repeat an id say so; the others' entities are where their ids point.
        #expect(index.hosts.repeatsIDs && index.services.repeatsIDs && index.environments.repeatsIDs)
        #expect(!index.clusters.repeatsIDs && !index.backups.repeatsIDs && !index.datastores.repeatsIDs)
        for (position, cluster) in inventory.clusters.enumerated() {
            #expect(index.clusters.position(of: cluster.id) == position)
        }
    }

    @Test func aHostLeftOutAsMalformedNamesNothingAndHidesNoServiceOfItsID() throws {
        let (inventory, findings) = try decode(RuleExample.inventory("""
        "hosts": [{"id": "x", "provider": "aws-us-east-1"}, {"id": "h", "environment": "prod", "provider": "aws-us-east-1"}],
        "services": [{"id": "x", "environment": "prod", "kind": "web", "runsOn": ["h"]}]
        """))
        #expect(findings.contains { $0.ruleID == "duplicate-id" } && inventory.hosts.map(\.id) == ["h"])
        let index = InventoryIndex(inventory)
        #expect(index.hosts["x"] == nil && index.services.position(of: "x") == 0 && index.hosts.position(of: "h") == 0)
        #expect(index.ids.idsAreUnique && !index.hosts.repeatsIDs && !index.ids.named("x").isUnknown)
    }

    @Test func backupsAndMonitorsTakeProductionFromWhatTheyName() throws {
        let (inventory, findings) = try decode(Self.unique)
        #expect(!findings.contains { $0.ruleID == "duplicate-id" })
        let index = InventoryIndex(inventory)
        for id in ["b-prod", "b-db", "b-env", "b-of-b", "m-first", "m-late", "m-deep", "m-ship"] {
            #expect(index.isProduction(id), "\(id)")
        }
        for id in ["b-staging", "b-nowhere", "b-of-self", "b-none", "m-self"] {
            #expect(!index.isProduction(id), "\(id)")
        }
    }

    @Test func sortingWithoutRepeatsGivesWhatASetGives() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<40 {
            let ids = (0..<count).map { _ in "host-\(Int.random(in: 0..<12, using: &generator))" }
            #expect(InventoryIndex.sortedWithoutRepeats(ids) == Set(ids).sorted(), "\(ids)")
        }
        #expect(InventoryIndex.sortedWithoutRepeats(["b", "a", "b", "a"]) == ["a", "b"])
    }

    @Test func distinctIdsAreWhatASetHolds() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<40 {
            let ids = (0..<count).map { _ in "db-\(Int.random(in: 0..<10, using: &generator))" }
            let distinct = InventoryIndex.distinct(ids)
            #expect(distinct.count == Set(ids).count && Set(distinct) == Set(ids), "\(ids)")
        }
    }

    @Test func capacityReadsTheHostsHostIDsGives() throws {
        for (name, inventory) in try Self.inventories() {
            let index = InventoryIndex(inventory)
            for service in inventory.services {
                guard let positions = FailureCapacity.hostPositions(service.runsOn, index) else { continue }
                let plain = index.hostIDs(of: service.id).compactMap { index.hosts.position(of: $0) }
                #expect(positions == plain, "\(name): \(service.id)")
            }
        }
        let index = try Self.index(RuleExample.inventory("""
        "hosts": [{"id": "b", "environment": "prod", "provider": "aws-us-east-1"},
                  {"id": "a", "environment": "prod", "provider": "aws-us-east-1"}],
        "services": [{"id": "s", "environment": "prod", "kind": "web", "runsOn": ["b", "a", "b"]}]
        """))
        #expect(FailureCapacity.hostPositions(["b", "a", "b"], index) == [1, 0])
        #expect(FailureCapacity.hostPositions(["b", "s"], index) == nil)
        #expect(FailureCapacity.hostPositions([], index) == nil)
        // With a repeated id, the walk of `hostIDs(of:)` decides.
        #expect(FailureCapacity.hostPositions(["h1"], try Self.index(Self.tangled)) == nil)
    }

    @Test func theTangledInventoryExercisesEveryPath() throws {
        let index = try Self.index(Self.tangled)
        // Kinds that name no environment take theirs from what they name, through cycles.
        #expect(index.environmentIDs(of: "nightly") == ["staging", "prod"])
        #expect(index.environmentIDs(of: "watch") == ["staging", "prod"])
        #expect(index.environmentIDs(of: "zone") == ["prod", "staging"])
        #expect(index.environmentIDs(of: "staged") == ["staging"])
        #expect(index.isProduction("nightly") && index.isProduction("zone") && !index.isProduction("staged"))
        #expect(!index.isProduction("blind") && !index.isProduction("nowhere"))
        // A repeated environment id answers as its first declaration.
        #expect(!index.isProductionEnvironment("twice"))
        #expect(index.hostIDs(of: "api") == ["h1", "h2"])
        #expect(index.hostIDs(of: "self") == ["h1"])
        #expect(index.hostIDs(of: "web") == ["dup", "h1", "h2"])
        #expect(index.hostIDs(of: "db") == ["h2"])
        // Datastores: on a cluster, on themselves, on a service, on nothing declared, unplaced, or
        // sharing a service's id (the service answers).
        #expect(index.hostIDs(of: "on-pool") == ["dup", "h1", "h2"])
        #expect(index.hostIDs(of: "on-self").isEmpty && index.hostIDs(of: "on-nothing").isEmpty)
        #expect(index.hostIDs(of: "on-service") == ["h1", "h2"])
        #expect(index.hostIDs(of: "floating").isEmpty && index.hostIDs(of: "managed").isEmpty)
        #expect(index.isProduction("floating") && index.isProduction("db") && !index.isProduction("on-pool"))
        #expect(index.isProduction("web"))
    }
}

extension InventoryIndexTests {
    /// `providerIDs(of:)` names the providers of `failureDomains(of:)` without making a domain per
    /// host: for every id of the tangled, unique and seed inventories and of random topologies.
    @Test func providersOfAnEntityAreThoseOfItsFailureDomains() throws {
        var inventories = try Self.inventories().map(\.inventory)
        inventories += try (0..<40).map { try decode(NMinusOneCountingTests.randomInventory(UInt64($0))).inventory }
        var checked = 0
        for inventory in inventories {
            let index = InventoryIndex(inventory)
            for id in Self.ids(inventory) + ["nothing-has-this-id"] {
                #expect(index.providerIDs(of: id) == Set(index.failureDomains(of: id).map(\.providerID)), "\(inventory.path): \(id)")
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test func hostsAndProductionAnswerTheWalk() throws {
        // `same` is both a host and a service, and `loop` runs on itself: the shortcuts must keep the walk's answers.
        let (inventory, _) = try decode("""
        {"infractl": 2, "name": "shop",
         "environments": [{"id": "prod", "kind": "production"}, {"id": "dev", "kind": "development"}],
         "providers": [{"id": "p", "kind": "linode", "region": "london"}],
         "hosts": [{"id": "h1", "environment": "prod", "provider": "p"}, {"id": "h2", "environment": "dev", "provider": "p"},
                   {"id": "same", "environment": "dev", "provider": "p"}],
         "clusters": [{"id": "c", "environment": "prod", "kind": "redis", "members": [{"host": "h2"}, {"host": "h1"}]}],
         "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["h2", "h1", "h2"]},
                      {"id": "pooled", "environment": "dev", "kind": "web", "runsOn": ["c", "h1"]},
                      {"id": "same", "environment": "prod", "kind": "web", "runsOn": ["h1"]},
                      {"id": "loop", "environment": "prod", "kind": "web", "runsOn": ["loop", "h2"]}]}
        """)
        let index = InventoryIndex(inventory)
        #expect(index.hostIDs(of: "app") == ["h1", "h2"])
        #expect(index.hostIDs(of: "pooled") == ["h1", "h2"])
        #expect(index.hostIDs(of: "same") == ["same"])
        #expect(index.hostIDs(of: "loop") == ["h2"])
        #expect(index.isProduction("app") && index.isProduction("c") && index.isProduction("prod"))
        #expect(!index.isProduction("same") && !index.isProduction("h2") && !index.isProduction("pooled"))
    }
}

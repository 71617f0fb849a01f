import Foundation
import Testing
@testable import InfraModel
@testable import InfraTopology
@testable import InfraRules

/// The index's fast paths (one directory for every kind, production answered without sets, hosts
/// read in place) give what the plain way gives: a table per kind, searched in order, with every
/// answer worked out from whole entities.
@Suite("Fast paths: the inventory index")
struct IndexFastPathTests {
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
        let plain = PlainIndex(inventory)
        var ids = plain.everyID + ["nowhere", ""]
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

    @Test func lookupsGiveWhatThePlainWayGives() throws {
        let inventories = try Self.inventories()
        #expect(inventories.count > 3)
        for (name, inventory) in inventories {
            try Self.compare(inventory, name)
        }
    }

    static func compare(_ inventory: Inventory, _ name: String) throws {
        let index = InventoryIndex(inventory)
        let plain = PlainIndex(inventory)
        for id in Self.ids(inventory) {
            #expect(index.isProduction(id) == plain.isProduction(id), "\(name): isProduction(\(id))")
            #expect(index.environmentIDs(of: id) == plain.environmentIDs(of: id), "\(name): environmentIDs(of: \(id))")
            #expect(index.hostIDs(of: id) == plain.hostIDs(of: id), "\(name): hostIDs(of: \(id))")
            #expect(index.isProductionEnvironment(id) == (plain.first(inventory.environments, id)?.isProduction == true))
            #expect(index.failureDomains(of: id).map(\.regionKey) == plain.failureDomainRegions(of: id, index), "\(name): failureDomains(of: \(id))")
            for kind in EntityKind.allCases {
                #expect(index.directory.named(id).position(kind) == plain.position(of: id, kind), "\(name): \(kind) \(id)")
            }
        }
        // By position, as rules that go through every host or service ask.
        for (position, host) in inventory.hosts.enumerated() {
            #expect(index.isProduction(hostAt: position) == plain.isProduction(host.id), "\(name): host at \(position)")
        }
        for (position, service) in inventory.services.enumerated() {
            #expect(index.isProduction(serviceAt: position) == plain.isProduction(service.id), "\(name): service at \(position)")
            #expect(index.hostIDs(ofServiceAt: position) == plain.hostIDs(of: service.id), "\(name): hosts of service at \(position)")
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

/// The index as it was before its fast paths: a search per kind in the order the kinds are asked
/// about, the first entity of a repeated id winning, every answer from whole entities and sets.
private struct PlainIndex {
    let inventory: Inventory

    init(_ inventory: Inventory) {
        self.inventory = inventory
    }

    var everyID: [String] {
        inventory.environments.map(\.id) + inventory.providers.map(\.id) + inventory.hosts.map(\.id)
            + inventory.clusters.map(\.id) + inventory.services.map(\.id) + inventory.datastores.map(\.id)
            + inventory.backups.map(\.id) + inventory.monitors.map(\.id) + inventory.pipelines.map(\.id)
            + inventory.jobs.map(\.id) + inventory.secrets.map(\.id) + inventory.dns.map(\.id)
    }

    func first<T: Entity>(_ entities: [T], _ id: String) -> T? {
        entities.first { $0.id == id }
    }

    func position(of id: String, _ kind: EntityKind) -> Int? {
        switch kind {
        case .environment: inventory.environments.firstIndex { $0.id == id }
        case .provider: inventory.providers.firstIndex { $0.id == id }
        case .host: inventory.hosts.firstIndex { $0.id == id }
        case .cluster: inventory.clusters.firstIndex { $0.id == id }
        case .service: inventory.services.firstIndex { $0.id == id }
        case .datastore: inventory.datastores.firstIndex { $0.id == id }
        case .backup: inventory.backups.firstIndex { $0.id == id }
        case .monitor: inventory.monitors.firstIndex { $0.id == id }
        case .pipeline: inventory.pipelines.firstIndex { $0.id == id }
        case .job: inventory.jobs.firstIndex { $0.id == id }
        case .secret: inventory.secrets.firstIndex { $0.id == id }
        case .dns: inventory.dns.firstIndex { $0.id == id }
        case .waiver: nil
        }
    }

    func hostIDs(of id: String) -> [String] {
        var result = Set<String>()
        var visited = Set<String>()
        collectHosts(id, into: &result, visited: &visited)
        return result.sorted()
    }

    private func collectHosts(_ id: String, into result: inout Set<String>, visited: inout Set<String>) {
        guard visited.insert(id).inserted else { return }
        if first(inventory.hosts, id) != nil {
            result.insert(id)
        } else if let cluster = first(inventory.clusters, id) {
            for member in cluster.members { collectHosts(member.host, into: &result, visited: &visited) }
        } else if let service = first(inventory.services, id) {
            for target in service.runsOn { collectHosts(target, into: &result, visited: &visited) }
        } else if let datastore = first(inventory.datastores, id), let hosting = datastore.hosting {
            switch hosting {
            case .host(let host): collectHosts(host, into: &result, visited: &visited)
            case .cluster(let cluster): collectHosts(cluster, into: &result, visited: &visited)
            case .provider: break
            }
        }
    }

    /// The region keys of the failure domains, worked out from whole entities.
    func failureDomainRegions(of id: String, _ index: InventoryIndex) -> [String] {
        var domains = hostIDs(of: id).compactMap { hostID -> FailureDomain? in
            guard let host = first(inventory.hosts, hostID) else { return nil }
            return index.domain(provider: host.provider, zone: host.zone, host: host.id)
        }
        if let datastore = first(inventory.datastores, id), case .provider(let provider) = datastore.hosting {
            domains += [index.domain(provider: provider, zone: nil, host: nil)].compactMap { $0 }
        }
        if let service = first(inventory.services, id), let provider = service.provider, service.runsOn.isEmpty {
            domains += [index.domain(provider: provider, zone: nil, host: nil)].compactMap { $0 }
        }
        if let provider = first(inventory.providers, id) {
            domains += [index.domain(provider: provider.id, zone: nil, host: nil)].compactMap { $0 }
        }
        return Array(Set(domains)).sorted { $0.regionKey + ($0.hostID ?? "") < $1.regionKey + ($1.hostID ?? "") }.map(\.regionKey)
    }

    func environmentIDs(of id: String) -> Set<String> {
        var visited = Set<String>()
        return environmentIDs(of: id, visited: &visited)
    }

    private func environmentIDs(of id: String, visited: inout Set<String>) -> Set<String> {
        guard visited.insert(id).inserted else { return [] }
        if first(inventory.environments, id) != nil { return [id] }
        if let host = first(inventory.hosts, id) { return [host.environment] }
        if let cluster = first(inventory.clusters, id) { return [cluster.environment] }
        if let service = first(inventory.services, id) { return [service.environment] }
        if let datastore = first(inventory.datastores, id) {
            return Set([datastore.environment] + datastore.databases.compactMap(\.environment))
        }
        var related: [String] = []
        if let backup = first(inventory.backups, id) { related = backup.of }
        if let monitor = first(inventory.monitors, id) { related = monitor.watches }
        if let pipeline = first(inventory.pipelines, id) {
            let staged = Set(pipeline.stages.compactMap(\.environment))
            if !staged.isEmpty { return staged }
            related = pipeline.deploys
        }
        if let job = first(inventory.jobs, id) { return [job.environment] }
        if let secret = first(inventory.secrets, id) {
            if let environment = secret.environment { return [environment] }
            related = secret.usedBy
        }
        if let zone = first(inventory.dns, id) {
            related = zone.records.flatMap(\.targets) + zone.pools.flatMap(\.members)
        }
        var result = Set<String>()
        for other in related { result.formUnion(environmentIDs(of: other, visited: &visited)) }
        return result
    }

    func isProduction(_ id: String) -> Bool {
        if let environment = first(inventory.environments, id) { return environment.isProduction }
        if let own = first(inventory.hosts, id)?.environment ?? first(inventory.clusters, id)?.environment
            ?? first(inventory.services, id)?.environment {
            return first(inventory.environments, own)?.isProduction == true
        }
        return environmentIDs(of: id).contains { first(inventory.environments, $0)?.isProduction == true }
    }
}

extension IndexFastPathTests {
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
}

import Foundation
import Testing
@testable import InfraJSON
@testable import InfraModel

/// The five reference customers' inventories load clean and record what their seed documents say.
@Suite("Seed inventories")
struct SeedInventoryTests {
    static let names = ["altvr-todomvc", "classroom7", "human-essentials", "impero-paas", "learn-ide"]

    static func load(_ name: String) throws -> (Inventory, [Finding]) {
        let path = "inventories/\(name).json"
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + path)))
        let document = try JSONReader().read(SourceFile(path: path, bytes: bytes))
        let decoded = InventoryDecoder().decode(document)
        return (decoded.inventory, decoded.findings)
    }

    @Test(arguments: names)
    func loadsWithoutStructuralFindings(_ name: String) throws {
        let (inventory, findings) = try Self.load(name)
        #expect(findings.isEmpty, "\(findings.map { "\($0.location): \($0.message)" })")
        #expect(inventory.name == name)
        // Every declared entity made it into the typed model.
        let typed = inventory.environments.count + inventory.providers.count + inventory.hosts.count
            + inventory.clusters.count + inventory.services.count + inventory.datastores.count
            + inventory.backups.count + inventory.monitors.count + inventory.pipelines.count
            + inventory.jobs.count + inventory.secrets.count + inventory.dns.count
        #expect(typed == inventory.entityCount)
        #expect(inventory.environments.contains { $0.isProduction } || name == "altvr-todomvc")
    }

    @Test func classroom7RecordsItsUncomfortableFacts() throws {
        let (inventory, _) = try Self.load("classroom7")
        #expect(inventory.secrets.filter { $0.storage == .sourceCode }.count == 3)  // S3, Postgres, Cloudant
        let rails = try #require(inventory.services.first { $0.id == "rails-production" })
        let couch = try #require(rails.dependsOn.first { $0.target == "couchdb-cloudant" })
        #expect(couch.protocol == "http" && couch.tls == false)
        #expect(rails.supervisor == Service.Supervisor.none)
        #expect(rails.runtime?.version == "1.9.3" && rails.framework?.version == "3.2")
        let store = try #require(inventory.datastores.first { $0.id == "couchdb-cloudant" })
        #expect(store.storage?.model == .appendOnly && store.storage?.compaction == .manual)
        #expect(inventory.hosts.first { $0.environment == "production" }?.managedBy == .snapshot)
        #expect(inventory.pipelines.isEmpty)
        #expect(inventory.dns.first?.records.first?.ttl == 3600)
    }

    @Test func altvrHasNoBackupAndAnOpenDatabase() throws {
        let (inventory, _) = try Self.load("altvr-todomvc")
        #expect(inventory.backups.isEmpty)
        #expect(inventory.datastores.allSatisfy { $0.isPublic == true })
        let check = try #require(inventory.monitors.flatMap(\.checks).first)
        #expect(check.condition == "< 3")
        #expect(inventory.services.contains { $0.processes?.count == 3 && $0.supervisor == .supervisor })
        #expect(inventory.secrets.filter { $0.storage == .sourceCode }.count >= 3)
    }

    @Test func humanEssentialsSharesOneDatabaseInstance() throws {
        let (inventory, _) = try Self.load("human-essentials")
        let shared = inventory.datastores.filter { store in
            Set(store.databases.compactMap(\.environment)).count > 1
        }
        #expect(shared.count == 1)
        #expect(inventory.backups.contains { $0.schedule == .every(Duration(seconds: 4 * 3600)) && $0.method == "pg_dump" })
        #expect(inventory.backups.allSatisfy { $0.retention == nil })
    }

    @Test func imperoRunsThreeNodeConsensusClusters() throws {
        let (inventory, _) = try Self.load("impero-paas")
        let consensus = inventory.clusters.filter { $0.consensus == .majority }
        #expect(consensus.count >= 4)  // etcd and Ceph in production and staging
        #expect(consensus.allSatisfy { $0.members.count == 3 && $0.tolerates == 1 })
        #expect(inventory.secrets.contains { $0.storage == .dotfile })
        #expect(inventory.secrets.contains { $0.storage == .sourceCode })
    }

    @Test func learnIDERoutesThroughAMonitoredTrafficManager() throws {
        let (inventory, _) = try Self.load("learn-ide")
        let pool = try #require(inventory.dns.first?.pools.first)
        #expect(pool.monitored == true)
        #expect(pool.members.count == 3)
        #expect(inventory.pipelines.first?.strategy == .hotUpgrade)
        #expect(inventory.services.filter { $0.kind == .loadBalancer }.count == 3)
    }
}

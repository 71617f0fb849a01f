import Foundation
import Testing
@testable import InfraTopology

/// The N-1 tables count what impairment reaches down a tree without visiting it
/// (`ImpairmentForest`); these tests hold the counts and names to a simulation that visits every node.
struct NMinusOneCountingTests {
    /// A topology of random shape: hosts on providers in zones, clusters of hosts, services on hosts
    /// or clusters that depend on earlier services and datastores (chains, fan-in and fan-out),
    /// load balancers, datastores on hosts, clusters or providers, DNS zones, and monitors on hosts
    /// and services. Production and staging mixed.
    static func randomInventory(_ seed: UInt64) -> String {
        var random = SplitMix(seed: seed)
        func pick(_ count: Int) -> Int { random.next(count) }
        let hostCount = 3 + pick(12), serviceCount = 2 + pick(30)
        var hosts: [String] = [], clusters: [String] = [], services: [String] = [], stores: [String] = []
        for index in 0..<hostCount {
            hosts.append(#"{"id": "h\#(index)", "environment": "\#(pick(4) == 0 ? "staging" : "prod")", "provider": "p\#(pick(2))", "zone": "z\#(pick(3))"}"#)
        }
        let clusterCount = pick(3)
        for index in 0..<clusterCount {
            let members = (0..<(1 + pick(4))).map { _ in #"{"host": "h\#(pick(hostCount))"}"# }
            clusters.append(#"{"id": "c\#(index)", "environment": "prod", "kind": "\#(["etcd", "nomad"][pick(2)])", "consensus": "majority", "members": [\#(Set(members).sorted().joined(separator: ", "))]}"#)
        }
        let storeCount = pick(4)
        for index in 0..<storeCount {
            let hosting = [#"{"host": "h\#(pick(hostCount))"}"#, clusterCount > 0 ? #"{"cluster": "c\#(pick(clusterCount))"}"# : #"{"provider": "p0"}"#, #"{"provider": "p1"}"#][pick(3)]
            stores.append(#"{"id": "d\#(index)", "environment": "prod", "engine": "postgres", "hosting": \#(hosting)}"#)
        }
        for index in 0..<serviceCount {
            var targets: [String] = []
            let dependencies = pick(4) == 0 ? 2 : (pick(3) == 0 ? 0 : 1)
            for _ in 0..<dependencies where index > 0 || storeCount > 0 {
                if storeCount > 0, pick(4) == 0 { targets.append("d\(pick(storeCount))") } else if index > 0 { targets.append("s\(pick(index))") }
            }
            let dependsOn = Set(targets).sorted().map { #"{"target": "\#($0)"}"# }.joined(separator: ", ")
            let environment = pick(5) == 0 ? "staging" : "prod"
            if index > 1, pick(5) == 0 {
                let backends = Set((0..<(1 + pick(3))).map { _ in "s\(pick(index))" }).sorted().map { #""\#($0)""# }
                services.append(#"{"id": "s\#(index)", "environment": "\#(environment)", "kind": "load-balancer", "runsOn": ["h\#(pick(hostCount))"], "balances": [\#(backends.joined(separator: ", "))], "dependsOn": [\#(dependsOn)]}"#)
                continue
            }
            var places = Set((0..<(1 + pick(2))).map { _ in "h\(pick(hostCount))" })
            if clusterCount > 0, pick(4) == 0 { places = ["c\(pick(clusterCount))"] }
            let runsOn = places.sorted().map { #""\#($0)""# }.joined(separator: ", ")
            services.append(#"{"id": "s\#(index)", "environment": "\#(environment)", "kind": "web", "runsOn": [\#(runsOn)], "dependsOn": [\#(dependsOn)]}"#)
        }
        let monitors = (0..<pick(3)).map { index in
            #"{"id": "m\#(index)", "tool": "prometheus", "kind": "metrics", "runsOn": ["\#(pick(2) == 0 ? "h\(pick(hostCount))" : "s\(pick(serviceCount))")"], "watches": ["s0"]}"#
        }
        let dns = pick(2) == 0 ? #"[{"id": "zone", "zone": "example.com", "provider": "p0", "records": [{"name": "www", "type": "A", "targets": ["s\#(pick(serviceCount))", "s\#(pick(serviceCount))"]}]}]"# : "[]"
        return """
        {"infractl": 2, "name": "random",
         "environments": [{"id": "prod", "kind": "production"}, {"id": "staging", "kind": "staging"}],
         "providers": [{"id": "p0", "kind": "aws", "region": "r0"}, {"id": "p1", "kind": "gcp", "region": "r1"}],
         "hosts": [\(hosts.joined(separator: ",\n"))], "clusters": [\(clusters.joined(separator: ",\n"))],
         "services": [\(services.joined(separator: ",\n"))], "datastores": [\(stores.joined(separator: ",\n"))],
         "monitors": [\(monitors.joined(separator: ",\n"))], "dns": \(dns)}
        """
    }

    static func describe(_ row: NMinusOne.Row) -> String {
        "\(row.failure) \(row.downCount)/\(row.readOnlyCount)/\(row.impairedCount)/\(row.degradedCount) \(row.affected) "
            + "\(row.down) \(row.readOnly) \(row.impaired) \(row.degraded) \(row.hurt)"
    }

    @Test(arguments: 0..<300)
    func countingDownTreesGivesTheRowsOfAWholeSimulation(seed: Int) throws {
        let inventory = try decode(Self.randomInventory(UInt64(seed))).inventory
        let simulator = FailureSimulator(inventory)
        for domain in ["host", "zone", "region", "provider"] {
            let counted = NMinusOne(simulator: simulator, domain: domain)
            let visited = NMinusOne(simulator: simulator, domain: domain, deferring: false)
            #expect(counted.rows.map(Self.describe) == visited.rows.map(Self.describe), "seed \(seed), \(domain)")
        }
    }

    /// A chain of services each on a host of its own and depending on the previous one: the rows
    /// come from the trees, and they are the whole simulation's.
    @Test func aLongChainIsCountedAndNamedLikeAWholeSimulation() throws {
        let links = 400
        let hosts = (0..<links).map { #"{"id": "h\#($0)", "environment": "prod", "provider": "p0"}"# }
        let services = (0..<links).map { index in
            #"{"id": "s\#(index)", "environment": "prod", "kind": "worker", "runsOn": ["h\#(index)", "h\#((index * 7 + 3) % links)"], "dependsOn": [\#(index == 0 ? "" : #"{"target": "s\#(index - 1)"}"#)]}"#
        }
        let text = """
        {"infractl": 2, "name": "chain", "environments": [{"id": "prod", "kind": "production"}],
         "providers": [{"id": "p0", "kind": "aws", "region": "r0"}],
         "hosts": [\(hosts.joined(separator: ",\n"))], "services": [\(services.joined(separator: ",\n"))]}
        """
        let simulator = FailureSimulator(try decode(text).inventory)
        let counted = NMinusOne(simulator: simulator, domain: "host")
        let visited = NMinusOne(simulator: simulator, domain: "host", deferring: false)
        #expect(counted.rows.map(Self.describe) == visited.rows.map(Self.describe))
        // Failing h0 degrades s0 (one of its two hosts) and s171 (171 * 7 + 3 = 0 mod 400), nothing worse.
        let first = try #require(counted.rows.first { $0.failure == "host 'h0'" })
        #expect(first.degradedCount == 2 && first.impairedCount == 0)
        // Failing the provider takes every service down.
        let provider = try #require(NMinusOne(simulator: simulator, domain: "provider").rows.first)
        #expect(provider.downCount == links && provider.hurt.count == NMinusOne.namesKept)
    }
}


extension NMinusOneCountingTests {
    /// The random topologies do exercise the trees: most have failures whose impairment is left
    /// in a subtree, and some of those subtrees hold a node the failure also hurts otherwise.
    @Test func theRandomTopologiesLeaveImpairmentInTrees() throws {
        var deferring = 0, overlapping = 0, structural = 0
        for seed in 0..<300 {
            let (inventory, findings) = try decode(Self.randomInventory(UInt64(seed)))
            structural += findings.count
            let simulator = FailureSimulator(inventory).forCounting()
            let outcomes = simulator.graph.nodes.indices.filter { simulator.graph.nodes[$0].kind == .host }.map { simulator.simulate([.entity($0)]) }
            let deferred = outcomes.filter { !$0.deferred.isEmpty }
            if !deferred.isEmpty { deferring += 1 }
            if deferred.contains(where: { outcome in
                let subtrees = DeferredSubtrees(outcome)
                return outcome.states.contains { subtrees.contains($0.key) && $0.value.health > .impaired }
            }) { overlapping += 1 }
        }
        #expect(structural == 0)
        #expect(deferring > 150)
        #expect(overlapping > 10)
    }
}

/// The reasons a simulation gives read as sentences: no word twice in a row ("its provider
/// provider 'x' is down" was one).
struct SimulationWordingTests {
    @Test func noReasonRepeatsAWord() throws {
        var inventories = try InventoryIndexTests.inventories().map(\.inventory)
        inventories += try (0..<40).map { try decode(NMinusOneCountingTests.randomInventory(UInt64($0))).inventory }
        var reasons = 0
        for inventory in inventories {
            let simulator = FailureSimulator(inventory)
            let graph = simulator.graph
            var targets = graph.nodes.indices.filter { [.host, .provider, .cluster].contains(graph.nodes[$0].kind) }.map(FailureSimulator.Target.entity)
            targets += graph.hostsByZone.keys.sorted().map(FailureSimulator.Target.zone)
            for target in targets {
                for entry in simulator.simulate([target]).states.values {
                    reasons += 1
                    let words = entry.cause.reason.split(separator: " ")
                    for (first, second) in zip(words, words.dropFirst()) {
                        #expect(first != second, "\(inventory.path): \(entry.cause.reason)")
                    }
                }
            }
        }
        #expect(reasons > 1_000)
    }
}

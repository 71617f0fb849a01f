import Testing
@testable import InfraTopology
@testable import InfraRules

/// What the examples of `capacity-after-failure` cannot say: the redistribution arithmetic, which
/// failure is reported as the worst, and the exact wording of the numbers.
@Suite("N-1 capacity")
struct CapacityTests {
    private func capacity(_ body: String) throws -> FailureCapacity {
        let (inventory, structural) = try decode(RuleExample.inventory(body))
        #expect(structural.isEmpty, "\(structural.map(\.message))")
        return FailureCapacity(InventoryIndex(inventory))
    }

    private func messages(_ body: String) throws -> [String] {
        let (inventory, structural) = try decode(RuleExample.inventory(body))
        #expect(structural.isEmpty, "\(structural.map(\.message))")
        let context = RuleContext(inventory: inventory, settings: RuleSettings(asOf: RuleExample.asOf))
        return CapacityAfterFailureRule().check(context).map(\.message)
    }

    private static func host(_ id: String, cpus: Double = 2, memory: Double) -> String {
        #"{"id": "\#(id)", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": \#(cpus.formatted), "memoryGiB": \#(memory.formatted)}}"#
    }

    @Test func threeHostsShareAFailedHostsLoadEvenly() throws {
        // app: 6 GiB over three hosts, 2 GiB each; losing one puts 3 GiB on each survivor, exactly
        // their size. cache adds 1 GiB on app-3 only, so app-3 alone goes over.
        let result = try capacity("""
        "hosts": [\(Self.host("app-1", memory: 3)), \(Self.host("app-2", memory: 3)), \(Self.host("app-3", memory: 3))],
        "services": [
          {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1", "app-2", "app-3"], "resources": {"cpus": 3, "memoryGiB": 6}},
          {"id": "cache", "environment": "prod", "kind": "worker", "runsOn": ["app-3"], "resources": {"memoryGiB": 1}}
        ]
        """)
        #expect(result.clusterShortfalls.isEmpty)
        #expect(result.hostOverloads == [
            FailureCapacity.HostOverload(hostID: "app-3", failedHostID: "app-1",
                                         excesses: [.init(resource: .memory, load: 4, size: 3)]),
        ])
    }

    @Test func theWorstFailureIsTheOneThatAddsMost() throws {
        // hub runs small (2 GiB over hub and a) and large (9 GiB over hub, b and c): losing a adds
        // 1 GiB, losing b or c adds 1.5 GiB; hub starts at 1 + 3 = 4 GiB of its 5.
        let result = try capacity("""
        "hosts": [\(Self.host("hub", memory: 5)), \(Self.host("a", memory: 16)), \(Self.host("b", memory: 16)), \(Self.host("c", memory: 16))],
        "services": [
          {"id": "small", "environment": "prod", "kind": "worker", "runsOn": ["hub", "a"], "resources": {"memoryGiB": 2}},
          {"id": "large", "environment": "prod", "kind": "web", "runsOn": ["hub", "b", "c"], "resources": {"memoryGiB": 9}}
        ]
        """)
        #expect(result.hostOverloads == [
            FailureCapacity.HostOverload(hostID: "hub", failedHostID: "b",
                                         excesses: [.init(resource: .memory, load: 5.5, size: 5)]),
        ])
    }

    @Test func aHostSharedByTwoSpreadsIsTheWorstToLose() throws {
        // wide: 8 GiB over five hosts (1.6 each, +0.4 on a failure); narrow: 2 GiB over hub and c
        // (+1 on c's failure). Losing c adds 1.4 GiB to hub's 2.6, over its 3.5; losing a adds 0.4.
        let result = try capacity("""
        "hosts": [\(Self.host("hub", memory: 3.5)), \(Self.host("a", memory: 16)), \(Self.host("b", memory: 16)),
                  \(Self.host("c", memory: 16)), \(Self.host("d", memory: 16))],
        "services": [
          {"id": "wide", "environment": "prod", "kind": "web", "runsOn": ["hub", "a", "b", "c", "d"], "resources": {"memoryGiB": 8}},
          {"id": "narrow", "environment": "prod", "kind": "worker", "runsOn": ["c", "hub"], "resources": {"memoryGiB": 2}}
        ]
        """)
        #expect(result.hostOverloads.map(\.hostID) == ["hub"])
        #expect(result.hostOverloads.first?.failedHostID == "c")
        let load = result.hostOverloads.first?.excesses.first?.load ?? 0
        #expect(abs(load - 4) < 1e-9)
    }

    @Test func aHostOverloadedInBothResourcesIsReportedOnce() throws {
        let found = try messages("""
        "hosts": [\(Self.host("web-1", cpus: 1, memory: 4)), \(Self.host("web-2", cpus: 1, memory: 4))],
        "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1", "web-2"], "resources": {"cpus": 3, "memoryGiB": 6}}]
        """)
        #expect(found == [
            "losing host 'web-2' puts 6 GiB of memory and 3 cpus on host 'web-1', which has 4 GiB and 1 cpu",
            "losing host 'web-1' puts 6 GiB of memory and 3 cpus on host 'web-2', which has 4 GiB and 1 cpu",
        ])
    }

    @Test func fractionsAreRoundedUpForLoadsAndShortForSizes() throws {
        // 10 GiB over three hosts: 3.33 each, 5 after a failure; 1 cpu: 0.5 after a failure.
        let found = try messages("""
        "hosts": [\(Self.host("a", cpus: 0.25, memory: 4.5)), \(Self.host("b", cpus: 4, memory: 16)), \(Self.host("c", cpus: 4, memory: 16))],
        "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["a", "b", "c"], "resources": {"cpus": 1, "memoryGiB": 10}}]
        """)
        #expect(found == ["losing host 'b' puts 5 GiB of memory and 0.5 cpus on host 'a', which has 4.5 GiB and 0.25 cpus"])

        let thirds = try messages("""
        "hosts": [\(Self.host("a", memory: 3)), \(Self.host("b", memory: 16)), \(Self.host("c", memory: 16)), \(Self.host("d", memory: 16))],
        "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["a", "b", "c", "d"], "resources": {"memoryGiB": 10}}]
        """)
        #expect(thirds == ["losing host 'b' puts 3.34 GiB of memory on host 'a', which has 3 GiB"])
    }

    @Test func clusterMessagesNameTheLostMemberAndTheNumbers() throws {
        let found = try messages("""
        "hosts": [\(Self.host("n-1", cpus: 2, memory: 7.5)), \(Self.host("n-2", cpus: 2, memory: 7.5)), \(Self.host("n-3", cpus: 4, memory: 7.5))],
        "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "n-1"}, {"host": "n-2"}, {"host": "n-3"}]}],
        "services": [{"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"cpus": 4.5, "memoryGiB": 16}}]
        """)
        // Equal memory, so the member with more cpus is the largest.
        #expect(found == [
            "losing its largest member 'n-3' leaves deis cluster 'deis' 15 GiB of memory for the 16 GiB its service needs",
            "losing its largest member 'n-3' leaves deis cluster 'deis' 4 cpus for the 4.5 cpus its service needs",
        ])
    }

    @Test func servicesPooledOnAClusterAreNotCountedAgainAtItsHosts() throws {
        // apps already fails the cluster check; web, spread over two of its members, is judged on
        // its own load only (3 GiB after a failure, within 4 GiB).
        let result = try capacity("""
        "hosts": [\(Self.host("n-1", memory: 4)), \(Self.host("n-2", memory: 4)), \(Self.host("n-3", memory: 4))],
        "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "n-1"}, {"host": "n-2"}, {"host": "n-3"}]}],
        "services": [
          {"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"memoryGiB": 10}},
          {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["n-1", "n-2"], "resources": {"memoryGiB": 3}}
        ]
        """)
        #expect(result.clusterShortfalls.map(\.clusterID) == ["deis"])
        #expect(result.hostOverloads.isEmpty)
    }

    @Test func aServiceOnAClusterAndAHostIsSpreadOverAllTheirHosts() throws {
        // 9 GiB over n-1, n-2 and extra: 3 GiB each, 4.5 GiB after a failure.
        let result = try capacity("""
        "hosts": [\(Self.host("n-1", memory: 8)), \(Self.host("n-2", memory: 8)), \(Self.host("extra", memory: 4))],
        "clusters": [{"id": "pair", "environment": "prod", "kind": "deis", "members": [{"host": "n-1"}, {"host": "n-2"}]}],
        "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["pair", "extra"], "resources": {"memoryGiB": 9}}]
        """)
        #expect(result.clusterShortfalls.isEmpty)
        #expect(result.hostOverloads == [
            FailureCapacity.HostOverload(hostID: "extra", failedHostID: "n-1",
                                         excesses: [.init(resource: .memory, load: 4.5, size: 4)]),
        ])
    }

    @Test func aMemberWithoutSizeLeavesTheClusterUnjudgedForThatResource() throws {
        let result = try capacity("""
        "hosts": [
          {"id": "n-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 8}},
          {"id": "n-2", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2}},
          {"id": "n-3", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 8, "memoryGiB": 8}}
        ],
        "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "n-1"}, {"host": "n-2"}, {"host": "n-3"}]}],
        "services": [{"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"cpus": 5, "memoryGiB": 100}}]
        """)
        // Memory is unknown on n-2, so only cpus are judged, and the largest is by cpus: n-3.
        #expect(result.clusterShortfalls == [
            FailureCapacity.ClusterShortfall(clusterID: "deis", resource: .cpus, lostHostID: "n-3",
                                             remaining: 4, demand: 5, serviceIDs: ["apps"]),
        ])
    }
}

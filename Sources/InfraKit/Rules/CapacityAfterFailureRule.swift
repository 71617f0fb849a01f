import InfraModel
import InfraTopology

struct CapacityAfterFailureRule: Rule {
    static let description = RuleDescription(
        identifier: "capacity-after-failure",
        name: "Capacity after failure",
        family: .availability,
        examines: [.cluster, .host],
        cost: 0.08,
        severity: .inProduction(.error),
        summary: "a cluster or host group whose survivors cannot hold the workload after losing one host",
        rationale: """
        Redundancy only helps if the machines that survive a failure can take the load of the one \
        that died. The Deis documentation Impero relies on says it plainly: "Anything scheduled on \
        the downed node will be rescheduled to the other two nodes. If your remaining nodes don’t \
        have the resources to run the new units, this could take down the entire platform." A \
        cluster is checked by losing its largest member (by memory, then cpus) and comparing what \
        the others offer with the summed `resources` of the services scheduled on it. A service \
        spread over several hosts is assumed to load them evenly; when one fails, its share moves \
        evenly to the others, on top of what they already run. Only declared numbers count: a host \
        without `size` or a service without `resources` is unknown, never guessed, and a service on \
        a single host is a single point of failure rather than a capacity question.
        """,
        remediation: """
        Keep enough headroom that the workload fits on the survivors: add a member or a host, move \
        to larger instances, or lower the services' footprint. Size for the largest member lost, \
        not the average one. Correct `size` or `resources` if they are out of date.
        """,
        triggeringExamples: [
            """
            "hosts": [
              {"id": "deis-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 4, "memoryGiB": 8}},
              {"id": "deis-2", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 4, "memoryGiB": 8}},
              {"id": "deis-3", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 4, "memoryGiB": 8}}
            ],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis",
                          "members": ↓[{"host": "deis-1"}, {"host": "deis-2"}, {"host": "deis-3"}]}],
            "services": [
              {"id": "router", "environment": "prod", "kind": "proxy", "runsOn": ["deis"], "resources": {"cpus": 2, "memoryGiB": 2}},
              {"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"cpus": 6, "memoryGiB": 16}},
              {"id": "logger", "environment": "prod", "kind": "worker", "runsOn": ["deis"]}
            ]
            """,
            """
            "hosts": [
              {"id": "big-1", "environment": "staging", "provider": "linode-london", "size": {"cpus": 8, "memoryGiB": 16}},
              {"id": "small-1", "environment": "staging", "provider": "linode-london", "size": {"cpus": 2, "memoryGiB": 4}},
              {"id": "small-2", "environment": "staging", "provider": "linode-london", "size": {"cpus": 2, "memoryGiB": 4}}
            ],
            "clusters": [{"id": "k8s", "environment": "staging", "kind": "kubernetes",
                          "members": ↓↓[{"host": "small-1"}, {"host": "big-1"}, {"host": "small-2"}]}],
            "services": [
              {"id": "apps", "environment": "staging", "kind": "web", "runsOn": ["k8s"], "resources": {"cpus": 5, "memoryGiB": 10}}
            ]
            """,
            """
            "hosts": [
              {"id": "web-1", "environment": "prod", "provider": "aws-us-east-1", "size": ↓{"cpus": 2, "memoryGiB": 4}},
              {"id": "web-2", "environment": "prod", "provider": "linode-london", "size": ↓{"cpus": 2, "memoryGiB": 4}}
            ],
            "services": [
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1", "web-2"], "resources": {"cpus": 2, "memoryGiB": 6}}
            ]
            """,
            """
            "hosts": [
              {"id": "app-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 3}},
              {"id": "app-2", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 3}},
              {"id": "app-3", "environment": "prod", "provider": "aws-us-east-1", "size": ↓{"cpus": 2, "memoryGiB": 3}}
            ],
            "services": [
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1", "app-2", "app-3"], "resources": {"cpus": 3, "memoryGiB": 6}},
              {"id": "cache", "environment": "prod", "kind": "worker", "runsOn": ["app-3"], "resources": {"memoryGiB": 1}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "deis-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 7.5}},
              {"id": "deis-2", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 7.5}},
              {"id": "deis-3", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 7.5}}
            ],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis",
                          "members": [{"host": "deis-1"}, {"host": "deis-2"}, {"host": "deis-3"}]}],
            "services": [
              {"id": "router", "environment": "prod", "kind": "proxy", "runsOn": ["deis"], "resources": {"cpus": 1, "memoryGiB": 3}},
              {"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"cpus": 3, "memoryGiB": 12}}
            ]
            """,
            """
            "hosts": [
              {"id": "deis-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"memoryGiB": 8}},
              {"id": "deis-2", "environment": "prod", "provider": "aws-us-east-1", "size": {"memoryGiB": 8}},
              {"id": "deis-3", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "web-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "web-2", "environment": "prod", "provider": "linode-london"},
              {"id": "worker-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 1, "memoryGiB": 1}},
              {"id": "worker-2", "environment": "prod", "provider": "linode-london", "size": {"cpus": 1, "memoryGiB": 1}}
            ],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis",
                          "members": [{"host": "deis-1"}, {"host": "deis-2"}, {"host": "deis-3"}]}],
            "services": [
              {"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"], "resources": {"cpus": 8, "memoryGiB": 20}},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1", "web-2"], "resources": {"memoryGiB": 64}},
              {"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ["worker-1", "worker-2"]}
            ]
            """,
            """
            "hosts": [
              {"id": "db-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 4}},
              {"id": "web-1", "environment": "prod", "provider": "aws-us-east-1", "size": {"cpus": 2, "memoryGiB": 4}},
              {"id": "web-2", "environment": "prod", "provider": "linode-london", "size": {"cpus": 2, "memoryGiB": 4}},
              {"id": "web-3", "environment": "prod", "provider": "linode-london", "size": {"cpus": 2, "memoryGiB": 4}}
            ],
            "clusters": [{"id": "solo", "environment": "prod", "kind": "redis", "members": [{"host": "db-1"}]}],
            "services": [
              {"id": "cache", "environment": "prod", "kind": "worker", "runsOn": ["solo"], "resources": {"memoryGiB": 6}},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1", "web-2", "web-3"], "resources": {"cpus": 3, "memoryGiB": 8}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let capacity = FailureCapacity(context.index)
        let clusters = capacity.clusterShortfalls.compactMap { shortfall -> Finding? in
            guard let cluster = context.index.clusters[shortfall.clusterID] else { return nil }
            return context.finding(Self.description, message(shortfall, cluster), entityID: cluster.id,
                                   origin: cluster.origin, key: "members")
        }
        let hosts = capacity.hostOverloads.compactMap { overload -> Finding? in
            guard let host = context.index.hosts[overload.hostID] else { return nil }
            return context.finding(Self.description, message(overload), entityID: host.id, origin: host.origin, key: "size")
        }
        return clusters + hosts
    }

    private func message(_ shortfall: FailureCapacity.ClusterShortfall, _ cluster: Cluster) -> String {
        let services = shortfall.serviceIDs.count == 1 ? "its service needs" : "its \(shortfall.serviceIDs.count) services need"
        return "losing its largest member '\(shortfall.lostHostID)' leaves \(cluster.kind) cluster '\(cluster.id)' "
            + "\(amount(shortfall.remaining, shortfall.resource, roundedUp: false)) for the "
            + "\(amount(shortfall.demand, shortfall.resource, roundedUp: true, naming: false)) \(services)"
    }

    private func message(_ overload: FailureCapacity.HostOverload) -> String {
        let loads = overload.excesses.map { amount($0.load, $0.resource, roundedUp: true) }
        let sizes = overload.excesses.map { amount($0.size, $0.resource, roundedUp: false, naming: false) }
        return "losing host '\(overload.failedHostID)' puts \(loads.joined(separator: " and ")) on host "
            + "'\(overload.hostID)', which has \(sizes.joined(separator: " and "))"
    }

    private func amount(_ value: Double, _ resource: FailureCapacity.Resource, roundedUp: Bool, naming: Bool = true) -> String {
        // A load is rounded up, so one that exceeds a size never reads as fitting it.
        let cleaned = (value * 1_000_000).rounded() / 1_000_000
        let shown = (roundedUp ? (cleaned * 100).rounded(.up) : (cleaned * 100).rounded()) / 100
        switch resource {
        case .memory: return naming ? "\(shown.formatted) GiB of memory" : "\(shown.formatted) GiB"
        case .cpus: return shown == 1 ? "1 cpu" : "\(shown.formatted) cpus"
        }
    }
}

import InfraModel
import InfraTopology

struct QuorumFailureDomainRule: Rule {
    static let description = RuleDescription(
        identifier: "quorum-failure-domain",
        name: "Quorum in one failure domain",
        family: .availability,
        examines: [.cluster],
        severity: .inProduction(.error),
        summary: "a majority of a consensus cluster's voting members share one host, zone or region",
        rationale: """
        A majority cluster survives the loss of a minority of its voters, but only if those voters fail \
        independently. When one host carries two voters, or one zone or region holds a majority of \
        them, a single host crash, zone outage or regional incident takes quorum with it, however many \
        members the cluster has. Regions and providers are only compared when the voters already span \
        more than one: a cluster wholly inside one region is the usual design, and its region is then a \
        risk it accepted, whereas a cluster spread over regions with a majority in one of them has lost \
        what the spreading was for. Zones are compared where hosts name them. The broadest shared \
        domain is reported, or the host when the majority sits on one.
        """,
        remediation: """
        Place voting members so that no host, zone or region holds a majority: one voter per host, \
        spread evenly over three zones (or regions), or add a voter (an arbiter will do) in a third \
        domain so the two main ones are each a minority.
        """,
        triggeringExamples: [
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1b"}
            ],
            "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
                          "members": ↓[{"host": "node-1"}, {"host": "node-1"}, {"host": "node-2"}]}]
            """,
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
              {"id": "node-3", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1b"}
            ],
            "clusters": [{"id": "consul", "environment": "prod", "kind": "consul", "consensus": "majority",
                          "members": ↓[{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}]}]
            """,
            """
            "hosts": [
              {"id": "mongo-1", "environment": "staging", "provider": "aws-us-east-1"},
              {"id": "mongo-2", "environment": "staging", "provider": "aws-us-east-1"},
              {"id": "mongo-3", "environment": "staging", "provider": "linode-london"},
              {"id": "mongo-4", "environment": "staging", "provider": "linode-london"}
            ],
            "clusters": [{"id": "rs0", "environment": "staging", "kind": "mongodb", "consensus": "majority",
                          "members": ↓[{"host": "mongo-1"}, {"host": "mongo-2"}, {"host": "mongo-3"},
                                      {"host": "mongo-4", "role": "standby"}, {"host": "mongo-2", "role": "arbiter"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-3", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
                          "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}]}]
            """,
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1a"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1b"},
              {"id": "node-3", "environment": "prod", "provider": "aws-us-east-1", "zone": "us-east-1c"},
              {"id": "node-4", "environment": "prod", "provider": "linode-london"}
            ],
            "clusters": [
              {"id": "zk", "environment": "prod", "kind": "zookeeper", "consensus": "majority",
               "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}, {"host": "node-4", "role": "standby"}]},
              {"id": "gluster", "environment": "prod", "kind": "gluster", "members": [{"host": "node-1"}, {"host": "node-1"}]}
            ]
            """,
            """
            "providers": [
              {"id": "aws-us-east-1", "kind": "aws", "region": "us-east-1"},
              {"id": "aws-eu-west-1", "kind": "aws", "region": "eu-west-1"},
              {"id": "linode-london", "kind": "linode", "region": "london"}
            ],
            "hosts": [
              {"id": "etcd-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "etcd-2", "environment": "prod", "provider": "aws-eu-west-1"},
              {"id": "etcd-3", "environment": "prod", "provider": "linode-london"}
            ],
            "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
                          "members": [{"host": "etcd-1"}, {"host": "etcd-2"}, {"host": "etcd-3"}]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.clusters.compactMap { cluster in
            guard cluster.consensus == .majority else { return nil }
            let voters = cluster.votingMembers
            // One voting member is quorum-at-risk's finding; here it would only say the same twice.
            guard voters.count > 1 else { return nil }
            let domains = voters.map { member -> FailureDomain? in
                // Read in place: copying the whole host would retain every string it holds.
                context.index.hosts.position(of: member.host).flatMap { position in
                    context.index.domain(provider: context.inventory.hosts[position].provider,
                                         zone: context.inventory.hosts[position].zone, host: context.inventory.hosts[position].id)
                }
            }
            guard let shared = majorityDomain(domains, voters: voters.count) else { return nil }
            return context.finding(Self.description, message(cluster, shared, voters: voters.count),
                                   entityID: cluster.id, origin: cluster.origin, key: "members")
        }
    }

    /// The broadest domain holding a majority of the votes: a region (only when the votes span
    /// several), then a zone, then a host. When that majority sits on one host, the host is named,
    /// since it is the thing to fix.
    private func majorityDomain(_ domains: [FailureDomain?], voters: Int) -> SharedDomain? {
        let quorum = Cluster.quorum(of: voters)
        let known = domains.compactMap { $0 }
        let regions = Self.groups(known) { $0.regionKey }
        let candidates: [(groups: [Group], name: (FailureDomain) -> String)] = [
            (regions.count > 1 ? regions : [], regionName),
            (Self.groups(known) { domain in domain.zone.map { "\(domain.regionKey)/\($0)" } }, { "in zone '\($0.zone ?? "")'" }),
            (Self.groups(known) { $0.hostID }, { "on host '\($0.hostID ?? "")'" }),
        ]
        for candidate in candidates {
            guard let group = largest(candidate.groups)?.members, group.count >= quorum, let first = group.first else { continue }
            // The votes' hosts, where known, are all the first one's: without a set of them.
            if let host = first.hostID, group.allSatisfy({ $0.hostID == nil || $0.hostID == host }) {
                return SharedDomain(name: "on host '\(host)'", votes: group.count)
            }
            return SharedDomain(name: candidate.name(first), votes: group.count)
        }
        return nil
    }

    /// Domains with one key, in the order of the votes.
    private struct Group {
        let key: String
        var members: [FailureDomain]
    }

    /// `domains` grouped by `key`, those without one left out, groups in the order of their first
    /// domain. A cluster has a handful of voters: comparing each key with the few before it is cheaper
    /// than hashing them into dictionaries (three per cluster, most of what this rule cost).
    /// The domains grouped by key, in order of first appearance; a table finds each key's group, so
    /// a cluster of thousands of voters on as many hosts costs one lookup per voter.
    private static func groups(_ domains: [FailureDomain], by key: (FailureDomain) -> String?) -> [Group] {
        var groups: [Group] = []
        var positions: [String: Int] = [:]
        for domain in domains {
            guard let key = key(domain) else { continue }
            if let position = positions[key] {
                groups[position].members.append(domain)
            } else {
                positions[key] = groups.count
                groups.append(Group(key: key, members: [domain]))
            }
        }
        return groups
    }

    private func largest(_ groups: [Group]) -> Group? {
        // Ties broken by key so the finding does not depend on the order of the votes.
        groups.max { ($0.members.count, $1.key) < ($1.members.count, $0.key) }
    }

    private func regionName(_ domain: FailureDomain) -> String {
        if let region = domain.region { return "in region '\(region)' of \(domain.providerKind)" }
        return "with provider '\(domain.providerID)'"
    }

    private struct SharedDomain {
        let name: String
        let votes: Int
    }

    private func message(_ cluster: Cluster, _ shared: SharedDomain, voters: Int) -> String {
        "\(shared.votes) of the \(voters) voting members of cluster '\(cluster.id)' are \(shared.name): "
            + "losing it loses quorum (\(Cluster.quorum(of: voters)) needed)"
    }
}

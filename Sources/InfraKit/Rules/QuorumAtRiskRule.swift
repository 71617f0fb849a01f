import InfraModel

struct QuorumAtRiskRule: Rule {
    static let description = RuleDescription(
        identifier: "quorum-at-risk",
        name: "Quorum at risk",
        family: .availability,
        examines: [.cluster],
        severity: .inProduction(.error),
        summary: "a majority-consensus cluster that stops when any one voting member fails",
        rationale: """
        A cluster that needs a majority of its voters (etcd, Consul, ZooKeeper, a MongoDB replica \
        set) keeps working only while more than half of them are up. With one voting member, or two, \
        the majority is every member: a single reboot, disk failure or network blip stops writes or \
        the whole cluster, and losing the wrong member can lose data. Two voters are no safer than \
        one, since both are needed. Four voters survive one failure and are not flagged here. \
        Arbiters vote and count; standbys do not.
        """,
        remediation: """
        Run an odd number of voting members, at least three (five to survive two failures), on \
        separate hosts; for a MongoDB replica set with two data members, add an arbiter on a third host.
        """,
        triggeringExamples: [
            """
            "hosts": [
              {"id": "etcd-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "etcd-2", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
                          "members": ↓[{"host": "etcd-1"}, {"host": "etcd-2", "role": "voter"}]}]
            """,
            """
            "hosts": [
              {"id": "mongo-1", "environment": "staging", "provider": "linode-london"},
              {"id": "mongo-2", "environment": "staging", "provider": "linode-london"}
            ],
            "clusters": [
              {"id": "rs0", "environment": "staging", "kind": "mongodb", "consensus": "majority",
               "members": ↓[{"host": "mongo-1"}, {"host": "mongo-2", "role": "standby"}]},
              {"id": "zk", "environment": "staging", "kind": "zookeeper", "consensus": "majority",
               "members": ↓[{"host": "mongo-1"}]}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-3", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-4", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "clusters": [
              {"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
               "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}], "tolerates": 1},
              {"id": "consul", "environment": "prod", "kind": "consul", "consensus": "majority",
               "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}, {"host": "node-4"}]}
            ]
            """,
            """
            "hosts": [
              {"id": "mongo-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "mongo-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "arbiter-1", "environment": "prod", "provider": "linode-london"},
              {"id": "gluster-1", "environment": "prod", "provider": "linode-london"}
            ],
            "clusters": [
              {"id": "rs0", "environment": "prod", "kind": "mongodb", "consensus": "majority",
               "members": [{"host": "mongo-1"}, {"host": "mongo-2"}, {"host": "arbiter-1", "role": "arbiter"}]},
              {"id": "gluster", "environment": "prod", "kind": "gluster", "members": [{"host": "gluster-1"}]},
              {"id": "cache", "environment": "prod", "kind": "redis", "consensus": "none", "members": [{"host": "mongo-1"}]}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.clusters.compactMap { cluster in
            guard cluster.consensus == .majority else { return nil }
            let votes = cluster.votingMembers.count
            // A cluster with no voting member has no election to lose: nothing here describes one.
            guard votes > 0, Cluster.tolerance(of: votes) < 1 else { return nil }
            return context.finding(Self.description, message(cluster, votes: votes), entityID: cluster.id,
                                   origin: cluster.origin, key: "members")
        }
    }

    private func message(_ cluster: Cluster, votes: Int) -> String {
        let members = votes == 1 ? "1 voting member" : "\(votes) voting members"
        return "\(cluster.kind) cluster '\(cluster.id)' has \(members), quorum \(Cluster.quorum(of: votes)), "
            + "tolerance \(Cluster.tolerance(of: votes)): losing \(votes == 1 ? "it" : "any one of them") stops the cluster"
    }
}

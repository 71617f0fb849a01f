import InfraModel

struct QuorumToleranceOverstatedRule: Rule {
    static let description = RuleDescription(
        identifier: "quorum-tolerance-overstated",
        name: "Quorum tolerance overstated",
        family: .availability,
        examines: [.cluster],
        severity: .inProduction(.warning),
        summary: "a majority-consensus cluster declared to survive more failures than its voters allow",
        rationale: """
        A majority cluster of n voting members survives the loss of floor((n-1)/2) of them and no more: \
        three survive one, four still only one, five survive two. A larger `tolerates` is a promise the \
        cluster cannot keep; maintenance plans, failure drills and capacity decisions built on it take \
        down one member too many and lose quorum.
        """,
        remediation: """
        Correct `tolerates` to floor((n-1)/2) for the n voting members (voters and arbiters), or add \
        voting members on separate hosts until the cluster really survives the declared failures.
        """,
        triggeringExamples: [
            """
            "hosts": [
              {"id": "etcd-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "etcd-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "etcd-3", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "etcd-4", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "clusters": [{"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
                          "members": [{"host": "etcd-1"}, {"host": "etcd-2"}, {"host": "etcd-3"}, {"host": "etcd-4"}],
                          "tolerates": ↓2}]
            """,
            """
            "hosts": [
              {"id": "zk-1", "environment": "staging", "provider": "linode-london"},
              {"id": "zk-2", "environment": "staging", "provider": "linode-london"},
              {"id": "zk-3", "environment": "staging", "provider": "linode-london"}
            ],
            "clusters": [{"id": "zk", "environment": "staging", "kind": "zookeeper", "consensus": "majority",
                          "members": [{"host": "zk-1"}, {"host": "zk-2"}, {"host": "zk-3", "role": "standby"}],
                          "tolerates": ↓1}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "node-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "node-3", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "clusters": [
              {"id": "etcd", "environment": "prod", "kind": "etcd", "consensus": "majority",
               "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3"}], "tolerates": 1},
              {"id": "rs0", "environment": "prod", "kind": "mongodb", "consensus": "majority",
               "members": [{"host": "node-1"}, {"host": "node-2"}, {"host": "node-3", "role": "arbiter"}], "tolerates": 0}
            ]
            """,
            """
            "hosts": [
              {"id": "gluster-1", "environment": "prod", "provider": "linode-london"},
              {"id": "gluster-2", "environment": "prod", "provider": "linode-london"}
            ],
            "clusters": [
              {"id": "gluster", "environment": "prod", "kind": "gluster", "consensus": "none",
               "members": [{"host": "gluster-1"}, {"host": "gluster-2"}], "tolerates": 1},
              {"id": "ceph", "environment": "prod", "kind": "ceph",
               "members": [{"host": "gluster-1"}, {"host": "gluster-2"}], "tolerates": 1}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.clusters.compactMap { cluster in
            // Without majority consensus `tolerates` counts replicas, not votes: quorum arithmetic says nothing.
            guard cluster.consensus == .majority, let declared = cluster.tolerates else { return nil }
            let votes = cluster.votingMembers.count
            let actual = Cluster.tolerance(of: votes)
            guard declared > actual else { return nil }
            return context.finding(Self.description, message(cluster, declared: declared, votes: votes, actual: actual),
                                   entityID: cluster.id, origin: cluster.origin, key: "tolerates")
        }
    }

    private func message(_ cluster: Cluster, declared: Int, votes: Int, actual: Int) -> String {
        "cluster '\(cluster.id)' is declared to tolerate \(declared) failed \(declared == 1 ? "member" : "members"), but with \(votes) voting "
            + "members (quorum \(Cluster.quorum(of: votes))) it tolerates \(actual)"
    }
}

import InfraModel

/// How much failure a cluster can take: its voters, the quorum they need, how many may fail, and
/// whether a single failure domain holds enough of them to take quorum down on its own.
public struct QuorumMargin: Sendable, Equatable {
    public let clusterID: String
    public let environment: String
    public let kind: String
    public let consensus: Cluster.Consensus?
    public let members: Int
    /// Voting members (voters and arbiters; standbys do not vote).
    public let voters: Int
    /// Votes needed; nil unless the cluster elects by majority.
    public let quorum: Int?
    /// Voting members that may fail with quorum kept; nil unless majority.
    public let tolerated: Int?
    /// What the inventory declares it tolerates.
    public let declared: Int?
    /// The narrowest failure domain holding a quorum of the votes ("host 'node-1'", "zone
    /// 'us-east-1a'", "region 'london' of linode", "provider 'aws'"); nil when none does or the
    /// cluster does not elect by majority.
    public let majorityDomain: String?
    /// Votes in `majorityDomain`.
    public let majorityVotes: Int

    /// One per cluster, sorted by id.
    package static func all(_ index: InventoryIndex) -> [QuorumMargin] {
        index.inventory.clusters.sorted { $0.id < $1.id }.map { cluster in
            let voters = cluster.votingMembers
            let majority = cluster.consensus == .majority && !voters.isEmpty
            let domain = majority ? majorityDomain(voters, index: index) : nil
            return QuorumMargin(
                clusterID: cluster.id, environment: cluster.environment, kind: cluster.kind, consensus: cluster.consensus,
                members: cluster.members.count, voters: voters.count,
                quorum: majority ? Cluster.quorum(of: voters.count) : nil,
                tolerated: majority ? Cluster.tolerance(of: voters.count) : nil,
                declared: cluster.tolerates, majorityDomain: domain?.name, majorityVotes: domain?.votes ?? 0)
        }
    }

    /// The narrowest domain — host, then zone, then region — holding a quorum of the votes. A host
    /// holding a majority is the thing to fix; a region holding all of them is a risk many
    /// single-region clusters accept (`quorum-failure-domain` does not report it), but it is still
    /// one domain whose loss takes quorum, and the report says so.
    private static func majorityDomain(_ voters: [Cluster.Member], index: InventoryIndex) -> (name: String, votes: Int)? {
        let quorum = Cluster.quorum(of: voters.count)
        let domains = voters.compactMap { member in
            index.hosts[member.host].flatMap { index.domain(provider: $0.provider, zone: $0.zone, host: $0.id) }
        }
        let levels: [(key: (FailureDomain) -> String?, name: (FailureDomain) -> String)] = [
            ({ $0.hostID }, { "host '\($0.hostID ?? "")'" }),
            ({ domain in domain.zone.map { "\(domain.regionKey)/\($0)" } }, { "zone '\($0.zone ?? "")'" }),
            ({ $0.regionKey }, { domain in
                domain.region.map { "region '\($0)' of \(domain.providerKind)" } ?? "provider '\(domain.providerID)'"
            }),
        ]
        for level in levels {
            let groups = Dictionary(grouping: domains.filter { level.key($0) != nil }) { level.key($0) ?? "" }
            // Ties broken by key, so the answer does not depend on dictionary order.
            guard let largest = groups.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
                  largest.value.count >= quorum, let first = largest.value.first else { continue }
            return (level.name(first), largest.value.count)
        }
        return nil
    }
}

/// What a change does to the system's failure behaviour: single failures that now hurt more (or
/// less) production services, and consensus clusters whose margin changed.
public struct TopologyDelta: Sendable {
    /// A single failure whose effect on production services changed.
    public struct FailureChange: Sendable, Equatable {
        /// "host 'web-1'", "provider 'aws-us-east-1'".
        public let failure: String
        /// Production services it took down, left read-only or impaired before and after.
        public let before: [String]
        public let after: [String]

        public var isWorse: Bool { !Set(after).isSubset(of: Set(before)) }
    }

    /// A majority-consensus cluster whose voters or tolerated failures changed.
    public struct QuorumChange: Sendable, Equatable {
        public let cluster: String
        public let before: (voters: Int, tolerance: Int)?
        public let after: (voters: Int, tolerance: Int)?

        public static func == (lhs: QuorumChange, rhs: QuorumChange) -> Bool {
            lhs.cluster == rhs.cluster && lhs.before?.voters == rhs.before?.voters && lhs.before?.tolerance == rhs.before?.tolerance
                && lhs.after?.voters == rhs.after?.voters && lhs.after?.tolerance == rhs.after?.tolerance
        }
    }

    public let failures: [FailureChange]
    public let quorum: [QuorumChange]

    public var isEmpty: Bool { failures.isEmpty && quorum.isEmpty }

    /// Compares every single host and provider failure, and every majority cluster, of two versions.
    public init(old: Inventory, new: Inventory) {
        func hurt(_ inventory: Inventory) -> [String: [String]] {
            let simulator = FailureSimulator(inventory)
            var result: [String: [String]] = [:]
            for domain in ["host", "provider"] {
                for row in NMinusOne(simulator: simulator, domain: domain).rows {
                    result[row.failure] = (row.down + row.readOnly + row.impaired).sorted()
                }
            }
            return result
        }
        let before = hurt(old)
        let after = hurt(new)
        failures = Set(before.keys).union(after.keys).sorted().compactMap { failure in
            let was = before[failure] ?? []
            let now = after[failure] ?? []
            return was == now ? nil : FailureChange(failure: failure, before: was, after: now)
        }
        func margins(_ inventory: Inventory) -> [String: (voters: Int, tolerance: Int)] {
            var result: [String: (voters: Int, tolerance: Int)] = [:]
            for cluster in inventory.clusters where cluster.consensus == .majority {
                let voters = cluster.votingMembers.count
                result[cluster.id] = (voters, Cluster.tolerance(of: voters))
            }
            return result
        }
        let marginsBefore = margins(old)
        let marginsAfter = margins(new)
        quorum = Set(marginsBefore.keys).union(marginsAfter.keys).sorted().compactMap { id in
            let was = marginsBefore[id]
            let now = marginsAfter[id]
            guard was?.voters != now?.voters || was?.tolerance != now?.tolerance else { return nil }
            return QuorumChange(cluster: id, before: was, after: now)
        }
    }
}

extension Cluster {
    /// The members that vote in a majority election. An arbiter holds no data but votes (it is the
    /// tie-breaker of a MongoDB replica set or a Galera cluster), so it counts; a standby does not.
    public var votingMembers: [Member] {
        members.filter { $0.role != .standby }
    }

    /// Votes needed for a majority among `votes` voting members.
    public static func quorum(of votes: Int) -> Int {
        votes / 2 + 1
    }

    /// Voting members that can fail while the others still make a majority.
    public static func tolerance(of votes: Int) -> Int {
        max(0, (votes - 1) / 2)
    }
}

/// What one node's inputs look like during a simulation, kept up to date as they fail: how many are
/// down, and the first (by position in the node's inputs) in each state a rule of evaluation asks for.
///
/// The simulator updates a tally when one input's health changes, so evaluating a node costs the
/// same whatever its number of inputs: a cluster of 100,000 members, re-evaluated each time one
/// of them fails, is not walked each time.
///
/// Health only gets worse, so "the first input that is down" only moves to a smaller position.
/// The two ranges an input can leave again (impaired but not down, degraded but not impaired) keep
/// their candidates in a heap and drop the ones that moved on when asked.
struct InputTally {
    /// Members, instances or DNS targets down.
    private(set) var down = 0
    private(set) var downVoters = 0
    private(set) var backendsDown = 0
    private(set) var firstDown: Int?
    private(set) var firstBackendDown: Int?
    private(set) var firstProviderDown: Int?
    /// The first dependency at impaired or worse.
    private(set) var firstDependencyHurt: Int?
    /// The first instance at impaired or worse.
    private(set) var firstInstanceHurt: Int?
    /// The first DNS target down that no monitored pool routes around.
    private(set) var firstUnguardedDown: Int?
    private var impairedInstances = PositionHeap()
    private var degradedInstances = PositionHeap()

    /// Records that the input at `position`, reached through `edge`, went from `old` to `new`.
    mutating func update(_ position: Int, _ edge: TopologyGraph.Edge, from old: Health, to new: Health) {
        let wentDown = new == .down && old < .down
        let wentHurt = new >= .impaired && old < .impaired
        switch edge {
        case .member(let votes):
            guard wentDown else { return }
            down += 1
            if votes { downVoters += 1 }
            Self.lower(&firstDown, to: position)
        case .instance:
            if wentDown {
                down += 1
                Self.lower(&firstDown, to: position)
            }
            if wentHurt { Self.lower(&firstInstanceHurt, to: position) }
            if wentHurt, new < .down { impairedInstances.push(position) }
            if old == .up, new < .impaired { degradedInstances.push(position) }
        case .provider:
            if wentDown { Self.lower(&firstProviderDown, to: position) }
        case .dependency:
            if wentHurt { Self.lower(&firstDependencyHurt, to: position) }
        case .backend:
            guard wentDown else { return }
            backendsDown += 1
            Self.lower(&firstBackendDown, to: position)
        case .dnsTarget(let pooled, let monitored):
            guard wentDown else { return }
            down += 1
            Self.lower(&firstDown, to: position)
            if !(pooled && monitored) { Self.lower(&firstUnguardedDown, to: position) }
        }
    }

    /// The position of the first instance now impaired or read-only (not down); `health` gives the
    /// state of the input at a position.
    mutating func firstImpairedInstance(_ health: (Int) -> Health) -> Int? {
        impairedInstances.first { health($0) >= .impaired && health($0) < .down }
    }

    /// The position of the first instance now degraded.
    mutating func firstDegradedInstance(_ health: (Int) -> Health) -> Int? {
        degradedInstances.first { health($0) == .degraded }
    }

    private static func lower(_ current: inout Int?, to position: Int) {
        if current.map({ position < $0 }) ?? true { current = position }
    }
}

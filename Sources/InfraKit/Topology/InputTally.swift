/// What one node's inputs look like during a simulation, kept up to date as they fail: how many are
/// down, and the first (by position in the node's inputs) in each state a rule of evaluation asks for.
///
/// The simulator updates a tally when one input's health changes, so evaluating a node costs the
/// same whatever its number of inputs: a cluster of 100,000 members, re-evaluated each time one
/// of them fails, is not walked each time.
///
/// Health only gets worse, so "the first input that is down" only moves to a smaller position.
/// The two ranges an input can leave again (impaired but not down, degraded but not impaired) keep
/// their candidates in a heap and drop the ones that moved on when asked. The heaps live in a
/// `Heaps` shared by every tally of a simulation, which few nodes need: the tally itself is plain
/// numbers, copied without counting references, and 40 bytes.
struct InputTally {
    // Counts and positions in 32 bits, a position not yet seen as `unset`: a simulation keeps one
    // tally a node, and on 400,000 nodes what a tally costs in bytes is what stays in cache.
    private var downCount: UInt32 = 0
    private var downVotersCount: UInt32 = 0
    private var backendsDownCount: UInt32 = 0
    private var firstDownAt = unset
    private var firstBackendDownAt = unset
    private var firstProviderDownAt = unset
    private var firstDependencyHurtAt = unset
    private var firstInstanceHurtAt = unset
    private var firstUnguardedDownAt = unset
    /// This node's pair of heaps in the simulation's `Heaps`, `unset` until an instance needs one.
    private var heapsAt = unset

    private static let unset = UInt32.max

    /// Members, instances or DNS targets down.
    var down: Int { Int(downCount) }
    var downVoters: Int { Int(downVotersCount) }
    var backendsDown: Int { Int(backendsDownCount) }
    var firstDown: Int? { Self.position(firstDownAt) }
    var firstBackendDown: Int? { Self.position(firstBackendDownAt) }
    var firstProviderDown: Int? { Self.position(firstProviderDownAt) }
    /// The first dependency at impaired or worse.
    var firstDependencyHurt: Int? { Self.position(firstDependencyHurtAt) }
    /// The first instance at impaired or worse.
    var firstInstanceHurt: Int? { Self.position(firstInstanceHurtAt) }
    /// The first DNS target down that no monitored pool routes around.
    var firstUnguardedDown: Int? { Self.position(firstUnguardedDownAt) }

    private static func position(_ stored: UInt32) -> Int? { stored == unset ? nil : Int(stored) }

    /// Records that the input at `position`, reached through `edge`, went from `old` to `new`.
    mutating func update(_ position: Int, _ edge: TopologyGraph.Edge, from old: Health, to new: Health, heaps: inout Heaps) {
        let wentDown = new == .down && old < .down
        let wentHurt = new >= .impaired && old < .impaired
        switch edge {
        case .member(let votes):
            guard wentDown else { return }
            downCount += 1
            if votes { downVotersCount += 1 }
            Self.lower(&firstDownAt, to: position)
        case .instance:
            if wentDown {
                downCount += 1
                Self.lower(&firstDownAt, to: position)
            }
            if wentHurt { Self.lower(&firstInstanceHurtAt, to: position) }
            if wentHurt, new < .down {
                let pair = heaps.pair(&heapsAt)
                heaps.impaired[pair].push(position)
            }
            if old == .up, new < .impaired {
                let pair = heaps.pair(&heapsAt)
                heaps.degraded[pair].push(position)
            }
        case .provider:
            if wentDown { Self.lower(&firstProviderDownAt, to: position) }
        case .dependency:
            if wentHurt { Self.lower(&firstDependencyHurtAt, to: position) }
        case .backend:
            guard wentDown else { return }
            backendsDownCount += 1
            Self.lower(&firstBackendDownAt, to: position)
        case .dnsTarget(let pooled, let monitored):
            guard wentDown else { return }
            downCount += 1
            Self.lower(&firstDownAt, to: position)
            if !(pooled && monitored) { Self.lower(&firstUnguardedDownAt, to: position) }
        }
    }

    /// The position of the first instance now impaired or read-only (not down); `health` gives the
    /// state of the input at a position.
    func firstImpairedInstance(_ heaps: inout Heaps, _ health: (Int) -> Health) -> Int? {
        guard heapsAt != Self.unset else { return nil }
        return heaps.impaired[Int(heapsAt)].first { health($0) >= .impaired && health($0) < .down }
    }

    /// The position of the first instance now degraded.
    func firstDegradedInstance(_ heaps: inout Heaps, _ health: (Int) -> Health) -> Int? {
        guard heapsAt != Self.unset else { return nil }
        return heaps.degraded[Int(heapsAt)].first { health($0) == .degraded }
    }

    /// The heaps of every tally of one simulation, a pair for each node that needed one. `reset`
    /// forgets them and keeps their storage for the next simulation.
    struct Heaps {
        fileprivate var impaired: [PositionHeap] = []
        fileprivate var degraded: [PositionHeap] = []
        private var used = 0

        mutating func reset() { used = 0 }

        /// The pair at `slot`, given one (emptied from an earlier simulation) when it is `unset`.
        fileprivate mutating func pair(_ slot: inout UInt32) -> Int {
            if slot == InputTally.unset {
                if used == impaired.count {
                    impaired.append(PositionHeap())
                    degraded.append(PositionHeap())
                } else {
                    impaired[used].removeAll()
                    degraded[used].removeAll()
                }
                slot = UInt32(used)
                used += 1
            }
            return Int(slot)
        }
    }

    private static func lower(_ current: inout UInt32, to position: Int) {
        current = min(current, UInt32(truncatingIfNeeded: position))
    }
}

/// The per-node state of one simulation, in an array as long as the graph that is kept from one
/// simulation to the next: a node's slot counts only when it was touched in the current one (its
/// stamp is the current epoch), so starting a simulation costs nothing and each one costs what it
/// reaches, without a dictionary lookup per step. The N-1 tables run thousands of simulations
/// with one scratch.
///
/// A node's stamp, state, cause and tally are one record of one cache line (`Slots`): a step that
/// reaches a node touches one line of memory, not one in each of four arrays. On a dense inventory
/// of 100,000 hosts a zone failure reaches 220,000 nodes in no useful order, and those cache misses
/// were what made a step cost more at 100,000 hosts than at 10,000.
struct SimulationScratch {
    fileprivate struct Slot {
        var stamp: UInt32 = 0
        var health: Health = .up
        /// Whether the node was given an entry (is in `written`).
        var isWritten = false
        /// The node that caused its state, -1 for none.
        var source: Int32 = -1
        var tally = InputTally()
        /// To the size of a cache line (`Slots.lineSize`).
        private var padding: (UInt32, UInt32, UInt32) = (0, 0, 0)

        init(stamp: UInt32 = 0) { self.stamp = stamp }
    }

    private var slots: Slots
    /// Reasons of the entries written, when the simulator explains (counting writes none).
    private var reasons: [Int: String] = [:]
    private var epoch: UInt32 = 0
    /// The nodes given an entry in the current simulation, in the order first written.
    private(set) var written: [Int] = []
    /// The tallies' heaps: taken by the simulator for the length of a simulation (`takeHeaps`).
    private var heaps = InputTally.Heaps()

    init(nodes: Int) {
        slots = Slots(count: nodes)
    }

    /// Forgets the previous simulation.
    mutating func begin() {
        written.removeAll(keepingCapacity: true)
        if !reasons.isEmpty { reasons.removeAll(keepingCapacity: true) }
        heaps.reset()
        epoch &+= 1
        if epoch == 0 {
            // After 4 billion simulations the stamps wrap: clear them once.
            for index in 0..<slots.count { slots[index].stamp = 0 }
            epoch = 1
        }
    }

    /// The slot of `node`, fresh if the current simulation has not touched it yet.
    private mutating func touch(_ node: Int) {
        if slots[node].stamp != epoch { slots[node] = Slot(stamp: epoch) }
    }

    func health(_ node: Int) -> Health {
        slots[node].stamp == epoch ? slots[node].health : .up
    }

    mutating func set(_ node: Int, _ entry: FailureSimulator.Entry) {
        touch(node)
        if !slots[node].isWritten {
            slots[node].isWritten = true
            written.append(node)
        }
        slots[node].health = entry.health
        slots[node].source = entry.cause.source.map { Int32(truncatingIfNeeded: $0) } ?? -1
        if !entry.cause.reason.isEmpty || !reasons.isEmpty {
            reasons[node] = entry.cause.reason.isEmpty ? nil : entry.cause.reason
        }
    }

    /// A copy of the node's tally (a fresh one if the simulation has not touched it): put it back
    /// with `putTally`.
    mutating func tally(_ node: Int) -> InputTally {
        touch(node)
        return slots[node].tally
    }

    mutating func putTally(_ node: Int, _ tally: InputTally) {
        slots[node].tally = tally
    }

    /// Records in the node's tally that its input at `position` went from `old` to `new`.
    mutating func updateTally(_ node: Int, _ position: Int, _ edge: TopologyGraph.Edge, from old: Health, to new: Health,
                              heaps: inout InputTally.Heaps) {
        touch(node)
        slots[node].tally.update(position, edge, from: old, to: new, heaps: &heaps)
    }

    /// The tallies' heaps, out of the scratch while a simulation reads node states beside them:
    /// give them back with `putHeaps`.
    mutating func takeHeaps() -> InputTally.Heaps {
        var taken = InputTally.Heaps()
        swap(&taken, &heaps)
        return taken
    }

    mutating func putHeaps(_ heaps: InputTally.Heaps) {
        self.heaps = heaps
    }

    /// Every written node's entry.
    func states() -> [Int: FailureSimulator.Entry] {
        var result: [Int: FailureSimulator.Entry] = [:]
        result.reserveCapacity(written.count)
        for node in written {
            let slot = slots[node]
            let cause = HealthCause(source: slot.source < 0 ? nil : Int(slot.source), reason: reasons.isEmpty ? "" : reasons[node] ?? "")
            result[node] = FailureSimulator.Entry(health: slot.health, cause: cause)
        }
        return result
    }
}

/// One `SimulationScratch.Slot` a node, each on a cache line of its own: an array's storage starts
/// 32 bytes into a 16-byte aligned block, which would put most 64-byte records across two lines.
/// Shared by copies of the scratch that never run at once (a scratch is `inout` to one simulation).
private final class Slots {
    static let lineSize = 64
    let count: Int
    // An allocation aligned to the line, which an array cannot give; `Slot` is plain numbers, so
    // the memory needs no deinitializing, only freeing.
    private let base: UnsafeMutablePointer<SimulationScratch.Slot>

    init(count: Int) {
        precondition(MemoryLayout<SimulationScratch.Slot>.stride == Self.lineSize, "a slot fills one cache line")
        self.count = count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * Self.lineSize, alignment: Self.lineSize)
            .bindMemory(to: SimulationScratch.Slot.self, capacity: max(count, 1))
        base.initialize(repeating: SimulationScratch.Slot(), count: count)
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    /// The slot in place: reading or changing one field of it copies nothing else.
    subscript(node: Int) -> SimulationScratch.Slot {
        unsafeAddress {
            precondition(node >= 0 && node < count, "a node of the graph")
            return UnsafePointer(base + node)
        }
        unsafeMutableAddress {
            precondition(node >= 0 && node < count, "a node of the graph")
            return base + node
        }
    }
}

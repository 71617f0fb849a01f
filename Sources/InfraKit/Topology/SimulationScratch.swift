/// The per-node state of one simulation, in arrays as long as the graph that are kept from one
/// simulation to the next: a node's slot counts only when it was written in the current one
/// (its stamp is the current epoch), so starting a simulation costs nothing and each one costs what
/// it reaches, without a dictionary lookup per step. The N-1 tables run thousands of simulations
/// with one scratch.
struct SimulationScratch {
    private var entryStamp: [UInt32]
    private var tallyStamp: [UInt32]
    private var entries: [FailureSimulator.Entry]
    private var tallies: [InputTally]
    private var epoch: UInt32 = 0
    /// The nodes given an entry in the current simulation, in the order first written.
    private(set) var written: [Int] = []

    init(nodes: Int) {
        entryStamp = [UInt32](repeating: 0, count: nodes)
        tallyStamp = entryStamp
        entries = [FailureSimulator.Entry](repeating: FailureSimulator.Entry(health: .up, cause: HealthCause(source: nil, reason: "")), count: nodes)
        tallies = [InputTally](repeating: InputTally(), count: nodes)
    }

    /// Forgets the previous simulation.
    mutating func begin() {
        written.removeAll(keepingCapacity: true)
        epoch &+= 1
        if epoch == 0 {
            // After 4 billion simulations the stamps wrap: clear them once.
            for index in entryStamp.indices { entryStamp[index] = 0; tallyStamp[index] = 0 }
            epoch = 1
        }
    }

    func health(_ node: Int) -> Health {
        entryStamp[node] == epoch ? entries[node].health : .up
    }

    mutating func set(_ node: Int, _ entry: FailureSimulator.Entry) {
        if entryStamp[node] != epoch {
            entryStamp[node] = epoch
            written.append(node)
        }
        entries[node] = entry
    }

    /// The node's tally, taken out of the scratch (a fresh one if the simulation has not touched it):
    /// put it back with `putTally`.
    mutating func takeTally(_ node: Int) -> InputTally {
        guard tallyStamp[node] == epoch else {
            tallyStamp[node] = epoch
            return InputTally()
        }
        var tally = InputTally()
        swap(&tally, &tallies[node])
        return tally
    }

    mutating func putTally(_ node: Int, _ tally: InputTally) {
        tallies[node] = tally
    }

    /// Every written node's entry.
    func states() -> [Int: FailureSimulator.Entry] {
        var result: [Int: FailureSimulator.Entry] = [:]
        result.reserveCapacity(written.count)
        for node in written { result[node] = entries[node] }
        return result
    }
}

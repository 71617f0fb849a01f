import InfraTopology

/// A simulated failure laid over the architecture diagram (`simulate --format html`): the state of
/// every affected entity, the entities failed by name, and what each datastore's data comes to.
/// Boxes are coloured by state instead of by finding; an aggregated overview colours each group
/// by the worst state among its members and counts them.
public struct DiagramOverlay: Sendable {
    /// Entity id → its state, for every entity that is not up.
    public let states: [String: Health]
    /// The entities failed by name (or with a zone or region asked for).
    public let failed: Set<String>
    /// Datastore id → what happens to its data ("data lost", "restore: up to 24h lost").
    public let data: [String: String]

    public init(states: [String: Health], failed: Set<String>, data: [String: String]) {
        (self.states, self.failed, self.data) = (states, failed, data)
    }

    /// The CSS class of a state: `down`, `read-only`, `impaired`, `degraded`.
    static func cssClass(_ health: Health) -> String {
        "state-" + health.label
    }

    /// A box's second line under the overlay: its state, whether it failed itself, its data.
    func subtitle(_ id: String) -> String? {
        guard let health = states[id] else { return data[id] }
        var parts = [failed.contains(id) ? "failed" : health.label]
        if let data = data[id] { parts.append(data) }
        return parts.joined(separator: " · ")
    }

    /// The colours of the states, strongest for down; `HTMLRenderer`'s page allows it by hash.
    static let style = """
    .state-down .shape{fill:#fde2e1;stroke:#b71c1c;stroke-width:2.5}.state-read-only .shape{fill:#ede7f6;stroke:#5e35b1;stroke-width:2}
    .state-impaired .shape{fill:#fff0e0;stroke:#e65100;stroke-width:2}.state-degraded .shape{fill:#fff8d6;stroke:#a67c00;stroke-width:2}
    .data-lost .shape{stroke-dasharray:5 3}
    """
}

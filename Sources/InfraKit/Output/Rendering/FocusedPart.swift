/// The placements a focus draws in full and the entities its tables list.
public struct FocusedPart: Sendable {
    public let focus: DocsFocus
    /// Keys of the placements drawn.
    public let placementKeys: Set<String>
    /// The services, datastores, hosts and clusters those placements draw.
    public let drawnIDs: Set<String>
    /// For an entity's neighbourhood, what the focus is about: only their edges, and those between
    /// two drawn entities, are drawn (a busy neighbour's other edges are not). Nil for an
    /// environment, a region or a provider: every edge that touches the part is drawn.
    public let anchors: Set<String>?
    /// The entities listed in the tables: those drawn, and the backups, monitors, pipelines, jobs,
    /// secrets and DNS zones that refer to them.
    public let entityIDs: Set<String>

    init(_ focus: DocsFocus, _ model: ArchitectureModel, placements: [ArchitectureModel.Placement], anchors: Set<String>?) {
        self.focus = focus
        self.anchors = anchors
        placementKeys = Set(placements.map(\.key))
        drawnIDs = Set(placements.flatMap { $0.items + [$0.entityID].compactMap { $0 } })
        let index = model.index
        let inventory = index.inventory
        var drawn = Set<String>()
        for placement in placements {
            drawn.formUnion(placement.items)
            switch placement.kind {
            case .host(let id): drawn.insert(id)
            case .cluster(let id): drawn.insert(id); drawn.formUnion(index.clusters[id]?.members.map(\.host) ?? [])
            case .hostGroup(let targets): drawn.formUnion(targets.flatMap { index.hostIDs(of: $0) })
            case .provider, .unplaced: break
            }
        }
        var listed = drawn
        func refer(_ id: String, _ targets: [String]) { if targets.contains(where: drawn.contains) { listed.insert(id) } }
        for backup in inventory.backups { refer(backup.id, backup.of) }
        for monitor in inventory.monitors { refer(monitor.id, monitor.watches) }
        for pipeline in inventory.pipelines { refer(pipeline.id, pipeline.deploys) }
        for secret in inventory.secrets { refer(secret.id, secret.usedBy) }
        for job in inventory.jobs {
            if case .environment(let name) = focus, job.environment == name { listed.insert(job.id) } else { refer(job.id, job.runsOn) }
        }
        for zone in inventory.dns { refer(zone.id, zone.records.flatMap(\.targets) + zone.pools.flatMap(\.members)) }
        entityIDs = listed
    }

    /// Whether the focused diagram draws `edge` (an end outside the part is a stub).
    public func draws(_ edge: ArchitectureModel.Edge) -> Bool {
        guard let anchors else { return drawnIDs.contains(edge.from) || drawnIDs.contains(edge.to) }
        return anchors.contains(edge.from) || anchors.contains(edge.to) || (drawnIDs.contains(edge.from) && drawnIDs.contains(edge.to))
    }
}

import InfraModel

/// Every entity of an inventory by id, all kinds in one table: asking what an id names costs one
/// lookup however many kinds are asked about. Rules ask it for hundreds of thousands of ids, and a
/// table per kind cost a lookup per kind tried (up to twelve for a backup's environments).
///
/// Ids are unique across a well-formed file; a repeated id is a `duplicate-id` finding, but the
/// lookups still answer as a table per kind would: the first entity of each kind with that id.
public struct EntityDirectory: Sendable {
    /// The first entity declaring an id, and whether entities of other kinds declare it too.
    private struct Handle {
        let kind: EntityKind
        var isShared: Bool
        let position: Int32
    }

    private var handles: [String: Handle] = [:]
    /// For ids several kinds declare: the first position in the list of each kind after the first.
    private var shared: [EntityKind: [String: Int]] = [:]
    /// The kinds that declare an id more than once.
    private var repeating: Set<EntityKind> = []

    init(_ inventory: Inventory) {
        handles.reserveCapacity(inventory.environments.count + inventory.providers.count + inventory.hosts.count
            + inventory.clusters.count + inventory.services.count + inventory.datastores.count + inventory.backups.count
            + inventory.monitors.count + inventory.pipelines.count + inventory.jobs.count + inventory.secrets.count
            + inventory.dns.count)
        // Backwards, kinds and entities, so that the first entity declaring an id is written last
        // and wins, as in a table per kind.
        add(inventory.dns)
        add(inventory.secrets)
        add(inventory.jobs)
        add(inventory.pipelines)
        add(inventory.monitors)
        add(inventory.backups)
        add(inventory.datastores)
        add(inventory.services)
        add(inventory.clusters)
        add(inventory.hosts)
        add(inventory.providers)
        add(inventory.environments)
    }

    private mutating func add<T: Entity>(_ entities: [T]) {
        for position in entities.indices.reversed() {
            let id = entities[position].id
            // One lookup per entity; a second only for an id another kind declares too.
            guard let later = handles.updateValue(Handle(kind: T.kind, isShared: false, position: Int32(position)), forKey: id)
            else { continue }
            if later.kind == T.kind { repeating.insert(T.kind) }
            guard later.kind != T.kind || later.isShared else { continue }
            // `later` is the first of its kind with this id: entities of that kind were all written before.
            if later.kind != T.kind { shared[later.kind, default: [:]][id] = Int(later.position) }
            handles[id]?.isShared = true
        }
    }

    /// What `id` names: its entity's position in each kind's list.
    public func named(_ id: String) -> NamedEntity {
        guard let handle = handles[id] else { return NamedEntity(first: nil, others: nil) }
        let first = (kind: handle.kind, position: Int(handle.position))
        guard handle.isShared else { return NamedEntity(first: first, others: nil) }
        var others: [EntityKind: Int] = [:]
        for (kind, positions) in shared {
            if let position = positions[id] { others[kind] = position }
        }
        return NamedEntity(first: first, others: others)
    }

    /// Whether every id is declared once, as in every well-formed inventory: then each entity is
    /// the one its id names.
    var idsAreUnique: Bool { repeating.isEmpty && shared.isEmpty }

    /// Whether some id is declared by more than one entity of `kind`. When none is, an entity's
    /// position in its list is the position its id names.
    func repeatsIDs(of kind: EntityKind) -> Bool { repeating.contains(kind) }

    /// The position of the first entity of `kind` with `id` in that kind's list.
    func position(of id: String, kind: EntityKind) -> Int? {
        guard let handle = handles[id] else { return nil }
        if handle.kind == kind { return Int(handle.position) }
        return handle.isShared ? shared[kind]?[id] : nil
    }
}

/// The entities one id names, looked up once: at most one of each kind, by position in that kind's list.
public struct NamedEntity: Sendable {
    /// The first kind (in the inventory's order of kinds) that declares the id.
    fileprivate let first: (kind: EntityKind, position: Int)?
    /// Other kinds declaring the same id: only in an inventory with a duplicate id, so the
    /// common case holds no dictionary to count references on.
    fileprivate let others: [EntityKind: Int]?

    /// Whether no entity has this id.
    public var isUnknown: Bool { first == nil }

    /// The position of the entity of `kind` with this id, if there is one.
    public func position(_ kind: EntityKind) -> Int? {
        guard let first else { return nil }
        return first.kind == kind ? first.position : others?[kind]
    }
}

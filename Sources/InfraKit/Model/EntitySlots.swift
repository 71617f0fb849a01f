/// Room for every entity a file declares, one stretch per kind, that the batches of the decoder
/// fill side by side: each batch writes only the slots of its own positions in its kind's array, so
/// nothing is merged or copied entity by entity afterwards. An entity that fails to decode leaves
/// its slot empty; each batch packs its entities at the start of its stretch and says how many.
///
/// The slots are raw memory: `collect` must be called once, after every batch has finished, to move
/// the entities into the inventory's lists and free the room.
struct EntitySlots: @unchecked Sendable { // buys: batches decode straight into the entity lists on both cores (parallel decoding, BENCHMARKS issue 20)
    private let environments: Room<Environment>
    private let providers: Room<Provider>
    private let hosts: Room<Host>
    private let clusters: Room<Cluster>
    private let services: Room<Service>
    private let datastores: Room<Datastore>
    private let backups: Room<Backup>
    private let monitors: Room<Monitor>
    private let pipelines: Room<Pipeline>
    private let jobs: Room<Job>
    private let secrets: Room<Secret>
    private let dns: Room<DNSZone>
    private let waivers: Room<Waiver>

    /// Room for the entities of `batches`, whose positions index their kind's array.
    init(for batches: [EntityBatch]) {
        var counts = [EntityKind: Int]()
        for batch in batches { counts[batch.kind] = max(counts[batch.kind] ?? 0, batch.positions.upperBound) }
        func room<Item>(_ kind: EntityKind) -> Room<Item> { Room(capacity: counts[kind] ?? 0) }
        environments = room(.environment)
        providers = room(.provider)
        hosts = room(.host)
        clusters = room(.cluster)
        services = room(.service)
        datastores = room(.datastore)
        backups = room(.backup)
        monitors = room(.monitor)
        pipelines = room(.pipeline)
        jobs = room(.job)
        secrets = room(.secret)
        dns = room(.dns)
        waivers = room(.waiver)
    }

    /// Decodes the entity `reader` reads as one of `kind` into slot `slot` of its kind; false when
    /// it fails to decode (the slot stays empty).
    func store(_ kind: EntityKind, _ reader: EntityReader, at slot: Int) -> Bool {
        switch kind {
        case .environment: environments.store(Environment(reader), at: slot)
        case .provider: providers.store(Provider(reader), at: slot)
        case .host: hosts.store(Host(reader), at: slot)
        case .cluster: clusters.store(Cluster(reader), at: slot)
        case .service: services.store(Service(reader), at: slot)
        case .datastore: datastores.store(Datastore(reader), at: slot)
        case .backup: backups.store(Backup(reader), at: slot)
        case .monitor: monitors.store(Monitor(reader), at: slot)
        case .pipeline: pipelines.store(Pipeline(reader), at: slot)
        case .job: jobs.store(Job(reader), at: slot)
        case .secret: secrets.store(Secret(reader), at: slot)
        case .dns: dns.store(DNSZone(reader), at: slot)
        case .waiver: waivers.store(Waiver(reader), at: slot)
        }
    }

    /// Moves the entities into `inventory`'s lists (after any it has), in the order of `batches`,
    /// of which the one at each position stored `stored[position]` entities; frees the room.
    func collect(_ batches: [EntityBatch], stored: [Int], into inventory: inout Inventory) {
        func stretches(of kind: EntityKind) -> [(start: Int, count: Int)] {
            zip(batches, stored).compactMap { $0.kind == kind ? ($0.positions.lowerBound, $1) : nil }
        }
        environments.collect(stretches(of: .environment), into: &inventory.environments)
        providers.collect(stretches(of: .provider), into: &inventory.providers)
        hosts.collect(stretches(of: .host), into: &inventory.hosts)
        clusters.collect(stretches(of: .cluster), into: &inventory.clusters)
        services.collect(stretches(of: .service), into: &inventory.services)
        datastores.collect(stretches(of: .datastore), into: &inventory.datastores)
        backups.collect(stretches(of: .backup), into: &inventory.backups)
        monitors.collect(stretches(of: .monitor), into: &inventory.monitors)
        pipelines.collect(stretches(of: .pipeline), into: &inventory.pipelines)
        jobs.collect(stretches(of: .job), into: &inventory.jobs)
        secrets.collect(stretches(of: .secret), into: &inventory.secrets)
        dns.collect(stretches(of: .dns), into: &inventory.dns)
        waivers.collect(stretches(of: .waiver), into: &inventory.waivers)
    }
}

/// Uninitialised room for the entities of one kind (`EntitySlots`).
private struct Room<Item> {
    let base: UnsafeMutablePointer<Item>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutablePointer<Item>.allocate(capacity: max(capacity, 1))
    }

    func store(_ item: Item?, at slot: Int) -> Bool {
        guard let item else { return false }
        precondition(slot < capacity, "a batch stores only into its own stretch")
        (base + slot).initialize(to: item)
        return true
    }

    /// Moves the `count` entities at the start of each stretch to the end of `list`, in order, and
    /// frees the room: moved, not copied, so no reference is counted again.
    func collect(_ stretches: [(start: Int, count: Int)], into list: inout [Item]) {
        let total = stretches.reduce(0) { $0 + $1.count }
        if total > 0 {
            let moved = [Item](unsafeUninitializedCapacity: total) { buffer, initialised in
                guard let destination = buffer.baseAddress else { return }
                for (start, count) in stretches {
                    (destination + initialised).moveInitialize(from: base + start, count: count)
                    initialised += count
                }
            }
            if list.isEmpty { list = moved } else { list += moved }
        }
        base.deallocate()
    }
}

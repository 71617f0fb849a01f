/// A failure domain an entity lives in: provider, region, zone and host, as far as they are known.
public struct FailureDomain: Hashable, Sendable {
    public let providerID: String
    public let providerKind: String
    public let region: String?
    public let zone: String?
    public let hostID: String?

    /// Two domains in different providers or regions are apart; a provider whose region is unknown
    /// is its own region.
    public var regionKey: String { "\(providerKind)/\(region ?? "provider:" + providerID)" }
}

/// Lookups over one inventory, built once: entities by id, what runs where, who watches, backs up
/// and deploys what, and which environments and failure domains an entity belongs to.
public struct InventoryIndex: Sendable {
    public let inventory: Inventory
    public let environments: EntityTable<Environment>
    public let providers: EntityTable<Provider>
    public let hosts: EntityTable<Host>
    public let clusters: EntityTable<Cluster>
    public let services: EntityTable<Service>
    public let datastores: EntityTable<Datastore>
    public let backups: EntityTable<Backup>
    public let monitors: EntityTable<Monitor>
    public let pipelines: EntityTable<Pipeline>
    public let jobs: EntityTable<Job>
    public let secrets: EntityTable<Secret>
    public let zones: EntityTable<DNSZone>
    /// Monitors by the id they watch.
    public let monitorsWatching: [String: [Monitor]]
    /// Backups by the id of a datastore or host they copy.
    public let backupsOf: [String: [Backup]]
    /// Pipelines by the id of a service they deploy.
    public let pipelinesDeploying: [String: [Pipeline]]
    /// Whether each environment, host, cluster and service is in production, by id: rules ask it
    /// about nearly every entity they report, and one lookup here replaces up to five in the
    /// entity tables. Other kinds are worked out from what they relate to, when asked.
    private let productionByID: [String: Bool]

    public init(_ inventory: Inventory) {
        self.inventory = inventory
        environments = Self.byID(inventory.environments)
        providers = Self.byID(inventory.providers)
        hosts = Self.byID(inventory.hosts)
        clusters = Self.byID(inventory.clusters)
        services = Self.byID(inventory.services)
        datastores = Self.byID(inventory.datastores)
        backups = Self.byID(inventory.backups)
        monitors = Self.byID(inventory.monitors)
        pipelines = Self.byID(inventory.pipelines)
        jobs = Self.byID(inventory.jobs)
        secrets = Self.byID(inventory.secrets)
        zones = Self.byID(inventory.dns)
        var watching: [String: [Monitor]] = [:]
        for monitor in inventory.monitors {
            for id in Set(monitor.watches) { watching[id, default: []].append(monitor) }
        }
        monitorsWatching = watching
        var covering: [String: [Backup]] = [:]
        for backup in inventory.backups {
            for id in Set(backup.of) { covering[id, default: []].append(backup) }
        }
        backupsOf = covering
        var deploying: [String: [Pipeline]] = [:]
        for pipeline in inventory.pipelines {
            for id in Set(pipeline.deploys) { deploying[id, default: []].append(pipeline) }
        }
        pipelinesDeploying = deploying
        productionByID = Self.production(inventory, environments)
    }

    /// The production answer for every environment, host, cluster and service id, the first of a
    /// repeated id winning and the kinds taking precedence in the order `isProduction` asks them:
    /// environments, hosts, clusters, services. Later writes win, so kinds and entities go in
    /// reverse.
    private static func production(_ inventory: Inventory, _ environments: EntityTable<Environment>) -> [String: Bool] {
        let known = environments.keys.map { (id: $0, isProduction: environments[$0]?.isProduction == true) }
        let productionIDs = Set(known.filter(\.isProduction).map(\.id))
        // Inventories name a handful of environments: comparing with each is cheaper than hashing.
        let few = productionIDs.count <= 8 ? Array(productionIDs) : nil
        func isProduction(_ environment: String) -> Bool {
            few.map { $0.contains(environment) } ?? productionIDs.contains(environment)
        }
        var production: [String: Bool] = [:]
        production.reserveCapacity(inventory.services.count + inventory.clusters.count + inventory.hosts.count
            + inventory.environments.count)
        // Through positions, so no entity is copied.
        let services = inventory.services, clusters = inventory.clusters, hosts = inventory.hosts
        for position in services.indices.reversed() {
            production[services[position].id] = isProduction(services[position].environment)
        }
        for position in clusters.indices.reversed() {
            production[clusters[position].id] = isProduction(clusters[position].environment)
        }
        for position in hosts.indices.reversed() {
            production[hosts[position].id] = isProduction(hosts[position].environment)
        }
        for (id, isProduction) in known { production[id] = isProduction }
        return production
    }

    /// Entities by id, the first of a repeated id winning.
    private static func byID<T: Entity>(_ entities: [T]) -> EntityTable<T> {
        EntityTable(entities)
    }

    /// Whether some monitor watches `id`.
    public func isWatched(_ id: String) -> Bool {
        monitorsWatching[id]?.isEmpty == false
    }

    // MARK: Where things run

    /// The hosts a service, cluster, datastore or host runs on, clusters expanded to their members;
    /// sorted and without repeats.
    public func hostIDs(of id: String) -> [String] {
        // Most ids are a host, or a service placed directly on hosts: no walk needed.
        if hosts.contains(id) { return [id] }
        // Read in place: copying the whole service would retain a dozen strings for one list.
        if !clusters.contains(id), let position = services.position(of: id),
           case let runsOn = inventory.services[position].runsOn,
           runsOn.allSatisfy({ $0 != id && hosts.contains($0) }) {
            return runsOn.count < 2 ? runsOn : Set(runsOn).sorted()
        }
        var result = Set<String>()
        var visited = Set<String>()
        collectHosts(id, into: &result, visited: &visited)
        return result.sorted()
    }

    private func collectHosts(_ id: String, into result: inout Set<String>, visited: inout Set<String>) {
        guard visited.insert(id).inserted else { return }
        if hosts[id] != nil {
            result.insert(id)
        } else if let cluster = clusters[id] {
            for member in cluster.members { collectHosts(member.host, into: &result, visited: &visited) }
        } else if let service = services[id] {
            for target in service.runsOn { collectHosts(target, into: &result, visited: &visited) }
        } else if let datastore = datastores[id], let hosting = datastore.hosting {
            switch hosting {
            case .host(let host): collectHosts(host, into: &result, visited: &visited)
            case .cluster(let cluster): collectHosts(cluster, into: &result, visited: &visited)
            case .provider: break
            }
        }
    }

    /// The failure domains an entity lives in: its hosts' domains, or its provider's for managed
    /// datastores and external services.
    public func failureDomains(of id: String) -> [FailureDomain] {
        var domains = hostIDs(of: id).compactMap { hostID -> FailureDomain? in
            guard let host = hosts[hostID] else { return nil }
            return domain(provider: host.provider, zone: host.zone, host: host.id)
        }
        if let datastore = datastores[id], case .provider(let provider) = datastore.hosting {
            domains += [domain(provider: provider, zone: nil, host: nil)].compactMap { $0 }
        }
        if let service = services[id], let provider = service.provider, service.runsOn.isEmpty {
            domains += [domain(provider: provider, zone: nil, host: nil)].compactMap { $0 }
        }
        if let provider = providers[id] {
            domains += [domain(provider: provider.id, zone: nil, host: nil)].compactMap { $0 }
        }
        return Array(Set(domains)).sorted { $0.regionKey + ($0.hostID ?? "") < $1.regionKey + ($1.hostID ?? "") }
    }

    public func domain(provider id: String, zone: String?, host: String?) -> FailureDomain? {
        guard let provider = providers[id] else { return nil }
        return FailureDomain(providerID: id, providerKind: provider.kind, region: provider.region, zone: zone, hostID: host)
    }

    // MARK: Environments

    /// The environments an entity belongs to: its own, or for entities without one, those of what
    /// it protects, watches, deploys, serves or is used by.
    public func environmentIDs(of id: String) -> Set<String> {
        var visited = Set<String>()
        return environmentIDs(of: id, visited: &visited)
    }

    private func environmentIDs(of id: String, visited: inout Set<String>) -> Set<String> {
        guard visited.insert(id).inserted else { return [] }
        if environments[id] != nil { return [id] }
        if let host = hosts[id] { return [host.environment] }
        if let cluster = clusters[id] { return [cluster.environment] }
        if let service = services[id] { return [service.environment] }
        if let datastore = datastores[id] {
            return Set([datastore.environment] + datastore.databases.compactMap(\.environment))
        }
        var related: [String] = []
        if let backup = backups[id] { related = backup.of }
        if let monitor = monitors[id] { related = monitor.watches }
        if let pipeline = pipelines[id] {
            let staged = Set(pipeline.stages.compactMap(\.environment))
            if !staged.isEmpty { return staged }
            related = pipeline.deploys
        }
        if let job = jobs[id] { return [job.environment] }
        if let secret = secrets[id] {
            if let environment = secret.environment { return [environment] }
            related = secret.usedBy
        }
        if let zone = zones[id] {
            related = zone.records.flatMap(\.targets) + zone.pools.flatMap(\.members)
        }
        var result = Set<String>()
        for other in related { result.formUnion(environmentIDs(of: other, visited: &visited)) }
        return result
    }

    /// Whether `id` is an environment of kind production.
    public func isProductionEnvironment(_ id: String) -> Bool {
        environments[id]?.isProduction == true
    }

    /// Whether the entity belongs to a production environment.
    public func isProduction(_ id: String) -> Bool {
        // An environment, or an entity that names its own, is answered without building sets.
        if let known = productionByID[id] { return known }
        return environmentIDs(of: id).contains { environments[$0]?.isProduction == true }
    }
}

/// The entities of one kind by id. It keeps the inventory's own list and, per id, a position in it,
/// so a large inventory's entities are not copied into the table.
public struct EntityTable<T: Entity>: Sendable {
    private let entities: [T]
    private let positions: [String: Int]

    init(_ entities: [T]) {
        self.entities = entities
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entities.count)
        // Backwards, so the first of a repeated id wins.
        for position in entities.indices.reversed() { positions[entities[position].id] = position }
        self.positions = positions
    }

    public subscript(id: String) -> T? {
        positions[id].map { entities[$0] }
    }

    public func contains(_ id: String) -> Bool { positions[id] != nil }

    /// Where the entity with `id` is in the inventory's list of its kind: reading a field there
    /// does not copy the whole entity, as the subscript does.
    public func position(of id: String) -> Int? { positions[id] }

    /// Number of distinct ids.
    public var count: Int { positions.count }

    public var keys: Dictionary<String, Int>.Keys { positions.keys }
}

import InfraModel

/// A failure domain an entity lives in: provider, region, zone and host, as far as they are known.
public struct FailureDomain: Hashable, Sendable {
    public let providerID: String
    public let providerKind: String
    public let region: String?
    public let zone: String?
    public let hostID: String?
    /// Two domains in different providers or regions are apart; a provider whose region is unknown
    /// is its own region. Stored, from the index's key of each provider: rules compare and group
    /// domains by it, and building it at every comparison was most of what they cost.
    public let regionKey: String

    /// The `regionKey` of a provider's domains.
    static func regionKey(providerID: String, providerKind: String, region: String?) -> String {
        "\(providerKind)/\(region ?? "provider:" + providerID)"
    }
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
    public let monitorsWatching: EntitiesByID<Monitor>
    /// Backups by the id of a datastore or host they copy.
    public let backupsOf: EntitiesByID<Backup>
    /// Pipelines by the id of a service they deploy.
    public let pipelinesDeploying: EntitiesByID<Pipeline>
    /// Every entity by id, all kinds in one table (the decoder's): the kind tables above look ids up here.
    public let ids: EntityIDs
    private let productionEnvironments: ProductionEnvironments
    /// `FailureDomain.regionKey` of each provider, by position in the inventory's list.
    private let providerRegionKeys: [String]

    public init(_ inventory: Inventory) {
        self.inventory = inventory
        let ids = inventory.ids
        self.ids = ids
        let environments = EntityTable(inventory.environments, ids)
        self.environments = environments
        providers = EntityTable(inventory.providers, ids)
        hosts = EntityTable(inventory.hosts, ids)
        clusters = EntityTable(inventory.clusters, ids)
        services = EntityTable(inventory.services, ids)
        datastores = EntityTable(inventory.datastores, ids)
        backups = EntityTable(inventory.backups, ids)
        monitors = EntityTable(inventory.monitors, ids)
        pipelines = EntityTable(inventory.pipelines, ids)
        jobs = EntityTable(inventory.jobs, ids)
        secrets = EntityTable(inventory.secrets, ids)
        zones = EntityTable(inventory.dns, ids)
        // Room for about one id per entity, so a large inventory's tables are not rehashed as they grow.
        var watching = EntitiesByID<Monitor>(capacity: inventory.monitors.count)
        for monitor in inventory.monitors { watching.add(monitor, under: monitor.watches) }
        monitorsWatching = watching
        var covering = EntitiesByID<Backup>(capacity: inventory.backups.count)
        for backup in inventory.backups { covering.add(backup, under: backup.of) }
        backupsOf = covering
        var deploying = EntitiesByID<Pipeline>(capacity: inventory.pipelines.count)
        for pipeline in inventory.pipelines { deploying.add(pipeline, under: pipeline.deploys) }
        pipelinesDeploying = deploying
        providerRegionKeys = inventory.providers.map {
            FailureDomain.regionKey(providerID: $0.id, providerKind: $0.kind, region: $0.region)
        }
        productionEnvironments = ProductionEnvironments(environments.keys.filter { environments[$0]?.isProduction == true })
    }

    /// What `Set(ids).sorted()` gives, without hashing every id: equal ids are neighbours once
    /// sorted. Used on declared ids, which are ASCII: equal ids are equal bytes, so which of two
    /// is kept does not show.
    static func sortedWithoutRepeats(_ ids: [String]) -> [String] {
        guard ids.count > 1 else { return ids }
        var sorted = ids.sorted()
        sorted.removeRepeatedNeighbours()
        return sorted
    }

    /// `ids` without repeats, in no particular order. Lists are short and seldom repeat an id:
    /// comparing each id with those before it is cheaper than hashing them all into a set, and
    /// a list without repeats is returned as it is.
    static func distinct(_ ids: [String]) -> [String] {
        guard ids.count > 1 else { return ids }
        guard ids.count <= 16 else { return Array(Set(ids)) }
        guard ids.indices.contains(where: { ids[..<$0].contains(ids[$0]) }) else { return ids }
        var kept: [String] = []
        for id in ids where !kept.contains(id) { kept.append(id) }
        return kept
    }

    /// The ids of the production environments. Inventories declare a handful of environments, and
    /// comparing with each is cheaper than hashing the id; many are kept in a set.
    private enum ProductionEnvironments: Sendable {
        case few([String])
        case many(Set<String>)

        init(_ ids: [String]) {
            self = ids.count <= 8 ? .few(ids) : .many(Set(ids))
        }

        func contains(_ id: String) -> Bool {
            switch self {
            case .few(let ids): ids.contains(id)
            case .many(let ids): ids.contains(id)
            }
        }
    }

    /// Whether some monitor watches `id`.
    public func isWatched(_ id: String) -> Bool {
        monitorsWatching[id]?.isEmpty == false
    }

    // MARK: Where things run

    /// The hosts a service, cluster, datastore or host runs on, clusters expanded to their members;
    /// sorted and without repeats.
    public func hostIDs(of id: String) -> [String] {
        hostIDs(of: id, ids.named(id))
    }

    /// `hostIDs(of:)` of the service at `position` in the inventory's list. When every id is declared
    /// once, the service's id names it alone, and a service placed directly on hosts is answered
    /// without looking its own id up; rules that go through every service ask this.
    public func hostIDs(ofServiceAt position: Int) -> [String] {
        let id = inventory.services[position].id
        guard ids.idsAreUnique else { return hostIDs(of: id) }
        // Read in place: copying the whole service would retain a dozen strings for one list.
        let runsOn = inventory.services[position].runsOn
        if runsOn.allSatisfy({ $0 != id && hosts.contains($0) }) { return Self.sortedWithoutRepeats(runsOn) }
        return hostIDs(of: id)
    }

    private func hostIDs(of id: String, _ named: NamedEntity) -> [String] {
        // Most ids are a host, or a service placed directly on hosts: no walk needed.
        if named.position(.host) != nil { return [id] }
        // Read in place: copying the whole service would retain a dozen strings for one list.
        if named.position(.cluster) == nil, let position = named.position(.service),
           case let runsOn = inventory.services[position].runsOn,
           runsOn.allSatisfy({ $0 != id && hosts.contains($0) }) {
            return Self.sortedWithoutRepeats(runsOn)
        }
        // A datastore on one host, on a provider or nowhere: its answer without building sets.
        if named.position(.cluster) == nil, named.position(.service) == nil, let position = named.position(.datastore) {
            switch inventory.datastores[position].hosting {
            case .host(let host) where host != id && hosts.contains(host): return [host]
            case .provider, nil: return []
            case .host, .cluster: break
            }
        }
        var result = Set<String>()
        var visited = Set<String>()
        collectHosts(id, into: &result, visited: &visited)
        return result.sorted()
    }

    private func collectHosts(_ id: String, into result: inout Set<String>, visited: inout Set<String>) {
        guard visited.insert(id).inserted else { return }
        let named = ids.named(id)
        if named.position(.host) != nil {
            result.insert(id)
        } else if let cluster = clusters[named] {
            for member in cluster.members { collectHosts(member.host, into: &result, visited: &visited) }
        } else if let service = services[named] {
            for target in service.runsOn { collectHosts(target, into: &result, visited: &visited) }
        } else if let datastore = datastores[named], let hosting = datastore.hosting {
            switch hosting {
            case .host(let host): collectHosts(host, into: &result, visited: &visited)
            case .cluster(let cluster): collectHosts(cluster, into: &result, visited: &visited)
            case .provider: break
            }
        }
    }

    /// Each place an entity lives: the provider, zone and host of each of its hosts, or its provider
    /// alone for a managed datastore, an external service or a provider itself. Hosts are read in
    /// place: copying a whole host (or datastore) would retain every string it holds.
    private func places(of id: String, _ place: (_ provider: String, _ zone: String?, _ host: String?) -> Void) {
        let named = ids.named(id)
        for hostID in hostIDs(of: id, named) {
            guard let position = hosts.position(of: hostID) else { continue }
            place(inventory.hosts[position].provider, inventory.hosts[position].zone, hostID)
        }
        if let position = named.position(.datastore), case .provider(let provider) = inventory.datastores[position].hosting {
            place(provider, nil, nil)
        }
        if let position = named.position(.service), let provider = inventory.services[position].provider,
           inventory.services[position].runsOn.isEmpty {
            place(provider, nil, nil)
        }
        if named.position(.provider) != nil { place(id, nil, nil) }
    }

    /// The ids of the providers of `failureDomains(of:)`, each once, without making a domain for each
    /// host: a cluster of 100,000 members has one or two providers, not 100,000 domains to sort.
    public func providerIDs(of id: String) -> Set<String> {
        var result = Set<String>()
        places(of: id) { provider, _, _ in
            if providers.position(of: provider) != nil { result.insert(provider) }
        }
        return result
    }

    /// The failure domains an entity lives in: its hosts' domains, or its provider's for managed
    /// datastores and external services.
    public func failureDomains(of id: String) -> [FailureDomain] {
        var domains: [FailureDomain] = []
        places(of: id) { provider, zone, host in
            if let found = domain(provider: provider, zone: zone, host: host) { domains.append(found) }
        }
        // Most entities live in one domain: nothing to remove or sort.
        guard domains.count > 1 else { return domains }
        // Each key is built once, not twice per comparison. Equal domains have equal keys, so once
        // sorted a repeat sits among the domains with its key.
        let keyed = (domains.count <= 16 ? domains : Array(Set(domains)))
            .map { (key: $0.regionKey + ($0.hostID ?? ""), domain: $0) }
            .sorted { $0.key < $1.key }
        var result: [FailureDomain] = []
        result.reserveCapacity(keyed.count)
        var sameKey = 0
        for position in keyed.indices {
            if position > 0 && keyed[position].key != keyed[position - 1].key { sameKey = position }
            if !keyed[sameKey..<position].contains(where: { $0.domain == keyed[position].domain }) {
                result.append(keyed[position].domain)
            }
        }
        return result
    }

    public func domain(provider id: String, zone: String?, host: String?) -> FailureDomain? {
        // Read in place: copying the whole provider would retain every string it holds.
        guard let position = providers.position(of: id) else { return nil }
        return FailureDomain(providerID: id, providerKind: inventory.providers[position].kind,
                             region: inventory.providers[position].region, zone: zone, hostID: host,
                             regionKey: providerRegionKeys[position])
    }

    // MARK: Environments

    /// The environments an entity belongs to: its own, or for entities without one, those of what
    /// it protects, watches, deploys, serves or is used by.
    public func environmentIDs(of id: String) -> Set<String> {
        var result = Set<String>()
        var visited: Set = [id]
        _ = anyEnvironment(of: id, ids.named(id), visited: &visited) { environment in
            result.insert(environment)
            return false
        }
        return result
    }

    /// Calls `body` with each environment of `id` (those `environmentIDs(of:)` gives, maybe more than
    /// once) until it returns true; whether it did. `visited` holds `id` and the ids walked through.
    /// One walk serves both the set of environments and `isProduction`, which stops at the first
    /// production environment instead of building sets.
    private func anyEnvironment(of id: String, _ named: NamedEntity, visited: inout Set<String>,
                                where body: (String) -> Bool) -> Bool {
        if named.position(.environment) != nil { return body(id) }
        // Read in place: copying the whole entity would retain every string it holds.
        if let position = named.position(.host) { return body(inventory.hosts[position].environment) }
        if let position = named.position(.cluster) { return body(inventory.clusters[position].environment) }
        if let position = named.position(.service) { return body(inventory.services[position].environment) }
        if let position = named.position(.datastore) {
            return body(inventory.datastores[position].environment)
                || inventory.datastores[position].databases.contains { $0.environment.map(body) ?? false }
        }
        var related: [String] = []
        if let position = named.position(.backup) { related = inventory.backups[position].of }
        if let position = named.position(.monitor) { related = inventory.monitors[position].watches }
        if let position = named.position(.pipeline) {
            let staged = inventory.pipelines[position].stages.compactMap(\.environment)
            if !staged.isEmpty { return staged.contains(where: body) }
            related = inventory.pipelines[position].deploys
        }
        if let position = named.position(.job) { return body(inventory.jobs[position].environment) }
        if let position = named.position(.secret) {
            if let environment = inventory.secrets[position].environment { return body(environment) }
            related = inventory.secrets[position].usedBy
        }
        if let position = named.position(.dns) {
            related = inventory.dns[position].records.flatMap(\.targets) + inventory.dns[position].pools.flatMap(\.members)
        }
        for other in related where visited.insert(other).inserted {
            if anyEnvironment(of: other, ids.named(other), visited: &visited, where: body) { return true }
        }
        return false
    }

    /// Whether `id` is an environment of kind production.
    public func isProductionEnvironment(_ id: String) -> Bool {
        productionEnvironments.contains(id)
    }

    /// `isProduction(_:)` of the host, cluster or service at `position` in its kind's list. When
    /// every id is declared once (any well-formed inventory) the entity is the one its id names,
    /// and its own environment answers without a lookup; rules that go through every host or
    /// service ask this.
    public func isProduction(hostAt position: Int) -> Bool {
        ids.idsAreUnique ? isProductionEnvironment(inventory.hosts[position].environment)
            : isProduction(inventory.hosts[position].id)
    }

    public func isProduction(serviceAt position: Int) -> Bool {
        ids.idsAreUnique ? isProductionEnvironment(inventory.services[position].environment)
            : isProduction(inventory.services[position].id)
    }

    /// Whether the entity `named` names belongs to a production environment, when it is an environment
    /// or has one of its own (a host, cluster, service or datastore), answered without building sets;
    /// false for an id no entity has (the walk finds no environment for it); nil when only the entities
    /// it relates to can tell.
    private func ownProduction(_ named: NamedEntity) -> Bool? {
        if named.isUnknown { return false }
        if let position = named.position(.environment) { return inventory.environments[position].isProduction }
        if let own = named.position(.host).map({ inventory.hosts[$0].environment })
            ?? named.position(.cluster).map({ inventory.clusters[$0].environment })
            ?? named.position(.service).map({ inventory.services[$0].environment }) {
            return isProductionEnvironment(own)
        }
        // Read in place: copying the whole datastore would retain every string it holds.
        if let position = named.position(.datastore) {
            return isProductionEnvironment(inventory.datastores[position].environment)
                || inventory.datastores[position].databases.contains { $0.environment.map(isProductionEnvironment) ?? false }
        }
        return nil
    }

    /// Whether the entity belongs to a production environment.
    public func isProduction(_ id: String) -> Bool {
        let named = ids.named(id)
        if let own = ownProduction(named) { return own }
        // A backup or a monitor names what it copies or watches. When each of those has an environment
        // of its own, as nearly always, they answer without the walk's set of visited ids (building it
        // was most of the cost of asking about a backup). Only in an inventory whose ids are unique:
        // then the id names one entity, and the walk would read the same list.
        if ids.idsAreUnique,
           let related = named.position(.backup).map({ inventory.backups[$0].of })
               ?? named.position(.monitor).map({ inventory.monitors[$0].watches }) {
            var answered = true
            for other in related {
                guard let own = ownProduction(ids.named(other)) else {
                    answered = false
                    break
                }
                if own { return true }
            }
            if answered { return false }
        }
        var visited: Set = [id]
        // The closure holds the environments alone: one holding `self` would copy the whole index.
        let production = productionEnvironments
        return anyEnvironment(of: id, named, visited: &visited) { production.contains($0) }
    }
}

/// The entities of one kind by id. It keeps the inventory's own list and finds positions in it
/// through the inventory's id table, so a large inventory's entities are not copied into the table.
public struct EntityTable<T: Entity>: Sendable {
    private let entities: [T]
    private let ids: EntityIDs

    init(_ entities: [T], _ ids: EntityIDs) {
        self.entities = entities
        self.ids = ids
    }

    public subscript(id: String) -> T? {
        position(of: id).map { entities[$0] }
    }

    /// The entity of this kind an id looked up once names.
    public subscript(named: NamedEntity) -> T? {
        named.position(T.kind).map { entities[$0] }
    }

    public func contains(_ id: String) -> Bool { position(of: id) != nil }

    /// Where the entity with `id` is in the inventory's list of its kind, the first of a repeated
    /// id: reading a field there does not copy the whole entity, as the subscript does.
    public func position(of id: String) -> Int? { ids.position(of: id, kind: T.kind) }

    /// Whether some id is declared by more than one entity of this kind: if not, each entity is
    /// at the position its id names, with no lookup.
    public var repeatsIDs: Bool { ids.repeatsIDs(of: T.kind) }

    /// The distinct ids, in the list's order.
    public var keys: [String] {
        entities.indices.filter { position(of: entities[$0].id) == $0 }.map { entities[$0].id }
    }
}

extension Array where Element: Equatable {
    /// Keeps the first of each run of equal neighbours, in place: on a sorted array, its distinct
    /// elements without hashing any.
    mutating func removeRepeatedNeighbours() {
        guard count > 1 else { return }
        var kept = 1
        for position in 1..<count where self[position] != self[kept - 1] {
            swapAt(kept, position)
            kept += 1
        }
        removeLast(count - kept)
    }
}

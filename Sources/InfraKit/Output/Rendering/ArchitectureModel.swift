import InfraModel
import InfraTopology
import InfraRules

/// The inventory arranged once for architecture docs: environment → provider/region → zone →
/// placement (a host, a cluster, a group of hosts, or the provider itself) → services and
/// datastores, with the edges between them and the findings that mark them.
///
/// Every renderer (Markdown, Mermaid, DOT, HTML, the layered SVG) reads this one view, so the
/// grouping, the order and the highlighting cannot drift between formats. Everything is sorted:
/// the same inventory always gives the same model.
public struct ArchitectureModel: Sendable {
    /// Where services and datastores are placed inside a failure domain.
    public enum PlacementKind: Sendable, Equatable {
        /// One host (its id).
        case host(String)
        /// A cluster (its id) and its member hosts.
        case cluster(String)
        /// Several hosts or clusters an entity runs on together, without a cluster of their own.
        case hostGroup([String])
        /// Run by the provider itself: managed datastores, external services, managed load balancers.
        case provider(String)
        /// Nowhere known: an external service without a provider, or a reference to a missing host.
        case unplaced
    }

    /// One box of the diagram that holds services and datastores.
    public struct Placement: Sendable {
        /// Unique in the model: `host:web-1`, `cluster:etcd`, `group:production:a+b`, `provider:production:aws`.
        public let key: String
        public let kind: PlacementKind
        /// The entity id the placement is, for hosts and clusters (edges may point at it).
        public let entityID: String?
        /// A one-line title: `host web-1`, `cluster etcd (etcd: n1, n2, n3)`.
        public let title: String
        /// Ids of the services and datastores placed here, sorted.
        public let items: [String]
    }

    /// The hosts of one zone (nil: hosts without a zone, and what the provider runs itself).
    public struct ZoneGroup: Sendable {
        public let zone: String?
        public let placements: [Placement]
    }

    /// One provider (a failure domain) inside one environment.
    public struct DomainGroup: Sendable {
        public let key: String
        public let providerID: String
        /// `linode-london (linode, london)`.
        public let title: String
        public let zones: [ZoneGroup]

        public var placements: [Placement] { zones.flatMap(\.placements) }
    }

    /// One environment's part of the system.
    public struct EnvironmentGroup: Sendable {
        public let id: String
        /// `production (production, www.classroom7.com)`.
        public let title: String
        public let domains: [DomainGroup]
        /// Placements that span several failure domains, and unplaced entities.
        public let spread: [Placement]

        public var placements: [Placement] { domains.flatMap(\.placements) + spread }
    }

    /// What an edge stands for.
    public enum EdgeKind: String, Sendable {
        /// `dependsOn` of a service.
        case dependency
        /// A load balancer's backend (`balances`).
        case backend
        /// A DNS record target or a traffic-manager pool member.
        case dns
    }

    public struct Edge: Sendable {
        public let from: String
        public let to: String
        public let kind: EdgeKind
        /// The protocol (`http`, `postgres`) and marks, or the record; nil when nothing is known.
        public let label: String?
        /// A plaintext dependency between two failure domains (drawn dashed and marked).
        public let plaintextAcrossDomains: Bool
    }

    /// What kind of node an entity id is drawn as.
    public enum NodeKind: Sendable, Equatable {
        case service, datastore, dns, host, cluster
    }

    public let index: InventoryIndex
    public let name: String
    /// The day the findings were computed for.
    public let asOf: Day
    /// Findings that count (waived ones excluded), in report order.
    public let findings: [Finding]
    public let suppressedCount: Int
    /// Environment groups: production first, then staging, qa, development, demo, then unknown ids.
    public let environments: [EnvironmentGroup]
    /// DNS zones, sorted by id; drawn outside every environment.
    public let dnsZones: [DNSZone]
    /// Edges between drawn entities, in a stable order.
    public let edges: [Edge]
    /// The most severe finding about each entity id.
    public let severity: [String: Severity]
    /// How many findings there are about each entity id.
    public let findingCount: [String: Int]
    /// How each drawn entity is drawn.
    public let nodeKinds: [String: NodeKind]
    /// The placement key of each service and datastore, and of each host or cluster drawn as a placement.
    public let placementOf: [String: String]
    /// The failure domains of both ends of every plaintext dependency: what
    /// `isPlaintextAcrossDomains` compares, for the diagram's edges and the services table alike.
    let failureDomains: [String: [FailureDomain]]

    public init(inventory: Inventory, findings: [Finding], suppressedCount: Int = 0, asOf: Day) {
        let index = InventoryIndex(inventory)
        self.index = index
        self.name = inventory.name ?? "inventory"
        self.asOf = asOf
        self.findings = findings
        self.suppressedCount = suppressedCount
        var severity: [String: Severity] = [:]
        var counts: [String: Int] = [:]
        for finding in findings {
            guard let id = finding.entityID else { continue }
            severity[id] = max(severity[id] ?? finding.severity, finding.severity)
            counts[id, default: 0] += 1
        }
        self.severity = severity
        findingCount = counts
        dnsZones = inventory.dns.sorted { $0.id < $1.id }

        let layout = Layout(index: index)
        environments = layout.environments
        placementOf = layout.placementOf
        var kinds: [String: NodeKind] = [:]
        for service in inventory.services { kinds[service.id] = .service }
        for datastore in inventory.datastores { kinds[datastore.id] = .datastore }
        for zone in inventory.dns { kinds[zone.id] = .dns }
        for group in layout.environments {
            for placement in group.placements {
                switch placement.kind {
                case .host(let id): kinds[id] = .host
                case .cluster(let id): kinds[id] = .cluster
                default: break
                }
            }
        }
        nodeKinds = kinds
        var domains: [String: [FailureDomain]] = [:]
        // Only the ends of plaintext dependencies are compared: most services have none.
        for service in inventory.services {
            let plaintext = service.dependsOn.filter(Self.isPlaintext)
            guard !plaintext.isEmpty else { continue }
            for id in [service.id] + plaintext.map(\.target) where domains[id] == nil {
                domains[id] = index.failureDomains(of: id)
            }
        }
        failureDomains = domains
        edges = Self.edges(index, drawn: kinds, placementOf: layout.placementOf, failureDomains: domains)
    }

    /// Whether the entity is drawn as a node or a box of the diagram.
    public func isDrawn(_ id: String) -> Bool { nodeKinds[id] != nil }

    // MARK: Edges

    private static func edges(_ index: InventoryIndex, drawn: [String: NodeKind], placementOf: [String: String],
                              failureDomains: [String: [FailureDomain]]) -> [Edge] {
        var edges: [Edge] = []
        // An edge from inside a host's or cluster's box to that box itself says nothing the
        // nesting does not, and diagram tools reject an edge into its own parent.
        func isOwnBox(_ from: String, _ to: String) -> Bool {
            guard drawn[to] == .host || drawn[to] == .cluster, let box = placementOf[to] else { return false }
            return placementOf[from] == box
        }
        for service in index.inventory.services.sorted(by: { $0.id < $1.id }) {
            for dependency in service.dependsOn where drawn[dependency.target] != nil && !isOwnBox(service.id, dependency.target) {
                let crossing = isPlaintextAcrossDomains(dependency, from: service.id, failureDomains: failureDomains, index: index)
                edges.append(Edge(from: service.id, to: dependency.target, kind: .dependency,
                                  label: dependencyLabel(dependency, crossing: crossing), plaintextAcrossDomains: crossing))
            }
            for backend in service.balances where drawn[backend] != nil && !isOwnBox(service.id, backend) {
                edges.append(Edge(from: service.id, to: backend, kind: .backend, label: "balances", plaintextAcrossDomains: false))
            }
        }
        for zone in index.inventory.dns.sorted(by: { $0.id < $1.id }) {
            var labels: [String: [String]] = [:]
            var order: [String] = []
            func add(_ target: String, _ label: String) {
                guard drawn[target] != nil else { return }
                if labels[target] == nil { order.append(target) }
                if labels[target]?.contains(label) != true { labels[target, default: []].append(label) }
            }
            for record in zone.records {
                let label = [record.name, record.type].compactMap { $0 }.joined(separator: " ")
                for target in record.targets { add(target, label) }
            }
            for pool in zone.pools {
                for member in pool.members { add(member, pool.name.map { "pool \($0)" } ?? "pool") }
            }
            for target in order {
                edges.append(Edge(from: zone.id, to: target, kind: .dns, label: labels[target]?.joined(separator: ", "),
                                  plaintextAcrossDomains: false))
            }
        }
        return edges
    }

    /// The test `plaintext-cross-domain` makes: no TLS (stated, or implied by a plaintext
    /// protocol) between two different providers or regions.
    func isPlaintextAcrossDomains(_ dependency: Service.Dependency, from serviceID: String) -> Bool {
        Self.isPlaintextAcrossDomains(dependency, from: serviceID, failureDomains: failureDomains, index: index)
    }

    /// `isPlaintextAcrossDomains`, with the failure domains known so far (others are looked up).
    private static func isPlaintextAcrossDomains(_ dependency: Service.Dependency, from serviceID: String,
                                                 failureDomains: [String: [FailureDomain]], index: InventoryIndex) -> Bool {
        guard isPlaintext(dependency) else { return false }
        let sourceDomains = failureDomains[serviceID] ?? index.failureDomains(of: serviceID)
        let targetDomains = failureDomains[dependency.target] ?? index.failureDomains(of: dependency.target)
        return sourceDomains.contains { from in targetDomains.contains { $0.regionKey != from.regionKey } }
    }

    /// No TLS, stated or implied by a plaintext protocol.
    static func isPlaintext(_ dependency: Service.Dependency) -> Bool {
        dependency.tls == false
            || (dependency.tls == nil && dependency.protocol.map { PlaintextCrossDomainRule.plaintextProtocols.contains($0.lowercased()) } == true)
    }

    // MARK: Order

    /// Production first: the order environments are listed in.
    static func rank(_ kind: Environment.Kind?) -> Int {
        switch kind {
        case .production?: 0
        case .staging?: 1
        case .qa?: 2
        case .development?: 3
        case .demo?: 4
        case nil: 5
        }
    }

    /// Environment ids in listing order: declared ones by kind then id, then ids only referred to.
    static func orderedEnvironmentIDs(_ index: InventoryIndex, including extra: Set<String>) -> [String] {
        let all = Set(index.environments.keys).union(extra)
        return all.sorted { lhs, rhs in
            let left = rank(index.environments[lhs]?.kind)
            let right = rank(index.environments[rhs]?.kind)
            return left != right ? left < right : lhs < rhs
        }
    }

    /// `production (production, www.classroom7.com)`.
    static func environmentTitle(_ id: String, _ index: InventoryIndex) -> String {
        guard let environment = index.environments[id] else { return "\(id) (not declared)" }
        let details = [environment.kind.rawValue] + [environment.domain].compactMap { $0 }
        return "\(id) (\(details.joined(separator: ", ")))"
    }

    /// `linode-london (linode, london)`.
    static func providerTitle(_ id: String, _ index: InventoryIndex) -> String {
        guard let provider = index.providers[id] else { return "\(id) (not declared)" }
        let details = [provider.kind] + [provider.region].compactMap { $0 }
        return "\(id) (\(details.joined(separator: ", ")))"
    }
}

extension ArchitectureModel {
    /// Builds the environment groups: decides where every service and datastore is drawn.
    private struct Layout {
        var environments: [EnvironmentGroup] = []
        var placementOf: [String: String] = [:]

        /// A placement being collected, with where it goes.
        fileprivate struct Pending {
            var kind: PlacementKind
            var entityID: String?
            var title: String
            var items: [String] = []
            var environment: String
            /// Provider id and zone, or nil when it spans failure domains (or is nowhere).
            var domain: (provider: String, zone: String?)?
        }

        init(index: InventoryIndex) {
            var placing = Placing(index: index)
            placing.placeServicesAndDatastores()
            placing.placeClustersAndHosts()
            placementOf = placing.placementOf
            let pending = placing.pending
            let environmentIDs = ArchitectureModel.orderedEnvironmentIDs(index, including: Set(pending.values.map(\.environment)))
            environments = environmentIDs.compactMap { Self.arrange($0, pending, index) }
        }

        /// One environment: provider → zone → placement, everything sorted; nil when it has none.
        private static func arrange(_ environment: String, _ pending: [String: Pending], _ index: InventoryIndex) -> EnvironmentGroup? {
            let entries = pending.filter { $0.value.environment == environment }.sorted { $0.key < $1.key }
            var byProvider: [String: [(key: String, entry: Pending)]] = [:]
            var spread: [Placement] = []
            for (key, entry) in entries {
                if let domain = entry.domain {
                    byProvider[domain.provider, default: []].append((key, entry))
                } else {
                    spread.append(Placement(key: key, kind: entry.kind, entityID: entry.entityID, title: entry.title,
                                            items: entry.items.sorted()))
                }
            }
            let domains = byProvider.keys.sorted().map { provider -> DomainGroup in
                let members = byProvider[provider] ?? []
                let zoneNames = Set(members.compactMap { $0.entry.domain?.zone })
                let zones: [String?] = (members.contains { $0.entry.domain?.zone == nil } ? [nil] : []) + zoneNames.sorted().map { $0 }
                return DomainGroup(
                    key: "domain:\(environment):\(provider)", providerID: provider,
                    title: ArchitectureModel.providerTitle(provider, index),
                    zones: zones.map { zone in
                        ZoneGroup(zone: zone, placements: members.filter { $0.entry.domain?.zone == zone }.map {
                            Placement(key: $0.key, kind: $0.entry.kind, entityID: $0.entry.entityID, title: $0.entry.title,
                                      items: $0.entry.items.sorted())
                        })
                    })
            }
            if domains.isEmpty && spread.isEmpty { return nil }
            return EnvironmentGroup(id: environment, title: ArchitectureModel.environmentTitle(environment, index),
                                    domains: domains, spread: spread)
        }
    }

    /// Decides the placement (the box) every service, datastore, cluster and host is drawn in.
    private struct Placing {
        let index: InventoryIndex
        var pending: [String: Layout.Pending] = [:]
        var placementOf: [String: String] = [:]

        init(index: InventoryIndex) {
            self.index = index
        }

        private func domainOf(hosts: [String]) -> (provider: String, zone: String?)? {
            let found = hosts.compactMap { index.hosts[$0] }
            guard let first = found.first, found.count == hosts.count,
                  found.allSatisfy({ $0.provider == first.provider }) else { return nil }
            let zone = found.allSatisfy({ $0.zone == first.zone }) ? first.zone : nil
            return (first.provider, zone)
        }

        private mutating func hostKey(_ id: String) -> String {
            if pending["host:\(id)"] == nil, let host = index.hosts[id] {
                pending["host:\(id)"] = .init(kind: .host(id), entityID: id, title: "host \(id)",
                                              environment: host.environment, domain: (host.provider, host.zone))
            }
            return "host:\(id)"
        }

        private mutating func clusterKey(_ id: String) -> String {
            if pending["cluster:\(id)"] == nil, let cluster = index.clusters[id] {
                let members = cluster.members.map(\.host)
                pending["cluster:\(id)"] = .init(kind: .cluster(id), entityID: id,
                                                 title: "cluster \(id) (\(cluster.kind): \(members.joined(separator: ", ")))",
                                                 environment: cluster.environment, domain: domainOf(hosts: members))
            }
            return "cluster:\(id)"
        }

        /// Where an entity that runs on `targets` (host and cluster ids) goes.
        private mutating func keyFor(runsOn targets: [String], environment: String) -> String? {
            let unique = Array(Set(targets)).sorted()
            guard !unique.isEmpty, unique.allSatisfy({ index.hosts[$0] != nil || index.clusters[$0] != nil }) else { return nil }
            if unique.count == 1 {
                return index.hosts[unique[0]] != nil ? hostKey(unique[0]) : clusterKey(unique[0])
            }
            let key = "group:\(environment):\(unique.joined(separator: "+"))"
            if pending[key] == nil {
                let hosts = Array(Set(unique.flatMap { index.hostIDs(of: $0) })).sorted()
                let domain = domainOf(hosts: hosts)
                let members = unique.map { id -> String in
                    guard domain == nil, let host = index.hosts[id] else { return id }
                    return "\(id) on \(host.provider)"
                }
                pending[key] = .init(kind: .hostGroup(unique), entityID: nil,
                                     title: "\(domain == nil ? "across failure domains" : "hosts"): \(members.joined(separator: ", "))",
                                     environment: environment, domain: domain)
            }
            return key
        }

        private mutating func providerKey(_ provider: String, environment: String) -> String {
            let key = "provider:\(environment):\(provider)"
            if pending[key] == nil {
                pending[key] = .init(kind: .provider(provider), entityID: nil, title: "run by \(provider)",
                                     environment: environment, domain: (provider, nil))
            }
            return key
        }

        private mutating func unplacedKey(_ environment: String) -> String {
            let key = "unplaced:\(environment)"
            if pending[key] == nil {
                pending[key] = .init(kind: .unplaced, entityID: nil, title: "no host or provider recorded",
                                     environment: environment, domain: nil)
            }
            return key
        }

        mutating func placeServicesAndDatastores() {
            for service in index.inventory.services {
                let key: String
                if let placed = keyFor(runsOn: service.runsOn, environment: service.environment) {
                    key = placed
                } else if service.runsOn.isEmpty, let provider = service.provider {
                    key = providerKey(provider, environment: service.environment)
                } else {
                    key = unplacedKey(service.environment)
                }
                pending[key]?.items.append(service.id)
                placementOf[service.id] = key
            }
            for datastore in index.inventory.datastores {
                let key: String
                switch datastore.hosting {
                case .host(let id)? where index.hosts[id] != nil: key = hostKey(id)
                case .cluster(let id)? where index.clusters[id] != nil: key = clusterKey(id)
                case .provider(let id)?: key = providerKey(id, environment: datastore.environment)
                default: key = unplacedKey(datastore.environment)
                }
                pending[key]?.items.append(datastore.id)
                placementOf[datastore.id] = key
            }
        }

        /// Every cluster is drawn; so is every host, unless it only serves as a member of a
        /// cluster or group drawn elsewhere (its id is in that box's title).
        mutating func placeClustersAndHosts() {
            let inventory = index.inventory
            for cluster in inventory.clusters { _ = clusterKey(cluster.id) }
            let grouped = Set(pending.values.flatMap { entry -> [String] in
                switch entry.kind {
                case .cluster(let id): index.clusters[id]?.members.map(\.host) ?? []
                case .hostGroup(let ids): ids.flatMap { index.hostIDs(of: $0) }
                default: []
                }
            })
            let referenced = Set(inventory.services.flatMap { $0.dependsOn.map(\.target) })
                .union(inventory.dns.flatMap { $0.records.flatMap(\.targets) + $0.pools.flatMap(\.members) })
            for host in inventory.hosts where !grouped.contains(host.id) || referenced.contains(host.id) {
                _ = hostKey(host.id)
            }
            for (key, entry) in pending where entry.entityID != nil {
                placementOf[entry.entityID ?? key] = key
            }
        }
    }
}

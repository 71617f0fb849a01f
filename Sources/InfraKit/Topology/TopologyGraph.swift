import InfraModel

/// The graph of what runs where and depends on what, built once from an inventory.
///
/// Nodes are the parts that can fail or be affected: providers, hosts, clusters, services,
/// datastores, DNS zones and monitors, numbered densely. Each node lists its inputs (what its
/// health is computed from) and the graph keeps the reverse edges, so a failure is propagated only
/// through the part of the system it reaches.
public struct TopologyGraph: Sendable {
    public enum Kind: String, Sendable {
        case provider, host, cluster, service, datastore, dns, monitor

        package var noun: String { self == .dns ? "DNS zone" : rawValue }
    }

    /// How a node depends on one of its inputs.
    enum Edge: Sendable {
        /// Runs on a host or cluster (an instance).
        case instance
        /// Is run by a provider (managed datastore, external service).
        case provider
        /// A load balancer's backend service.
        case backend
        /// A dependency on another service, datastore, cluster or host.
        case dependency
        /// A cluster member; `votes` for voters and arbiters.
        case member(votes: Bool)
        /// A DNS record target, or a traffic-manager pool member (`monitored` says whether the
        /// traffic manager routes around it).
        case dnsTarget(pooled: Bool, monitored: Bool)
    }

    public struct Node: Sendable {
        public let id: String
        public let kind: Kind
        public let environment: String?
        let inputs: [(node: Int, edge: Edge)]
        /// How many inputs are voting members, instances and backends: counted once, so that
        /// evaluating a node during a simulation does not walk its inputs.
        let voters: Int
        let instances: Int
        let backends: Int

        init(id: String, kind: Kind, environment: String?, inputs: [(node: Int, edge: Edge)]) {
            (self.id, self.kind, self.environment, self.inputs) = (id, kind, environment, inputs)
            var (voters, instances, backends) = (0, 0, 0)
            for input in inputs {
                switch input.edge {
                case .member(votes: true): voters += 1
                case .instance: instances += 1
                case .backend: backends += 1
                default: break
                }
            }
            (self.voters, self.instances, self.backends) = (voters, instances, backends)
        }
    }

    public let index: InventoryIndex
    public private(set) var nodes: [Node] = []
    /// Node number by entity id.
    public private(set) var numbers: [String: Int] = [:]
    /// A node that has another as an input: which, at what position among its inputs, by what edge.
    struct Dependent: Sendable {
        let node: Int
        let position: Int
        let edge: Edge
    }
    /// Every node's dependents in one table, node by node: node n's run from `dependentStarts[n]` to
    /// `dependentStarts[n + 1]`. A simulation reaching 300,000 nodes reads them with no array of
    /// its own a node to find, count and release.
    private var dependentList: [Dependent] = []
    private var dependentStarts: [Int] = []
    /// Hosts by provider id, zone and region, for failing whole domains.
    public private(set) var hostsByProvider: [String: [Int]] = [:]
    public private(set) var hostsByZone: [String: [Int]] = [:]
    public private(set) var providersByRegion: [String: [Int]] = [:]

    public init(_ inventory: Inventory) {
        self.init(index: InventoryIndex(inventory))
    }

    public init(index: InventoryIndex) {
        self.index = index
        let inventory = index.inventory
        // Number every node first, so inputs can refer to any of them.
        var pending: [(id: String, kind: Kind, environment: String?)] = []
        pending += inventory.providers.map { ($0.id, .provider, nil) }
        pending += inventory.hosts.map { ($0.id, .host, $0.environment) }
        pending += inventory.clusters.map { ($0.id, .cluster, $0.environment) }
        pending += inventory.services.map { ($0.id, .service, $0.environment) }
        pending += inventory.datastores.map { ($0.id, .datastore, $0.environment) }
        pending += inventory.dns.map { ($0.id, .dns, nil) }
        pending += inventory.monitors.map { ($0.id, .monitor, nil) }
        for (offset, entry) in pending.enumerated() where numbers[entry.id] == nil {
            numbers[entry.id] = offset
        }
        nodes.reserveCapacity(pending.count)
        for entry in pending {
            nodes.append(Node(id: entry.id, kind: entry.kind, environment: entry.environment, inputs: inputs(of: entry.id, entry.kind)))
        }
        // Counted, then placed: each node's dependents in the order of their numbers and positions.
        var starts = [Int](repeating: 0, count: nodes.count + 1)
        for node in nodes {
            for input in node.inputs { starts[input.node + 1] += 1 }
        }
        for number in nodes.indices { starts[number + 1] += starts[number] }
        var next = starts
        var list = [Dependent](repeating: Dependent(node: 0, position: 0, edge: .instance), count: starts[nodes.count])
        for (number, node) in nodes.enumerated() {
            for (position, input) in node.inputs.enumerated() {
                list[next[input.node]] = Dependent(node: number, position: position, edge: input.edge)
                next[input.node] += 1
            }
        }
        (dependentList, dependentStarts) = (list, starts)
        for host in inventory.hosts {
            guard let number = numbers[host.id] else { continue }
            hostsByProvider[host.provider, default: []].append(number)
            if let zone = host.zone { hostsByZone[zone, default: []].append(number) }
        }
        for provider in inventory.providers {
            guard let region = provider.region, let number = numbers[provider.id] else { continue }
            providersByRegion[region, default: []].append(number)
        }
    }

    private func inputs(of id: String, _ kind: Kind) -> [(node: Int, edge: Edge)] {
        var result: [(node: Int, edge: Edge)] = []
        func add(_ id: String, _ edge: Edge) {
            if let number = numbers[id] { result.append((number, edge)) }
        }
        switch kind {
        case .provider:
            break
        case .host:
            if let host = index.hosts[id] { add(host.provider, .provider) }
        case .cluster:
            for member in index.clusters[id]?.members ?? [] {
                add(member.host, .member(votes: member.role != .standby))
            }
        case .service:
            guard let service = index.services[id] else { break }
            for target in service.runsOn { add(target, .instance) }
            if service.runsOn.isEmpty, let provider = service.provider { add(provider, .provider) }
            for backend in service.balances { add(backend, .backend) }
            for dependency in service.dependsOn { add(dependency.target, .dependency) }
        case .datastore:
            switch index.datastores[id]?.hosting {
            case .host(let host)?: add(host, .instance)
            case .cluster(let cluster)?: add(cluster, .instance)
            case .provider(let provider)?: add(provider, .provider)
            case nil: break
            }
        case .dns:
            guard let zone = index.zones[id] else { break }
            for pool in zone.pools {
                for member in pool.members { add(member, .dnsTarget(pooled: true, monitored: pool.monitored == true)) }
            }
            let pooled = Set(zone.pools.flatMap(\.members))
            for record in zone.records {
                for target in record.targets where !pooled.contains(target) { add(target, .dnsTarget(pooled: false, monitored: false)) }
            }
        case .monitor:
            for place in index.monitors[id]?.runsOn ?? [] { add(place, .instance) }
        }
        return result
    }

    func dependents(of node: Int) -> ArraySlice<Dependent> { dependentList[dependentStarts[node]..<dependentStarts[node + 1]] }

    /// Where node's dependents are in the table, for reading them one by one (`dependent(at:)`)
    /// in a simulation's inner loop without a slice to retain and release for each node.
    func dependentRange(of node: Int) -> Range<Int> { dependentStarts[node]..<dependentStarts[node + 1] }

    func dependent(at index: Int) -> Dependent { dependentList[index] }

    /// `nodes` and every node they take their health from, directly or through others: the nodes
    /// whose failure can reach one of `nodes`. Each node is visited once.
    func upstream(of nodes: [Int]) -> [Int] {
        var seen = Set(nodes)
        var stack = Array(seen)
        while let node = stack.popLast() {
            for input in self.nodes[node].inputs where seen.insert(input.node).inserted {
                stack.append(input.node)
            }
        }
        return Array(seen)
    }

    /// "host 'web-1'".
    public func name(_ node: Int) -> String {
        "\(nodes[node].kind.noun) '\(nodes[node].id)'"
    }

    public func isProduction(_ node: Int) -> Bool {
        guard let environment = nodes[node].environment else { return index.isProduction(nodes[node].id) }
        return index.environments[environment]?.isProduction == true
    }
}

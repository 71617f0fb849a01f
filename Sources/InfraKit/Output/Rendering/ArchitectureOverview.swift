import InfraModel
import InfraTopology

/// The diagram of a system too large to draw entity by entity: groups of entities — per
/// environment, provider (region) and zone, one group per service kind, datastore engine, cluster
/// kind and the hosts — with how many entities each holds and the worst finding among them, and
/// the edges between groups counted.
///
/// Built once from an `ArchitectureModel` (or the placements a focus selects) at one `Grain`;
/// Mermaid, DOT and the built-in SVG draw the same overview, so they count the same.
public struct ArchitectureOverview: Sendable {
    /// How finely groups are split: by zone, by provider (one region), or by environment only.
    public enum Grain: Int, Sendable, CaseIterable {
        case zone, provider, environment

        /// What a group is per, for the note above the diagram.
        var phrase: String {
            switch self {
            case .zone: "environment, provider (region) and zone"
            case .provider: "environment and provider (region)"
            case .environment: "environment"
            }
        }
    }

    /// Entities of one kind in one place.
    public struct Group: Sendable {
        /// Unique in the overview: environment, provider, zone and what is counted.
        public let key: String
        /// `web services`, `postgres datastores`, `etcd clusters`, `hosts`, `DNS zones`.
        public let title: String
        public let kind: ArchitectureModel.NodeKind
        /// Whether a load balancer or proxy group: drawn in the entry column of the built-in SVG.
        public let isEntry: Bool
        public internal(set) var count = 0
        public internal(set) var findingCount = 0
        /// The most severe finding about any member, the first in report order among equals.
        public internal(set) var worst: (severity: Severity, rule: String)?
        /// Under a simulated failure (`marks`): the worst state among the members, how many are
        /// not up, and how many datastores among them lose data.
        public internal(set) var worstState: Health?
        public internal(set) var stateCount = 0
        public internal(set) var dataLostCount = 0
    }

    /// Edges of the model between two groups, counted.
    public struct Link: Sendable {
        public let from: Int
        public let to: Int
        public let kind: ArchitectureModel.EdgeKind
        public internal(set) var count = 0
        /// How many of them are plaintext between failure domains.
        public internal(set) var plaintextAcrossDomains = 0

        /// `1,200 dependencies`, `balances 300`, `30 DNS records`; and the plaintext ones.
        public var label: String {
            var text: String
            switch kind {
            case .dependency: text = "\(ArchitectureOverview.counted(count)) \(count == 1 ? "dependency" : "dependencies")"
            case .backend: text = "balances \(ArchitectureOverview.counted(count))"
            case .dns: text = "\(ArchitectureOverview.counted(count)) DNS \(count == 1 ? "target" : "targets")"
            }
            if plaintextAcrossDomains > 0 { text += ", \(ArchitectureOverview.counted(plaintextAcrossDomains)) plaintext across domains ⚠" }
            return text
        }
    }

    public struct Zone: Sendable {
        /// nil: what sits in the provider without a zone (or every zone, at a coarser grain).
        public let name: String?
        public let groups: [Int]
    }

    public struct Domain: Sendable {
        public let key: String
        public let title: String
        public let zones: [Zone]
    }

    public struct EnvironmentPart: Sendable {
        public let id: String
        public let title: String
        public let domains: [Domain]
        /// Groups that span failure domains, are unplaced, or (at the environment grain) all of them.
        public let spread: [Int]
    }

    public let grain: Grain
    public let groups: [Group]
    public let environments: [EnvironmentPart]
    /// DNS zone groups, one per DNS provider, outside every environment.
    public let dnsGroups: [Int]
    public let links: [Link]
    /// How many entities the groups hold together.
    public var entityCount: Int { groups.reduce(0) { $0 + $1.count } }

    /// `12,345`: counts read at a glance.
    static func counted(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// `placementKeys`: the placements to count (nil: all of them). `overlay`: a simulated failure
    /// whose states the groups gather.
    public init(_ model: ArchitectureModel, placementKeys: Set<String>? = nil, grain: Grain, overlay: DiagramOverlay? = nil) {
        var builder = Builder(model: model, grain: grain)
        builder.collect(placementKeys)
        if let overlay { builder.gather(overlay) }
        self.grain = grain
        groups = builder.groups
        environments = builder.environments
        dnsGroups = builder.dnsGroups
        links = builder.links(model)
    }
}

extension ArchitectureOverview {
    private struct Builder {
        let model: ArchitectureModel
        let grain: Grain
        var groups: [Group] = []
        var environments: [EnvironmentPart] = []
        var dnsGroups: [Int] = []
        var positionOf: [GroupKey: Int] = [:]
        var dnsPositionOf: [String: Int] = [:]
        /// The group of each entity counted.
        var groupOf: [String: Int] = [:]

        /// What a group is per: where (`prefix`) and what (a service kind, an engine, ...).
        struct GroupKey: Hashable {
            let prefix: String
            let category: Category
        }

        /// What a group counts; its strings are the inventory's own, so making one allocates nothing.
        struct Category: Hashable {
            enum Tag: Hashable { case service, datastore, cluster, hosts }
            let tag: Tag
            let name: String
            var isEntry = false

            var key: String {
                switch tag {
                case .service: "service:" + name
                case .datastore: "datastore:" + name
                case .cluster: "cluster:" + name
                case .hosts: "hosts"
                }
            }
            var title: String {
                switch tag {
                case .service: name + " services"
                case .datastore: name + " datastores"
                case .cluster: name + " clusters"
                case .hosts: "hosts"
                }
            }
            var kind: ArchitectureModel.NodeKind {
                switch tag {
                case .service: .service
                case .datastore: .datastore
                case .cluster: .cluster
                case .hosts: .host
                }
            }
        }

        init(model: ArchitectureModel, grain: Grain) {
            self.model = model
            self.grain = grain
        }

        var index: InventoryIndex { model.index }

        mutating func group(_ prefix: String, _ category: Category) -> Int {
            let key = GroupKey(prefix: prefix, category: category)
            if let known = positionOf[key] { return known }
            groups.append(Group(key: prefix + "/" + category.key, title: category.title, kind: category.kind, isEntry: category.isEntry))
            positionOf[key] = groups.count - 1
            return groups.count - 1
        }

        /// Counts every member of `placement` in its group under `prefix`, noting new groups in `list`.
        mutating func add(_ placement: ArchitectureModel.Placement, prefix: String, into list: inout [Int]) {
            // A member already counted in another group (a host of one environment in a cluster of
            // another) makes no group here: it would be drawn empty.
            for id in members(placement) where groupOf[id] == nil {
                guard let category = category(id) else { continue }
                let position = group(prefix, category)
                if list.last != position && !list.contains(position) { list.append(position) }
                count(id, in: position)
            }
        }

        /// Counts `id` in group `position`, once.
        mutating func count(_ id: String, in position: Int) {
            guard groupOf[id] == nil else { return }
            groupOf[id] = position
            groups[position].count += 1
        }

        /// What a group of `id` is called and drawn as.
        func category(_ id: String) -> Category? {
            switch model.nodeKinds[id] {
            case .service?:
                guard let service = index.services[id] else { return nil }
                return Category(tag: .service, name: service.kind.rawValue, isEntry: service.kind == .loadBalancer || service.kind == .proxy)
            case .datastore?:
                return index.datastores[id].map { Category(tag: .datastore, name: $0.engine) }
            case .cluster?:
                return index.clusters[id].map { Category(tag: .cluster, name: $0.kind) }
            case .host?, nil:
                // A host in a cluster or group is not drawn on its own: it has no node kind.
                return index.hosts[id] != nil ? Category(tag: .hosts, name: "") : nil
            case .dns?:
                return nil
            }
        }

        /// Collects the groups of every placement in `placementKeys` (all when nil), in the model's order.
        mutating func collect(_ placementKeys: Set<String>?) {
            for environment in model.environments {
                var domains: [Domain] = []
                var spread: [Int] = []
                let environmentKey = "env:" + environment.id
                for domain in environment.domains {
                    let zonePrefix = domain.key + "/zone:"
                    var zones: [Zone] = []
                    var unzoned: [Int] = []
                    for zone in domain.zones {
                        var listed: [Int] = []
                        let zoneKey = zone.zone.map { zonePrefix + $0 }
                        for placement in zone.placements where placementKeys?.contains(placement.key) ?? true {
                            switch grain {
                            case .zone where zoneKey != nil:
                                add(placement, prefix: zoneKey ?? "", into: &listed)
                            case .zone, .provider: add(placement, prefix: domain.key, into: &unzoned)
                            case .environment: add(placement, prefix: environmentKey, into: &spread)
                            }
                        }
                        if !listed.isEmpty { zones.append(Zone(name: zone.zone, groups: listed)) }
                    }
                    if !unzoned.isEmpty { zones.insert(Zone(name: nil, groups: unzoned), at: 0) }
                    if !zones.isEmpty { domains.append(Domain(key: domain.key, title: domain.title, zones: zones)) }
                }
                let spreadKey = grain == .environment ? environmentKey : environmentKey + "/spread"
                for placement in environment.spread where placementKeys?.contains(placement.key) ?? true {
                    add(placement, prefix: spreadKey, into: &spread)
                }
                if domains.isEmpty && spread.isEmpty { continue }
                environments.append(EnvironmentPart(id: environment.id, title: environment.title, domains: domains, spread: spread))
            }
            // In a focused overview, only the DNS zones that point into it.
            var pointingIn = Set<String>()
            if placementKeys != nil {
                for edge in model.edges where edge.kind == .dns && groupOf[edge.to] != nil { pointingIn.insert(edge.from) }
            }
            for zone in model.dnsZones {
                if placementKeys != nil && !pointingIn.contains(zone.id) { continue }
                let position = dnsGroup(zone.provider)
                if !dnsGroups.contains(position) { dnsGroups.append(position) }
                count(zone.id, in: position)
            }
            findings()
        }

        /// The group of the DNS zones hosted by `provider`.
        mutating func dnsGroup(_ provider: String) -> Int {
            let key = "dns/" + provider
            if let known = dnsPositionOf[key] { return known }
            groups.append(Group(key: key, title: "DNS zones on " + provider, kind: .dns, isEntry: true))
            dnsPositionOf[key] = groups.count - 1
            return groups.count - 1
        }

        /// The entities a placement holds: what is placed on it, the host or cluster it is, and the hosts under it.
        func members(_ placement: ArchitectureModel.Placement) -> [String] {
            var ids = placement.items
            switch placement.kind {
            case .host(let id): ids.append(id)
            case .cluster(let id): ids += [id] + (index.clusters[id]?.members.map(\.host) ?? [])
            case .hostGroup(let targets): ids += targets.flatMap { index.hostIDs(of: $0) }
            case .provider, .unplaced: break
            }
            return ids
        }

        mutating func gather(_ overlay: DiagramOverlay) {
            for (id, health) in overlay.states {
                guard let position = groupOf[id] else { continue }
                groups[position].stateCount += 1
                groups[position].worstState = max(groups[position].worstState ?? health, health)
            }
            for id in overlay.data.keys {
                if let position = groupOf[id] { groups[position].dataLostCount += 1 }
            }
        }

        mutating func findings() {
            for finding in model.findings {
                guard let id = finding.entityID, let position = groupOf[id] else { continue }
                groups[position].findingCount += 1
                if groups[position].worst.map({ finding.severity > $0.severity }) ?? true {
                    groups[position].worst = (finding.severity, finding.ruleID)
                }
            }
        }

        /// The model's edges between counted entities, merged per pair of groups and kind, in first-seen order.
        func links(_ model: ArchitectureModel) -> [Link] {
            var links: [Link] = []
            var positionOf: [String: Int] = [:]
            for edge in model.edges {
                guard let from = groupOf[edge.from], let to = groupOf[edge.to] else { continue }
                let key = "\(from) \(to) \(edge.kind.rawValue)"
                let position: Int
                if let known = positionOf[key] {
                    position = known
                } else {
                    links.append(Link(from: from, to: to, kind: edge.kind))
                    position = links.count - 1
                    positionOf[key] = position
                }
                links[position].count += 1
                if edge.plaintextAcrossDomains { links[position].plaintextAcrossDomains += 1 }
            }
            return links
        }
    }
}

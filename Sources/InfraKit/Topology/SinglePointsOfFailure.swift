import InfraModel

/// A production service whose every instance runs on one host.
public struct SinglePointOfFailure: Sendable, Equatable {
    public let hostID: String
    /// Production services that run only on this host, sorted.
    public let serviceIDs: [String]

    /// Production services on one host that a DNS traffic manager routes around (a failover
    /// manager, or a monitored pool with a member on another host), as `single-point-of-failure`
    /// has it: the host is still a single point for the service, not for its traffic.
    public struct FailoverCovered: Sendable, Equatable {
        public let serviceID: String
        public let hostID: String
        public let partners: [String]
    }

    /// Single points of failure grouped by host, sorted by host; and the services a traffic manager covers.
    package static func all(_ index: InventoryIndex) -> (hosts: [SinglePointOfFailure], covered: [FailoverCovered]) {
        var byHost: [String: [String]] = [:]
        var covered: [FailoverCovered] = []
        let pools = poolsByMember(index)
        for service in index.inventory.services.sorted(by: { $0.id < $1.id }) {
            guard service.kind != .external, index.isProduction(service.id) else { continue }
            let hosts = index.hostIDs(of: service.id)
            guard hosts.count == 1, let host = hosts.first else { continue }
            let partners = failoverPartners(service.id, off: host, pools: pools[service.id] ?? [], index: index)
            if partners.isEmpty {
                byHost[host, default: []].append(service.id)
            } else {
                covered.append(FailoverCovered(serviceID: service.id, hostID: host, partners: partners))
            }
        }
        let hosts = byHost.keys.sorted().map { SinglePointOfFailure(hostID: $0, serviceIDs: byHost[$0] ?? []) }
        return (hosts, covered)
    }

    /// Each pool member's zones and pools, in the inventory's order (a pool naming a member twice
    /// counted once): each service looks up its own pools, not every zone's.
    private static func poolsByMember(_ index: InventoryIndex) -> [String: [(zone: DNSZone, pool: DNSZone.Pool)]] {
        var result: [String: [(zone: DNSZone, pool: DNSZone.Pool)]] = [:]
        for zone in index.inventory.dns {
            for pool in zone.pools {
                for member in Set(pool.members) { result[member, default: []].append((zone, pool)) }
            }
        }
        return result
    }

    private static func failoverPartners(_ id: String, off host: String, pools: [(zone: DNSZone, pool: DNSZone.Pool)],
                                         index: InventoryIndex) -> [String] {
        var partners = Set<String>()
        for (zone, pool) in pools {
            let candidates = zone.failover == true ? zone.pools.flatMap(\.members) : (pool.monitored == true ? pool.members : [])
            for partner in candidates where partner != id && index.hostIDs(of: partner).contains(where: { $0 != host }) {
                partners.insert(partner)
            }
        }
        return partners.sorted()
    }
}

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
    static func all(_ index: InventoryIndex) -> (hosts: [SinglePointOfFailure], covered: [FailoverCovered]) {
        var byHost: [String: [String]] = [:]
        var covered: [FailoverCovered] = []
        for service in index.inventory.services.sorted(by: { $0.id < $1.id }) {
            guard service.kind != .external, index.isProduction(service.id) else { continue }
            let hosts = index.hostIDs(of: service.id)
            guard hosts.count == 1, let host = hosts.first else { continue }
            let partners = failoverPartners(service.id, off: host, index: index)
            if partners.isEmpty {
                byHost[host, default: []].append(service.id)
            } else {
                covered.append(FailoverCovered(serviceID: service.id, hostID: host, partners: partners))
            }
        }
        let hosts = byHost.keys.sorted().map { SinglePointOfFailure(hostID: $0, serviceIDs: byHost[$0] ?? []) }
        return (hosts, covered)
    }

    private static func failoverPartners(_ id: String, off host: String, index: InventoryIndex) -> [String] {
        var partners = Set<String>()
        for zone in index.inventory.dns {
            for pool in zone.pools where pool.members.contains(id) {
                let candidates = zone.failover == true ? zone.pools.flatMap(\.members) : (pool.monitored == true ? pool.members : [])
                for partner in candidates where partner != id && index.hostIDs(of: partner).contains(where: { $0 != host }) {
                    partners.insert(partner)
                }
            }
        }
        return partners.sorted()
    }
}

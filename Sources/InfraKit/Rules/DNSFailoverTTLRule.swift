import InfraModel

struct DNSFailoverTTLRule: Rule {
    static let description = RuleDescription(
        identifier: "dns-failover-ttl",
        name: "DNS failover TTL",
        family: .availability,
        examines: [.dns],
        severity: .inProduction(.warning),
        summary: "a traffic-managed DNS zone with a long TTL or an unmonitored pool",
        rationale: """
        DNS failover works only as fast as resolvers forget the old answer and only if the traffic \
        manager knows a member is down. A record cached for an hour keeps clients on a dead address for \
        up to an hour after the manager has switched, and a pool whose members are not health-checked \
        is never switched at all. Only zones with a traffic manager (failover or pools) are checked: \
        elsewhere a long TTL is an ordinary choice. Within such a zone, the records that point at pool \
        members are the failover records; when none do, its address records (A, AAAA, CNAME, ALIAS) are.
        """,
        remediation: """
        Lower the TTL of failover records to the failover limit (300 seconds by default, setting \
        `failoverTTLSeconds`) or less, and turn on health monitoring for every pool (`monitored: true`).
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "lb-1", "environment": "prod", "provider": "linode-london"}, {"id": "lb-2", "environment": "prod", "provider": "aws-us-east-1"}],
            "dns": [{"id": "dns-www", "zone": "example.com", "provider": "aws-us-east-1",
                     "records": [
                       {"name": "www", "type": "A", "ttl": ↓3600, "targets": ["lb-1", "lb-2"]},
                       {"name": "api", "type": "A", "ttl": 60, "targets": ["lb-1", "lb-2"]},
                       {"type": "MX", "ttl": 86400, "targets": ["mail.example.net"]}
                     ],
                     "trafficManager": {"pools": [
                       {"name": "primary", "members": ["lb-1"], "monitored": true},
                       ↓{"name": "fallback", "members": ["lb-2"]}
                     ], "failover": true}}]
            """,
            """
            "hosts": [{"id": "geo-1", "environment": "staging", "provider": "linode-london"}],
            "dns": [{"id": "dns-app", "zone": "app.example.org", "provider": "linode-london",
                     "records": [{"name": "@", "type": "CNAME", "ttl": ↓900, "targets": ["edge.example.net"]},
                                 {"type": "TXT", "ttl": 3600, "targets": ["v=spf1 -all"]}],
                     "trafficManager": {"failover": true}},
                    {"id": "dns-geo", "zone": "geo.example.org", "provider": "linode-london",
                     "trafficManager": {"pools": [{"members": ["geo-1"], "monitored": ↓false}]}}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "dns": [{"id": "dns-c7", "zone": "classroom7.com", "provider": "linode-london",
                     "records": [{"name": "www", "type": "A", "ttl": 3600, "targets": ["web-1"]}]}]
            """,
            """
            "hosts": [{"id": "lb-1", "environment": "prod", "provider": "linode-london"}, {"id": "lb-2", "environment": "prod", "provider": "aws-us-east-1"}],
            "dns": [{"id": "dns-ide", "zone": "students.example.com", "provider": "aws-us-east-1",
                     "records": [{"type": "A", "targets": ["lb-1", "lb-2"]}, {"name": "www", "type": "A", "ttl": 300, "targets": ["lb-1"]},
                                 {"name": "docs", "type": "A", "ttl": 3600, "targets": ["198.51.100.4"]}],
                     "trafficManager": {"pools": [{"name": "global", "members": ["lb-1", "lb-2"], "monitored": true}], "failover": true}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.dns.flatMap { zone -> [Finding] in
            guard zone.failover == true || !zone.pools.isEmpty else { return [] }
            let limit = context.settings.failoverTTLSeconds
            let ttlFindings = failoverRecords(of: zone).compactMap { record -> Finding? in
                guard let ttl = record.ttl, ttl > limit else { return nil }
                return context.finding(Self.description, ttlMessage(record, zone, ttl: ttl, limit: limit),
                                       entityID: zone.id, origin: record.origin, key: "ttl")
            }
            let poolFindings = zone.pools.enumerated().compactMap { offset, pool -> Finding? in
                guard pool.monitored != true else { return nil }
                let key = pool.monitored == nil ? nil : "monitored"
                return context.finding(Self.description, poolMessage(pool, offset: offset, zone), entityID: zone.id,
                                       origin: pool.origin, key: key)
            }
            return ttlFindings + poolFindings
        }
    }

    /// The records a failover moves: those pointing at pool members, or, when none does, the
    /// zone's address records. Mail, text and other records are not part of the failover.
    private func failoverRecords(of zone: DNSZone) -> [DNSZone.Record] {
        let members = Set(zone.pools.flatMap(\.members))
        let pointing = zone.records.filter { !members.isDisjoint(with: $0.targets) }
        if !pointing.isEmpty { return pointing }
        return zone.records.filter { Self.addressTypes.contains($0.type.uppercased()) }
    }

    private static let addressTypes: Set<String> = ["A", "AAAA", "CNAME", "ALIAS", "ANAME"]

    private func recordName(_ record: DNSZone.Record, _ zone: DNSZone) -> String {
        guard let name = record.name, !name.isEmpty, name != "@" else { return zone.zone }
        return "\(name).\(zone.zone)"
    }

    private func ttlMessage(_ record: DNSZone.Record, _ zone: DNSZone, ttl: Int, limit: Int) -> String {
        "record '\(recordName(record, zone))' (\(record.type)) has ttl \(ttl)s, above the \(limit)s failover limit: "
            + "resolvers keep a failed address that long after the traffic manager switches"
    }

    private func poolMessage(_ pool: DNSZone.Pool, offset: Int, _ zone: DNSZone) -> String {
        let name = pool.name.map { "'\($0)'" } ?? "\(offset + 1)"
        return "traffic-manager pool \(name) of zone '\(zone.zone)' is not health-monitored, so a dead member is never taken out"
    }
}

import InfraModel

struct SinglePointOfFailureRule: Rule {
    static let description = RuleDescription(
        identifier: "single-point-of-failure",
        name: "Single point of failure",
        family: .availability,
        examines: [.service],
        cost: 0.07,
        severity: .fixed(.error),
        summary: "a production service, or a load balancer's backends, all on one host",
        rationale: """
        When every instance of a production service runs on one host, that host's crash, reboot, full \
        disk or botched upgrade is an outage of the service, however many processes it runs there. A \
        load balancer whose backends all sit on one host only adds a hop: it has nowhere else to send \
        traffic. A service that is one of several members of a health-checked DNS failover pool on \
        other hosts is not alone, since the traffic manager routes around it. Only production is \
        checked: a single staging or development box is a deliberate economy.
        """,
        remediation: """
        Run the service on at least two hosts (or on a cluster of several) behind a load balancer or a \
        monitored DNS failover pool, and give a load balancer backends on more than one host.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "linode-production", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ↓["linode-production"]},
              {"id": "rails", "environment": "prod", "kind": "web", "runsOn": ↓["linode-production"],
               "processes": {"manager": "unicorn", "count": 4}},
              {"id": "mailer", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"}
            ]
            """,
            """
            "hosts": [{"id": "ec2-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "ec2-1"}]}],
            "services": [
              {"id": "elb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1",
               "balances": ↓["web", "worker"], "healthCheck": {"kind": "http", "path": "/up"}},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ↓["deis"]},
              {"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ↓["ec2-1", "ec2-1"]}
            ]
            """,
            """
            "hosts": [
              {"id": "lb-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "lb-2", "environment": "prod", "provider": "linode-london"},
              {"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"}
            ],
            "services": [
              {"id": "haproxy-1", "environment": "prod", "kind": "load-balancer", "runsOn": ↓["lb-1"], "balances": ↓["app"]},
              {"id": "haproxy-2", "environment": "prod", "kind": "load-balancer", "runsOn": ↓["lb-2"], "balances": ↓["app"]},
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ↓["app-1"]}
            ],
            "dns": [{"id": "dns", "zone": "example.com", "provider": "aws-us-east-1",
                     "trafficManager": {"pools": [{"name": "all", "members": ["haproxy-1", "haproxy-2"]}]}}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "app-2", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "staging-1", "environment": "staging", "provider": "linode-london"}
            ],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "app-1"}, {"host": "app-2"}]}],
            "services": [
              {"id": "elb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1", "balances": ["web"]},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["deis"]},
              {"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ["app-1", "app-2"]},
              {"id": "web-staging", "environment": "staging", "kind": "web", "runsOn": ["staging-1"]},
              {"id": "lb-staging", "environment": "staging", "kind": "load-balancer", "provider": "aws-us-east-1", "balances": ["web-staging"]}
            ]
            """,
            """
            "hosts": [
              {"id": "lb-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "lb-2", "environment": "prod", "provider": "linode-london"},
              {"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"},
              {"id": "app-2", "environment": "prod", "provider": "linode-london"}
            ],
            "services": [
              {"id": "haproxy-1", "environment": "prod", "kind": "load-balancer", "runsOn": ["lb-1"], "balances": ["ide"]},
              {"id": "haproxy-2", "environment": "prod", "kind": "load-balancer", "runsOn": ["lb-2"], "balances": ["ide"]},
              {"id": "ide", "environment": "prod", "kind": "web", "runsOn": ["app-1", "app-2"]}
            ],
            "dns": [{"id": "ide-dns", "zone": "ide.example.com", "provider": "aws-us-east-1",
                     "trafficManager": {"pools": [{"name": "global", "members": ["haproxy-1", "haproxy-2"], "monitored": true}]}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let partners = failoverPartners(context)
        let services = context.inventory.services
        // Only the services a finding is about are copied out of the list: a copy retains every
        // string a service holds.
        return services.indices.flatMap { position -> [Finding] in
            guard services[position].kind != .external, context.index.isProduction(serviceAt: position) else { return [] }
            let id = services[position].id
            var findings: [Finding] = []
            let hosts = context.index.hostIDs(ofServiceAt: position)
            if hosts.count == 1, let host = hosts.first, !hasFailoverPartner(id, off: host, partners, context) {
                let service = services[position]
                findings.append(context.finding(Self.description, message(service, host: host), entityID: service.id,
                                                origin: service.origin, key: "runsOn"))
            }
            if services[position].kind == .loadBalancer {
                // All on one host: the backends' hosts are one id, however often repeated.
                let backends = services[position].balances.flatMap { context.index.hostIDs(of: $0) }
                if let backend = backends.first, backends.allSatisfy({ $0 == backend }) {
                    let service = services[position]
                    findings.append(context.finding(Self.description, balancerMessage(service, host: backend),
                                                    entityID: service.id, origin: service.origin, key: "balances"))
                }
            }
            return findings
        }
    }

    /// For every traffic-manager member, the other members a traffic manager that routes around
    /// failures (a failover manager, or a monitored pool) can send its traffic to. Built once, so
    /// the rule stays linear in the size of the inventory.
    private func failoverPartners(_ context: RuleContext) -> [String: Set<String>] {
        var partners: [String: Set<String>] = [:]
        for zone in context.inventory.dns {
            let everyone = zone.pools.flatMap(\.members)
            for pool in zone.pools {
                let reachable = zone.failover == true ? everyone : (pool.monitored == true ? pool.members : [])
                for member in pool.members { partners[member, default: []].formUnion(reachable) }
            }
        }
        return partners
    }

    /// Whether a failover partner of the service runs on another host.
    private func hasFailoverPartner(_ id: String, off host: String, _ partners: [String: Set<String>], _ context: RuleContext) -> Bool {
        (partners[id] ?? []).contains { partner in
            partner != id && context.index.hostIDs(of: partner).contains { $0 != host }
        }
    }

    private func message(_ service: Service, host: String) -> String {
        MessageText.joined("production ", service.kind.rawValue, " service '", service.id, "' runs only on host '", host, "'")
    }

    private func balancerMessage(_ service: Service, host: String) -> String {
        "load balancer '\(service.id)' has all its backends on host '\(host)'"
    }
}

import InfraModel

struct UnmonitoredServiceRule: Rule {
    static let description = RuleDescription(
        identifier: "unmonitored-service",
        name: "Unmonitored service",
        family: .operations,
        examines: [.service],
        cost: 0.06,
        severity: .inProduction(.error),
        summary: "a production service that no monitor watches",
        rationale: """
        When nothing watches a production service, the first to learn that it is down or failing is a \
        user. Outages last as long as it takes someone to complain, and there is no history to tell \
        when the trouble started.
        """,
        remediation: """
        Point a monitor at the service (an uptime check, APM, error tracking or a metrics check with an \
        alert) or at the cluster it runs on, and list the service in the monitor's `watches`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              ↓{"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web-1"]},
              {"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}
            ],
            "monitors": [{"id": "newrelic", "tool": "newrelic", "kind": "apm", "watches": ["rails"]}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              ↓{"id": "lb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1", "balances": ["app"]},
              ↓{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}
            ],
            "monitors": [{"id": "host-metrics", "tool": "datadog", "kind": "host", "watches": ["web-1"]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "node-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "node-1"}]}],
            "services": [
              {"id": "router", "environment": "prod", "kind": "proxy", "runsOn": ["deis"]},
              {"id": "apps", "environment": "prod", "kind": "web", "runsOn": ["deis"]},
              {"id": "mandrill", "environment": "prod", "kind": "external", "provider": "linode-london"}
            ],
            "monitors": [{"id": "cluster-health", "tool": "datadog", "kind": "metrics", "watches": ["deis"]}]
            """,
            """
            "hosts": [{"id": "qa-1", "environment": "staging", "provider": "linode-london"}],
            "services": [{"id": "app-qa", "environment": "staging", "kind": "web", "runsOn": ["qa-1"]}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}],
            "monitors": [{"id": "sentry", "tool": "sentry", "kind": "errors"}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        // A monitor that names nothing it watches may watch anything: the inventory does not say
        // what is unmonitored, so nothing is called unmonitored.
        guard context.inventory.monitors.allSatisfy({ !$0.watches.isEmpty }) else { return [] }
        let services = context.inventory.services
        // Only the services found are copied out of the list: a copy retains every string a service holds.
        return services.indices.compactMap { position in
            guard services[position].kind != .external, context.index.isProduction(serviceAt: position) else { return nil }
            let watched = context.index.isWatched(services[position].id)
                || services[position].runsOn.contains { context.index.clusters.contains($0) && context.index.isWatched($0) }
            guard !watched else { return nil }
            let service = services[position]
            return context.finding(Self.description, message(service), entityID: service.id, origin: service.origin,
                                   isProduction: true)
        }
    }

    private func message(_ service: Service) -> String {
        MessageText.joined("production ", service.kind.rawValue, " service '", service.id, "' is watched by no monitor")
    }
}

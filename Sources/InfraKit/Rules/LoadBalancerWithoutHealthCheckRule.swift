import InfraModel

struct LoadBalancerWithoutHealthCheckRule: Rule {
    static let description = RuleDescription(
        identifier: "load-balancer-without-health-check",
        name: "Load balancer without health check",
        family: .availability,
        examines: [.service],
        severity: .inProduction(.error),
        summary: "a load balancer with no health check on its backends",
        rationale: """
        A load balancer that does not health-check its backends keeps sending a share of the requests \
        to a backend that has crashed, hung or is being deployed, so one bad backend becomes errors for \
        a fraction of all users instead of a backend quietly taken out of rotation. haproxy, for one, \
        checks a server only when told to (`check`). This rule is about the health check being missing, \
        so a load balancer that records none is reported: recording the check that exists settles it.
        """,
        remediation: """
        Configure a health check on the load balancer (an HTTP check of a path that exercises the app, \
        with an interval of seconds) and record it as `healthCheck {kind, path, interval}`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "lb-1", "environment": "prod", "provider": "linode-london"}, {"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              ↓{"id": "haproxy", "environment": "prod", "kind": "load-balancer", "runsOn": ["lb-1"], "balances": ["app"]},
              {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["app-1"]}
            ]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "staging", "provider": "aws-us-east-1"}],
            "services": [
              ↓{"id": "elb", "environment": "staging", "kind": "load-balancer", "provider": "aws-us-east-1",
                "balances": ["web"], "tls": {"terminates": true}},
              {"id": "web", "environment": "staging", "kind": "web", "runsOn": ["web-1"], "healthCheck": {"kind": "http", "path": "/up"}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "services": [
              {"id": "elb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1",
               "balances": ["web"], "healthCheck": {"kind": "http", "path": "/health-check", "interval": "15s"}},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}
            ]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web-1"]},
              {"id": "haproxy", "environment": "prod", "kind": "load-balancer", "runsOn": ["web-1"], "healthCheck": {"kind": "tcp"}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.services.compactMap { service in
            guard service.kind == .loadBalancer, service.healthCheck == nil else { return nil }
            return context.finding(Self.description, message(service), entityID: service.id, origin: service.origin)
        }
    }

    private func message(_ service: Service) -> String {
        let backends = service.balances.isEmpty ? "" : " (" + service.balances.map { "'\($0)'" }.joined(separator: ", ") + ")"
        return "load balancer '\(service.id)' records no health check of its backends\(backends): without one it keeps sending traffic to a backend that is down"
    }
}

import InfraModel

struct ProductionWithoutPipelineRule: Rule {
    static let description = RuleDescription(
        identifier: "production-without-pipeline",
        name: "Production without pipeline",
        family: .delivery,
        examines: [.service],
        severity: .inProduction(.warning),
        summary: "a production web, worker or scheduler service that no pipeline deploys",
        rationale: """
        Code that reaches production by hand (a `git pull` on the server, a copied directory, a \
        command someone remembers) is deployed differently each time, skips tests and review, leaves \
        no record of what runs where, and cannot be rolled back or repeated by anyone else. Only \
        application code is checked: web, worker and scheduler services. Proxies, load balancers and \
        external services are configured, not deployed by a pipeline.
        """,
        remediation: """
        Deploy the service with a pipeline (CI/CD, Capistrano, a platform's git push, edeliver) and \
        record it in `pipelines` with the service in its `deploys`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "linode-production", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["linode-production"]},
              ↓{"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["linode-production"]}
            ]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "services": [
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["app-1"]},
              ↓{"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ["app-1"]},
              ↓{"id": "clock", "environment": "prod", "kind": "scheduler", "runsOn": ["app-1"]}
            ],
            "pipelines": [{"id": "deploy", "deploys": ["web"], "stages": [{"kind": "test"}, {"kind": "deploy", "environment": "prod"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "aws-us-east-1"}],
            "services": [
              {"id": "lb", "environment": "prod", "kind": "load-balancer", "provider": "aws-us-east-1", "balances": ["web"]},
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["app-1"]},
              {"id": "worker", "environment": "prod", "kind": "worker", "runsOn": ["app-1"]},
              {"id": "mailer", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"}
            ],
            "pipelines": [{"id": "cloud66", "deploys": ["web", "worker"], "stages": [{"kind": "deploy"}]}]
            """,
            """
            "hosts": [{"id": "box", "environment": "staging", "provider": "linode-london"}],
            "services": [
              {"id": "rails-staging", "environment": "staging", "kind": "web", "runsOn": ["box"]},
              {"id": "nginx-staging", "environment": "staging", "kind": "proxy", "runsOn": ["box"]}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let services = context.inventory.services
        // Only the services found are copied out of the list: a copy retains every string a service holds.
        return services.indices.compactMap { position in
            guard Self.applicationKinds.contains(services[position].kind), context.index.isProduction(serviceAt: position),
                  (context.index.pipelinesDeploying[services[position].id] ?? []).isEmpty else { return nil }
            let service = services[position]
            return context.finding(Self.description, message(service), entityID: service.id, origin: service.origin,
                                   isProduction: true)
        }
    }

    private static let applicationKinds: Set<Service.Kind> = [.web, .worker, .scheduler]

    private func message(_ service: Service) -> String {
        MessageText.joined("production ", service.kind.rawValue, " service '", service.id, "' is deployed by no pipeline")
    }
}

import InfraModel

struct UnsupervisedProcessRule: Rule {
    static let description = RuleDescription(
        identifier: "unsupervised-process",
        name: "Unsupervised process",
        family: .operations,
        examines: [.service],
        severity: .inProduction(.error),
        summary: "a long-running service that no process supervisor restarts",
        rationale: """
        A web server, worker, scheduler or proxy started by hand or from a deploy script stays down \
        after it crashes, runs out of memory or the machine reboots, until someone notices and starts \
        it again. There is also no clean way to restart it on deploy: the old processes are killed and \
        new ones started by whoever remembers how.
        """,
        remediation: """
        Run the service under a supervisor (systemd, upstart, supervisord, runit, foreman exporting to \
        one of these, or the platform's own process manager) that starts it on boot and restarts it \
        when it exits, and set `supervisor` accordingly.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["app-1"],
                          "processes": {"manager": "unicorn", "count": 4}, "supervisor": ↓"none"}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "staging", "provider": "linode-london"}],
            "services": [
              {"id": "resque", "environment": "staging", "kind": "worker", "runsOn": ["app-1"], "supervisor": ↓"none"},
              {"id": "clock", "environment": "staging", "kind": "scheduler", "runsOn": ["app-1"], "supervisor": ↓"none"},
              {"id": "nginx", "environment": "staging", "kind": "proxy", "runsOn": ["app-1"], "supervisor": "systemd"}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "gunicorn", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "supervisor": "supervisor"}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web-1"]},
              {"id": "mailer", "environment": "prod", "kind": "external", "provider": "aws-us-east-1", "supervisor": "none"}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.services.compactMap { service in
            // An absent supervisor is unknown, not missing: only a declared `none` is flagged.
            guard service.kind != .external, service.supervisor == Service.Supervisor.none else { return nil }
            return context.finding(Self.description, message(service), entityID: service.id,
                                   origin: service.origin, key: "supervisor")
        }
    }

    private func message(_ service: Service) -> String {
        let what = service.processes?.manager.map { "\($0) processes" } ?? "processes"
        return "\(service.kind.rawValue) service '\(service.id)' runs its \(what) with no supervisor to restart them"
    }
}

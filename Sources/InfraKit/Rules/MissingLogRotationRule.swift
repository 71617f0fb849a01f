import InfraModel

struct MissingLogRotationRule: Rule {
    static let description = RuleDescription(
        identifier: "missing-log-rotation",
        name: "Missing log rotation",
        family: .operations,
        examines: [.host],
        severity: .inProduction(.warning),
        summary: "a host that does not rotate its logs",
        rationale: """
        Logs that are never rotated grow until the disk is full. Then the database, the application \
        and the logger itself fail to write, usually long after the last change, so the outage looks \
        unrelated to anything anyone did.
        """,
        remediation: """
        Install and configure logrotate (or journald limits, or ship logs off the host and cap local \
        files) and set `logRotation` to `true`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london", "logRotation": ↓false}]
            """,
            """
            "hosts": [
              {"id": "app-1", "environment": "staging", "provider": "linode-london", "roles": ["app"], "logRotation": ↓false},
              {"id": "db-1", "environment": "prod", "provider": "aws-us-east-1", "logRotation": true}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london", "logRotation": true}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london", "roles": ["web"]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        // Only a declared `false` counts: an absent `logRotation` is unknown.
        // Only the hosts found are copied out of the list: a copy retains every string a host holds.
        let hosts = context.inventory.hosts
        return hosts.indices.compactMap { position in
            guard hosts[position].logRotation == false else { return nil }
            let host = hosts[position]
            return context.finding(Self.description, message(host), entityID: host.id, origin: host.origin, key: "logRotation",
                                   isProduction: context.index.isProduction(hostAt: position))
        }
    }

    private func message(_ host: Host) -> String {
        MessageText.joined("host '", host.id, "' does not rotate its logs")
    }
}

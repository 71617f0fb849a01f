import InfraModel

struct HandBuiltProductionHostRule: Rule {
    static let description = RuleDescription(
        identifier: "unmanaged-production-host",
        name: "Hand-built production host",
        family: .delivery,
        examines: [.host],
        severity: .inProduction(.warning),
        summary: "a production host set up by hand or cloned from a snapshot",
        rationale: """
        A production host configured by hand, or cloned from a snapshot of another machine, cannot be \
        rebuilt the same way twice: nobody knows exactly what is on it, its drift from staging grows \
        with every manual fix, and when it dies the replacement is an archaeology project rather than \
        a re-run. A snapshot also carries over whatever was wrong with the machine it was taken from.
        """,
        remediation: """
        Describe the host in configuration management or infrastructure as code (Ansible, Chef, \
        Puppet, Terraform, CloudFormation, a platform such as Cloud66), rebuild it from there, and set \
        `managedBy` accordingly.
        """,
        triggeringExamples: [
            """
            "hosts": [
              {"id": "linode-staging", "environment": "staging", "provider": "linode-london", "managedBy": "chef"},
              {"id": "linode-production", "environment": "prod", "provider": "linode-london", "managedBy": ↓"snapshot"}
            ]
            """,
            """
            "hosts": [
              {"id": "db-1", "environment": "prod", "provider": "aws-us-east-1", "managedBy": ↓"manual"},
              {"id": "mongo-1", "environment": "prod", "provider": "aws-us-east-1", "managedBy": ↓"snapshot"}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [
              {"id": "web-1", "environment": "prod", "provider": "aws-us-east-1", "managedBy": "cloudformation"},
              {"id": "web-2", "environment": "prod", "provider": "aws-us-east-1"}
            ]
            """,
            """
            "hosts": [
              {"id": "vagrant-1", "environment": "staging", "provider": "linode-london", "managedBy": "manual"},
              {"id": "stg-mongo", "environment": "staging", "provider": "aws-us-east-1", "managedBy": "snapshot"}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let hosts = context.inventory.hosts
        // Only the hosts found are copied out of the list: a copy retains every string a host holds.
        return hosts.indices.compactMap { position in
            guard let managedBy = hosts[position].managedBy, let how = Self.unmanaged(managedBy),
                  context.index.isProduction(hostAt: position) else { return nil }
            let host = hosts[position]
            return context.finding(Self.description, message(host, how), entityID: host.id, origin: host.origin,
                                   key: "managedBy", isProduction: true)
        }
    }

    /// How a host is set up when no configuration management does it, in the finding's words; nil
    /// for a managed host. A switch rather than a dictionary: looking a case up hashed its raw-value
    /// string at every host, 3.5M instructions on 10,000 hosts (callgrind), and a new kind of
    /// management has to be placed here before it compiles.
    private static func unmanaged(_ management: Host.Management) -> String? {
        switch management {
        case .manual: "configured by hand"
        case .snapshot: "built from a snapshot or machine image"
        case .chef, .ansible, .puppet, .cloud66, .terraform, .cloudformation: nil
        }
    }

    private func message(_ host: Host, _ how: String) -> String {
        MessageText.joined("production host '", host.id, "' is ", how, ", not by configuration management")
    }
}

import InfraModel

struct BackupNotOffsiteRule: Rule {
    static let description = RuleDescription(
        identifier: "backup-not-offsite",
        name: "Backup not off-site",
        family: .backups,
        examines: [.backup],
        severity: .inProduction(.warning),
        summary: "a backup that keeps its copies in the same failure domain as what it copies",
        rationale: """
        A backup exists for the day the original is gone. When the copies live with the same provider \
        in the same region, the events that take the original (a regional outage, a closed or \
        compromised account, a provider-wide mistake) take the copies with it.
        """,
        remediation: """
        Send the copies to a provider or region the protected datastores and hosts do not live in \
        (another cloud, another region, an independent storage service), or add a second backup \
        that copies them there.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}}],
            "backups": [{"id": "db-snapshots", "of": ["db"], "schedule": "@daily", "target": {"provider": ↓"aws-us-east-1"}}]
            """,
            """
            "providers": [
              {"id": "aws-compute", "kind": "aws", "region": "eu-west-1"},
              {"id": "aws-storage", "kind": "aws", "region": "eu-west-1"},
              {"id": "linode-london", "kind": "linode", "region": "london"}
            ],
            "hosts": [
              {"id": "app-1", "environment": "staging", "provider": "linode-london"},
              {"id": "db-1", "environment": "prod", "provider": "aws-compute", "zone": "eu-west-1a"}
            ],
            "backups": [
              {"id": "nightly", "of": ["app-1", "db-1"], "schedule": "0 3 * * *", "target": {"provider": ↓"aws-storage"}},
              {"id": "app-image", "of": ["app-1"], "schedule": "@weekly", "target": {"provider": ↓"linode-london"}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"}}],
            "backups": [{"id": "db-dump", "of": ["db", "db-1"], "schedule": "0 2 * * *", "target": {"provider": "aws-us-east-1"}}]
            """,
            """
            "providers": [
              {"id": "aws-virginia", "kind": "aws", "region": "us-east-1"},
              {"id": "aws-ireland", "kind": "aws", "region": "eu-west-1"},
              {"id": "cloudant", "kind": "cloudant"},
              {"id": "iriscouch", "kind": "iriscouch"}
            ],
            "datastores": [
              {"id": "orders", "environment": "prod", "engine": "aurora", "hosting": {"provider": "aws-virginia"}},
              {"id": "documents", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "cloudant"}}
            ],
            "backups": [
              {"id": "orders-copy", "of": ["orders"], "schedule": "@hourly", "target": {"provider": "aws-ireland"}},
              {"id": "documents-replica", "of": ["documents"], "schedule": "0 2 * * *", "method": "replication", "target": {"provider": "iriscouch"}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.backups.compactMap { backup in
            guard let target = context.index.domain(provider: backup.targetProvider, zone: nil, host: nil) else { return nil }
            // The key is built once per backup, not once per domain compared.
            let region = target.regionKey
            let exposed = backup.of.filter { id in
                context.index.failureDomains(of: id).contains { $0.regionKey == region }
            }
            guard let first = exposed.first else { return nil }
            let subject = exposed.first { context.index.isProduction($0) } ?? first
            return context.finding(Self.description, message(backup, exposed), entityID: backup.id,
                                   origin: backup.origin.child("target") ?? backup.origin, key: "provider",
                                   severityOf: subject)
        }
    }

    private func message(_ backup: Backup, _ exposed: [String]) -> String {
        let names = exposed.map { "'\($0)'" }.joined(separator: ", ")
        return "backup '\(backup.id)' keeps its copies in '\(backup.targetProvider)', the same failure domain as \(names)"
    }
}

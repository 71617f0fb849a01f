import InfraModel

struct BackupWithoutRetentionRule: Rule {
    static let description = RuleDescription(
        identifier: "backup-without-retention",
        name: "Backup without retention",
        family: .backups,
        examines: [.backup],
        severity: .inProduction(.warning),
        summary: "a backup that does not say how long its copies are kept",
        rationale: """
        Without a stated retention nobody knows how far back a restore can reach: copies either \
        pile up until storage fills or the budget complains, or a default nobody chose deletes them \
        before a slowly noticed corruption is found. Retention is also what data-protection rules \
        ask for.
        """,
        remediation: """
        Decide how long copies are kept and set `retention`: a duration (`"30d"`) or counts of \
        daily, weekly and monthly copies. Make the target enforce it (a lifecycle rule, the backup \
        tool's pruning).
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [↓{"id": "db-dump", "of": ["db"], "schedule": "every 4h", "target": {"provider": "aws-us-east-1"}}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [
              {"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"}, "retention": "30d"},
              ↓{"id": "web-1-files", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"},
                "notify": ["email"]}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "every 4h", "target": {"provider": "aws-us-east-1"}, "retention": "14d"}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "backups": [{"id": "db-1-images", "of": ["db-1"], "schedule": "@daily", "target": {"provider": "linode-london"},
                         "retention": {"daily": 7, "weekly": 4, "monthly": 12}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.backups.compactMap { backup in
            guard backup.retention == nil else { return nil }
            return context.finding(Self.description, message(backup), entityID: backup.id, origin: backup.origin)
        }
    }

    private func message(_ backup: Backup) -> String {
        "backup '\(backup.id)' does not say how long its copies are kept"
    }
}

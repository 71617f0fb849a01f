import InfraModel

struct BackupUnmonitoredRule: Rule {
    static let description = RuleDescription(
        identifier: "backup-unmonitored",
        name: "Backup unmonitored",
        family: .backups,
        examines: [.backup],
        severity: .inProduction(.error),
        summary: "a backup that tells nobody when it fails",
        rationale: """
        Backups fail quietly: a full disk, an expired credential or a changed schema stops them, \
        and the gap is found on the day a restore is needed. A backup that notifies no one on \
        failure, and that no alerting monitor watches, can have stopped months ago.
        """,
        remediation: """
        Set `notify` to the channels that hear about failed (and, ideally, missing) runs, or watch \
        the backup with a monitor that alerts, such as a dead man's switch expecting each run.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [↓{"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"}}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "staging", "provider": "linode-london"}],
            "backups": [↓{"id": "web-1-files", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"}, "notify": []}],
            "monitors": [{"id": "dashboards", "tool": "datadog", "kind": "metrics", "watches": ["web-1-files"]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"}, "notify": ["email"]}]
            """,
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "every 4h", "target": {"provider": "aws-us-east-1"}}],
            "monitors": [{"id": "backup-heartbeat", "tool": "prometheus", "watches": ["db-dump"],
                          "alerts": [{"channel": "pager", "target": "ops"}]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.backups.compactMap { backup in
            guard backup.notify.isEmpty else { return nil }
            // A monitor that watches the backup and alerts someone hears about failures too.
            let watched = (context.index.monitorsWatching[backup.id] ?? []).contains { !$0.alerts.isEmpty }
            guard !watched else { return nil }
            return context.finding(Self.description, message(backup), entityID: backup.id, origin: backup.origin)
        }
    }

    private func message(_ backup: Backup) -> String {
        "nobody is told when backup '\(backup.id)' fails: it notifies no one and no alerting monitor watches it"
    }
}

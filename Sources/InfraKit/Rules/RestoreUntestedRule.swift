import InfraModel

struct RestoreUntestedRule: Rule {
    static let description = RuleDescription(
        identifier: "restore-untested",
        name: "Restore untested",
        family: .backups,
        examines: [.backup],
        severity: .inProduction(.warning),
        summary: "a backup whose restore has no procedure, was never tested, or was last tested too long ago",
        rationale: """
        A backup is only as good as the last restore that worked. Dumps turn out empty, encryption \
        keys get lost, versions drift and procedures rot; without a written procedure and a recent \
        test, the first restore attempt happens during the outage. The age limit is the \
        `restoreTestMaxAge` setting (180 days unless configured).
        """,
        remediation: """
        Write the restore procedure in `restore.procedure`, restore a recent copy into a scratch \
        environment, check the data, and record the day in `restore.testedOn`; repeat on a schedule.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [
              ↓{"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"}},
              {"id": "db-snapshot", "of": ["db"], "schedule": "@weekly", "target": {"provider": "linode-london"},
               "restore": ↓{"procedure": "runbooks/restore-db.md"}}
            ]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "staging", "provider": "linode-london"}],
            "backups": [{"id": "web-1-files", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"},
                         "restore": {"procedure": "rsync back from the bucket", "testedOn": ↓"2024-12-02"}}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres"}],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "aws-us-east-1"},
                         "restore": {"procedure": "runbooks/restore-db.md", "testedOn": "2025-05-01"}}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "staging", "provider": "linode-london"}],
            "backups": [{"id": "web-1-files", "of": ["web-1"], "schedule": "@weekly", "target": {"provider": "aws-us-east-1"},
                         "restore": {"procedure": "rsync back from the bucket", "testedOn": "2024-12-03"}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        // Days are spelt once each: spelling one builds several strings, and every stale finding
        // names the reference day and a test day most backups share.
        var spelt: [Day: String] = [:]
        func text(_ day: Day) -> String {
            if let known = spelt[day] { return known }
            let text = day.description
            spelt[day] = text
            return text
        }
        return context.inventory.backups.compactMap { backup in
            guard let restore = backup.origin.child("restore") else {
                return context.finding(Self.description, message(backup, .noProcedure), entityID: backup.id,
                                       origin: backup.origin)
            }
            guard let testedOn = backup.restoreTestedOn else {
                return context.finding(Self.description, message(backup, .neverTested), entityID: backup.id,
                                       origin: restore)
            }
            let age = testedOn.days(to: context.settings.asOf)
            guard age * 86_400 > context.settings.restoreTestMaxAge.seconds else { return nil }
            return context.finding(Self.description, message(backup, .stale(text(testedOn), age, text(context.settings.asOf))),
                                   entityID: backup.id, origin: restore, key: "testedOn")
        }
    }

    private enum Gap {
        case noProcedure
        case neverTested
        /// The day last tested, the days since, the reference day: the days as written in messages.
        case stale(String, Int, String)
    }

    private func message(_ backup: Backup, _ gap: Gap) -> String {
        switch gap {
        case .noProcedure:
            "backup '\(backup.id)' has no restore procedure and its restore was never tested"
        case .neverTested:
            "restore from backup '\(backup.id)' was never tested"
        case .stale(let testedOn, let age, let asOf):
            // "restore from backup '<id>' was last tested on <day>, <age> days before <day>"
            MessageText.joined("restore from backup '", backup.id, "' was last tested on ", testedOn, ", ", String(age),
                               " days before ", asOf)
        }
    }
}

import InfraModel

struct BackupExceedsRPORule: Rule {
    static let description = RuleDescription(
        identifier: "backup-exceeds-rpo",
        name: "Backup exceeds recovery point objective",
        family: .backups,
        examines: [.datastore],
        severity: .inProduction(.warning),
        summary: "a datastore whose most frequent backup can leave more time between runs than its RPO",
        rationale: """
        The recovery point objective is the most data the owners accept to lose. A failure just \
        before a backup runs loses everything written since the previous run, so the longest gap \
        between runs (a weekend for a weekday schedule, 61 days for "the 31st of the month") is \
        the data actually at risk. A schedule that leaves longer gaps breaks the promise.
        """,
        remediation: """
        Run a backup of the datastore at least as often as its RPO in the worst case (for example \
        `every 1h`, or WAL shipping for minutes), or agree a longer RPO with its owners and record it.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "objectives": {"rpo": ↓"1h"}}],
            "backups": [{"id": "nightly", "of": ["db"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [
              {"id": "ledger", "environment": "staging", "engine": "mysql", "hosting": {"host": "db-1"}, "objectives": {"rpo": ↓"24h"}},
              {"id": "archive", "environment": "prod", "engine": "s3", "objectives": {"rto": "1d", "rpo": ↓"5w"}}
            ],
            "backups": [
              {"id": "weekdays", "of": ["db-1"], "schedule": "0 2 * * 1-5", "target": {"provider": "aws-us-east-1"}},
              {"id": "month-end", "of": ["archive"], "schedule": "0 0 31 * *", "target": {"provider": "linode-london"}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "objectives": {"rpo": "4h"}}],
            "backups": [
              {"id": "nightly", "of": ["db"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}},
              {"id": "dumps", "of": ["db"], "schedule": "every 4h", "target": {"provider": "linode-london"}}
            ]
            """,
            """
            "datastores": [
              {"id": "db", "environment": "prod", "engine": "postgres", "objectives": {"rpo": "1d"}},
              {"id": "unprotected", "environment": "prod", "engine": "postgres", "objectives": {"rpo": "1h"}},
              {"id": "unstated", "environment": "prod", "engine": "postgres"}
            ],
            "backups": [{"id": "late-night", "of": ["db", "unstated"], "schedule": "30 23 * * *", "target": {"provider": "linode-london"}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Working out a cron schedule's gap walks years of days; inventories repeat a few schedules.
        var gaps: [GapKey: Duration?] = [:]
        func gap(_ schedule: Schedule) -> Duration? {
            let key = GapKey(schedule)
            if let known = gaps[key] { return known }
            let computed = schedule.longestGap
            gaps[key] = computed
            return computed
        }
        for datastore in context.inventory.datastores {
            guard let objective = datastore.recoveryPointObjective else { continue }
            // A datastore with no backup at all is datastore-without-backup's finding.
            let covering = context.index.backups(covering: datastore).map { ($0, gap($0.schedule)) }
            guard let (backup, gap) = covering.min(by: { Self.runsMoreOften($0.1, than: $1.1) }) else { continue }
            if let gap, gap <= objective { continue }
            findings.append(context.finding(Self.description, message(datastore, objective, backup, gap), entityID: datastore.id,
                                            origin: datastore.origin.child("objectives") ?? datastore.origin, key: "rpo"))
        }
        return findings
    }

    /// What a schedule's gap is remembered by. A cron expression is read from its text alone, so its
    /// text names its gap; hashing the schedule itself hashed its sets of minutes, hours and days,
    /// about 5,000 instructions a lookup (callgrind, hosts-10000.json).
    private enum GapKey: Hashable {
        case cron(String)
        case every(Duration)

        init(_ schedule: Schedule) {
            switch schedule {
            case .cron(let expression): self = .cron(expression.text)
            case .every(let duration): self = .every(duration)
            }
        }
    }

    /// Whether a backup with `gap` between runs keeps a more recent copy than one with `other`;
    /// nil is a schedule that never repeats.
    private static func runsMoreOften(_ gap: Duration?, than other: Duration?) -> Bool {
        guard let gap else { return false }
        guard let other else { return true }
        return gap < other
    }

    private func message(_ datastore: Datastore, _ objective: Duration, _ backup: Backup, _ gap: Duration?) -> String {
        let start = "datastore '\(datastore.id)' has a recovery point objective of \(objective)"
        guard let gap else { return "\(start), but its backup '\(backup.id)' never repeats" }
        return "\(start), but its most frequent backup '\(backup.id)' can leave \(gap) between runs"
    }
}

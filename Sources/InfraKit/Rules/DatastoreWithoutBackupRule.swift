import InfraModel

struct DatastoreWithoutBackupRule: Rule {
    static let description = RuleDescription(
        identifier: "datastore-without-backup",
        name: "Datastore without backup",
        family: .backups,
        examines: [.datastore],
        severity: .inProduction(.error),
        summary: "a datastore that no backup copies, directly or through the host it runs on",
        rationale: """
        Replicas, RAID and a provider's durability protect against a disk or a machine dying, not \
        against a bad migration, a deleted table, ransomware or a lost account: those are copied to \
        every replica at once. Without a backup, the data of a datastore is one mistake away from gone. \
        It is an error in production when the store is the system of record on one host (or on hosts \
        unknown), where a dead disk alone loses it; a warning when a cluster or a provider keeps it \
        replicated, or it holds `assets`, where it takes a mistake or an attack first.
        """,
        remediation: """
        Add a backup whose `of` names the datastore (or the host it runs on), on a schedule that meets \
        its recovery point objective, with its copies in another failure domain. A datastore that \
        holds nothing worth restoring says what it is for with `purpose` (format version 2): a \
        `cache`, `session` store, job `queue`, `pubsub` bus, `coordination` store, a `derived` index \
        (with `derivedFrom`) or a `backup-repository` needs no backup of its own.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [↓{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"}}]
            """,
            """
            "datastores": [
              {"id": "orders", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}},
              ↓{"id": "uploads", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "purpose": "assets"},
              ↓{"id": "sessions", "environment": "staging", "engine": "redis"}
            ],
            "backups": [{"id": "orders-dump", "of": ["orders"], "schedule": "@daily", "target": {"provider": "linode-london"}}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}}],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "0 2 * * *", "target": {"provider": "linode-london"}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [
              {"id": "db", "environment": "prod", "engine": "mysql", "hosting": {"host": "db-1"}},
              {"id": "cache", "environment": "prod", "engine": "memcached", "hosting": {"host": "db-1"}}
            ],
            "backups": [{"id": "db-1-snapshot", "of": ["db-1"], "schedule": "@daily", "method": "snapshot", "target": {"provider": "aws-us-east-1"}}]
            """,
            """
            "datastores": [
              {"id": "db", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}},
              {"id": "jobs", "environment": "prod", "engine": "redis", "hosting": {"provider": "aws-us-east-1"}, "purpose": "queue"},
              {"id": "search", "environment": "prod", "engine": "elasticsearch", "hosting": {"provider": "aws-us-east-1"}, "purpose": "derived", "derivedFrom": "db"}
            ],
            "backups": [{"id": "db-dump", "of": ["db"], "schedule": "@daily", "target": {"provider": "linode-london"}}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.datastores.compactMap { datastore in
            guard datastore.holdsState,
                  context.index.backups(covering: datastore).isEmpty else { return nil }
            return context.finding(Self.description, message(datastore), entityID: datastore.id, origin: datastore.origin,
                                   consequence: Self.consequence(datastore))
        }
    }

    /// An error where one dead disk loses the data; a warning where losing it takes a mistake or an
    /// attack first (replicated by a cluster or a provider), or the data is `assets`.
    static func consequence(_ datastore: Datastore) -> Severity {
        if datastore.purpose == .assets { return .warning }
        switch datastore.hosting {
        case .cluster?, .provider?: return .warning
        case .host?, nil: return .error
        }
    }

    private func message(_ datastore: Datastore) -> String {
        if case .host(let host) = datastore.hosting {
            return "datastore '\(datastore.id)' has no recorded backup, and neither has its host '\(host)'"
        }
        return "datastore '\(datastore.id)' has no recorded backup"
    }
}

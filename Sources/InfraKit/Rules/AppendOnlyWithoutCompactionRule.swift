import InfraModel

struct AppendOnlyWithoutCompactionRule: Rule {
    static let description = RuleDescription(
        identifier: "append-only-without-compaction",
        name: "Append-only store without compaction",
        family: .operations,
        examines: [.datastore],
        severity: .inProduction(.warning),
        summary: "an append-only datastore compacted by hand or not at all",
        rationale: """
        An append-only store (CouchDB, a log-structured file) keeps every old revision until it is \
        compacted, so its files grow with every write, not with the data. When compaction waits for an \
        administrator to remember it, the disk or the hosting plan's quota fills up and the store \
        stops accepting writes.
        """,
        remediation: """
        Schedule compaction (a cron job or the engine's automatic compaction daemon) and set \
        `storage.compaction` to `scheduled` or `automatic`; watch the store's size meanwhile.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"},
                            "storage": {"model": "append-only", "compaction": ↓"manual", "limitGiB": 0.25}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [{"id": "events", "environment": "staging", "engine": "eventstore", "hosting": {"host": "db-1"},
                            "storage": {"compaction": ↓"none", "model": "append-only"}}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [
              {"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"},
               "storage": {"model": "append-only", "compaction": "automatic"}},
              {"id": "couch-2", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"},
               "storage": {"model": "append-only", "compaction": "scheduled"}}
            ]
            """,
            """
            "datastores": [
              {"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
               "storage": {"model": "mutable", "compaction": "none"}},
              {"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"},
               "storage": {"model": "append-only"}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.datastores.compactMap { datastore in
            guard let storage = datastore.storage, storage.model == .appendOnly,
                  let compaction = storage.compaction, compaction == .manual || compaction == Datastore.Compaction.none,
                  let origin = datastore.origin.child("storage") else { return nil }
            return context.finding(Self.description, message(datastore, compaction), entityID: datastore.id,
                                   origin: origin, key: "compaction")
        }
    }

    private func message(_ datastore: Datastore, _ compaction: Datastore.Compaction) -> String {
        let how = compaction == .manual ? "only compacted by hand" : "never compacted"
        return "append-only datastore '\(datastore.id)' is \(how), so it grows with every write"
    }
}

import InfraModel

struct StorageNearLimitRule: Rule {
    static let description = RuleDescription(
        identifier: "storage-near-limit",
        name: "Storage near its limit",
        family: .operations,
        examines: [.datastore],
        severity: .inProduction(.warning),
        summary: "a datastore using more of its storage limit than the configured percentage (default 80%)",
        rationale: """
        A datastore that reaches its disk or plan limit stops accepting writes, often all at once and \
        at a busy moment; some engines also need free space to compact, vacuum or rebuild indexes, so \
        the way out gets harder the closer the store is to full. Growing the storage takes time to \
        plan, and should start before the store is full.
        """,
        remediation: """
        Grow the storage or the plan, delete or archive old data, or compact the store, then update \
        `storage.sizeGiB` and `storage.limitGiB`. The threshold is `storageLimitPercent` in the \
        configuration.
        """,
        triggeringExamples: [
            """
            "datastores": [{"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"},
                            "storage": {"model": "append-only", "sizeGiB": ↓0.23, "limitGiB": 0.25}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [
              {"id": "pg", "environment": "staging", "engine": "postgres", "hosting": {"host": "db-1"}, "storage": {"sizeGiB": ↓81, "limitGiB": 100}},
              {"id": "full", "environment": "staging", "engine": "mysql", "hosting": {"host": "db-1"}, "storage": {"limitGiB": 10, "sizeGiB": ↓12}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [
              {"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}, "storage": {"sizeGiB": 80, "limitGiB": 100}},
              {"id": "small", "environment": "prod", "engine": "redis", "hosting": {"provider": "aws-us-east-1"}, "storage": {"sizeGiB": 0.5, "limitGiB": 4}}
            ]
            """,
            """
            "datastores": [
              {"id": "unknown-size", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"}, "storage": {"limitGiB": 0.25}},
              {"id": "unknown-limit", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "storage": {"sizeGiB": 900}},
              {"id": "no-quota", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "storage": {"sizeGiB": 3, "limitGiB": 0}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        let percent = context.settings.storageLimitPercent
        return context.inventory.datastores.compactMap { datastore in
            // A limit of 0 says nothing usable about the quota, so only positive limits are compared.
            guard let storage = datastore.storage, let size = storage.sizeGiB, let limit = storage.limitGiB, limit > 0,
                  size * 100 > limit * percent, let origin = datastore.origin.child("storage") else { return nil }
            return context.finding(Self.description, message(datastore, size: size, limit: limit), entityID: datastore.id,
                                   origin: origin, key: "sizeGiB")
        }
    }

    private func message(_ datastore: Datastore, size: Double, limit: Double) -> String {
        let used = Int((size * 100 / limit).rounded())
        return "datastore '\(datastore.id)' uses \(Self.gib(size)) GiB of its \(Self.gib(limit)) GiB limit (\(used)%)"
    }

    private static func gib(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

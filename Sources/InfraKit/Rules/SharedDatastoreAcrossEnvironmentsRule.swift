import InfraModel

struct SharedDatastoreAcrossEnvironmentsRule: Rule {
    static let description = RuleDescription(
        identifier: "shared-datastore-across-environments",
        name: "Datastore shared across environments",
        family: .security,
        examines: [.datastore],
        severity: .fixed(.warning),
        summary: "production and non-production data in one datastore instance",
        rationale: """
        When staging and production share one database instance, a staging migration, load test or \
        runaway query competes with production for the same CPU, memory and connections; staging \
        credentials reach the production server; and a restore of one rolls back the other.
        """,
        remediation: "Give production its own instance; restore staging from sanitised production backups instead.",
        triggeringExamples: [
            """
            "datastores": [{"id": "rds", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "databases": ↓[{"name": "app_production", "environment": "prod"}, {"name": "app_staging", "environment": "staging"}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "staging", "provider": "linode-london"}],
            "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "databases": ↓[{"name": "shared", "environment": "staging"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "datastores": [{"id": "rds", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "databases": [{"name": "app", "environment": "prod"}, {"name": "reports", "environment": "prod"}]}]
            """,
            """
            "environments": [{"id": "qa", "kind": "qa"}, {"id": "staging", "kind": "staging"}],
            "datastores": [{"id": "pg", "environment": "qa", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"},
                            "databases": [{"name": "a", "environment": "qa"}, {"name": "b", "environment": "staging"}]}]
            """,
        ],
        securitySeverity: 5.5
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.datastores.compactMap { datastore in
            var production = Set<String>(), other = Set<String>()
            // A loop rather than `filter`, whose closure would copy the whole context for each datastore.
            for environment in [datastore.environment] + datastore.databases.compactMap(\.environment) {
                if context.index.isProductionEnvironment(environment) {
                    production.insert(environment)
                } else {
                    other.insert(environment)
                }
            }
            guard !production.isEmpty, !other.isEmpty else { return nil }
            return context.finding(Self.description, message(datastore, production.sorted(), other.sorted()),
                                   entityID: datastore.id, origin: datastore.origin, key: "databases")
        }
    }

    private func message(_ datastore: Datastore, _ production: [String], _ other: [String]) -> String {
        let names = { (ids: [String]) in ids.map { "'\($0)'" }.joined(separator: ", ") }
        return "datastore '\(datastore.id)' holds data of \(names(production)) and \(names(other)) in one instance"
    }
}

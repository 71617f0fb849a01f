import InfraModel

struct PublicDatastoreRule: Rule {
    static let description = RuleDescription(
        identifier: "public-datastore",
        name: "Public datastore",
        family: .security,
        examines: [.datastore],
        severity: .inProduction(.error),
        summary: "a datastore reachable from anywhere",
        rationale: """
        A database that accepts connections from any address (a `0.0.0.0/0` firewall or pg_hba rule, \
        a public bucket) is found by internet-wide scanners within hours; its only defence left is a \
        password, often a weak or shared one.
        """,
        remediation: """
        Restrict access to the application's hosts or private network (security groups, pg_hba with \
        the private subnet, bucket policies), then set `"public": false`. A bucket that serves files \
        to anyone by design (media, downloads) says so with `"purpose": "assets"`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "db", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "db"}, "public": ↓true}]
            """,
            """
            "datastores": [{"id": "bucket", "environment": "staging", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "public": ↓true}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "db", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "db"}, "public": false}]
            """,
            """
            "datastores": [{"id": "bucket", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}}]
            """,
            """
            "datastores": [{"id": "media", "environment": "prod", "engine": "s3", "hosting": {"provider": "aws-us-east-1"}, "public": true, "purpose": "assets"}],
            "backups": [{"id": "media-copy", "of": ["media"], "schedule": "@daily", "target": {"provider": "linode-london"}}]
            """,
        ],
        securitySeverity: 8.5
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.datastores.compactMap { datastore in
            // Files served to anyone (`purpose: assets`) are public by design.
            guard datastore.isPublic == true, datastore.purpose != .assets else { return nil }
            return context.finding(Self.description, message(datastore), entityID: datastore.id, origin: datastore.origin, key: "public")
        }
    }

    private func message(_ datastore: Datastore) -> String {
        "\(datastore.engine) datastore '\(datastore.id)' is reachable from anywhere"
    }
}

import InfraModel

struct DatastoreSinglePointOfFailureRule: Rule {
    static let description = RuleDescription(
        identifier: "datastore-single-point-of-failure",
        name: "Datastore single point of failure",
        family: .availability,
        examines: [.datastore],
        severity: .inProduction(.error),
        summary: "a production datastore on one host with no replica, or whose writer is replaced only by hand",
        rationale: """
        Every service that reads or writes a datastore stops with it. A store that lives on one host \
        with no replica stops when that host does, and a dead disk loses everything written since \
        the last backup: an error. A store with replicas but a writer that only a person can replace \
        (`"failover": "manual"`) keeps serving reads when the writer fails, but every write stops \
        until someone promotes a replica: a warning. Stores a provider runs, stores on a cluster and \
        stores that hold nothing to restore (a cache, a queue) are left to other rules.
        """,
        remediation: """
        Give the datastore a replica on another host (say so with `"replication": "sync"` or \
        `"async"`), and a failover that does not wait for a person (Patroni, an orchestrator, a \
        managed service: `"failover": "automatic"`); or accept the outage and the loss, and record \
        why with a waiver.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "vm-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [↓{"id": "postgres", "environment": "prod", "engine": "postgres", "hosting": {"host": "vm-1"}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "orders", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"},
                            "replication": "async", "failover": ↓"manual"}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}, {"id": "qa-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [
              {"id": "orders", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"}, "replication": "sync", "failover": "automatic"},
              {"id": "sessions", "environment": "prod", "engine": "redis", "hosting": {"host": "db-1"}, "purpose": "session"},
              {"id": "orders-qa", "environment": "staging", "engine": "postgres", "hosting": {"host": "qa-1"}},
              {"id": "managed", "environment": "prod", "engine": "postgres", "hosting": {"provider": "aws-us-east-1"}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.datastores.compactMap { datastore in
            guard datastore.holdsState, context.index.isProduction(datastore.id) else { return nil }
            if datastore.failover == .manual {
                return context.finding(Self.description, "datastore '\(datastore.id)' fails over only by hand: when its writer fails, every write stops until someone promotes a replica",
                                       entityID: datastore.id, origin: datastore.origin, key: "failover", isProduction: true, consequence: .warning)
            }
            guard case .host(let host) = datastore.hosting, datastore.replication == nil || datastore.replication == Datastore.Replication.none else { return nil }
            return context.finding(Self.description, "datastore '\(datastore.id)' lives only on host '\(host)', with no replica: losing the host stops everything that uses it and loses what was written since the last backup",
                                   entityID: datastore.id, origin: datastore.origin, isProduction: true)
        }
    }
}

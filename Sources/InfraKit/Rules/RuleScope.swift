import InfraModel

/// Which kinds of entity each operational rule examines, so `infractl report` can say which
/// entities no enabled rule looked at: a clean run over entities nothing checks is not a checked one.
///
/// A rule *examines* a kind when it judges entities of that kind: it reads their fields and its
/// findings say something is wrong with one of them. Kinds a rule only consults to judge another
/// (a provider's region for a backup's failure domain, an environment's kind for a severity) are
/// not examined by it. `credential-literal` reads every string of every entity, so it examines
/// every kind. Structural checks (`unknown-key`, `dangling-reference`, ...) check the format, not
/// the operations it describes, and have no entry.
///
/// The map sits beside the rules on purpose: a rule added to `RuleCatalog` without an entry here
/// examines nothing as far as the report knows, and a test fails until it gets one.
public enum RuleScope {
    /// Rule id → the kinds it examines.
    public static let examines: [String: [EntityKind]] = [
        // security
        "secret-in-source": [.secret],
        "credential-literal": EntityKind.allCases,
        "plaintext-cross-domain": [.service],
        "public-datastore": [.datastore],
        "shared-datastore-across-environments": [.datastore],
        "shared-privileged-account": [.host],
        "public-endpoint-without-tls": [.service],
        // backups
        "datastore-without-backup": [.datastore],
        "backup-not-offsite": [.backup],
        "backup-exceeds-rpo": [.datastore],
        "backup-without-retention": [.backup],
        "backup-unmonitored": [.backup],
        "restore-untested": [.backup],
        // availability
        "quorum-at-risk": [.cluster],
        "quorum-tolerance-overstated": [.cluster],
        "quorum-failure-domain": [.cluster],
        "single-point-of-failure": [.service],
        "load-balancer-without-health-check": [.service],
        "dns-failover-ttl": [.dns],
        "capacity-after-failure": [.cluster, .host],
        // operations
        "unsupervised-process": [.service],
        "unmonitored-service": [.service],
        "email-only-alerting": [.monitor],
        "monitor-threshold-mismatch": [.monitor],
        "append-only-without-compaction": [.datastore],
        "storage-near-limit": [.datastore],
        "missing-log-rotation": [.host],
        "end-of-life-software": [.host, .service, .datastore],
        // delivery
        "production-without-pipeline": [.service],
        "deploy-without-tests": [.pipeline],
        "production-without-staging-gate": [.pipeline],
        "unmanaged-production-host": [.host],
        // waivers
        "waiver-expired": [.waiver],
        "waiver-unused": [.waiver],
    ]

    /// The kinds the rule `identifier` examines; none for a rule without an entry.
    public static func kinds(examinedBy identifier: String) -> [EntityKind] {
        examines[identifier] ?? []
    }

    /// The rules among `enabled` that examine `kind`, in catalog order.
    public static func rules(examining kind: EntityKind, enabled: (String) -> Bool) -> [String] {
        RuleCatalog.all
            .map { $0.description.identifier }
            .filter { enabled($0) && kinds(examinedBy: $0).contains(kind) }
    }
}

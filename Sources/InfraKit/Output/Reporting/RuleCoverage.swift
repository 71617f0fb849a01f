import InfraModel
import InfraRules

/// Which entities the enabled rules examined (`RuleDescription.examines`): so that a run that found nothing
/// because nothing looked is not read as a clean bill of health.
public struct RuleCoverage: Sendable, Equatable {
    /// One kind present in the inventory, with the enabled rules that examine it.
    public struct Kind: Sendable, Equatable {
        public let kind: EntityKind
        /// Entities of this kind, sorted (waivers as `rule:target`).
        public let entityIDs: [String]
        /// Enabled rules examining the kind, in catalog order.
        public let rules: [String]
    }

    /// Kinds with at least one entity, in format order.
    public let kinds: [Kind]

    /// Kinds present that no enabled rule examines.
    public var kindsWithoutRules: [EntityKind] {
        kinds.filter { $0.rules.isEmpty }.map(\.kind)
    }

    /// Entities that no enabled rule examined, kinds in format order, ids sorted.
    public var unexamined: [(kind: EntityKind, id: String)] {
        kinds.filter { $0.rules.isEmpty }.flatMap { row in row.entityIDs.map { (row.kind, $0) } }
    }

    public static func == (lhs: RuleCoverage, rhs: RuleCoverage) -> Bool { lhs.kinds == rhs.kinds }

    init(_ inventory: Inventory, enabled: (String) -> Bool) {
        kinds = EntityKind.allCases.compactMap { kind in
            let ids = Self.entityIDs(of: kind, in: inventory)
            guard !ids.isEmpty else { return nil }
            return Kind(kind: kind, entityIDs: ids, rules: RuleCatalog.rules(examining: kind, enabled: enabled))
        }
    }

    /// The well-formed entities of a kind (those the rules can see), sorted.
    static func entityIDs(of kind: EntityKind, in inventory: Inventory) -> [String] {
        let ids: [String]
        switch kind {
        case .environment: ids = inventory.environments.map(\.id)
        case .provider: ids = inventory.providers.map(\.id)
        case .host: ids = inventory.hosts.map(\.id)
        case .cluster: ids = inventory.clusters.map(\.id)
        case .service: ids = inventory.services.map(\.id)
        case .datastore: ids = inventory.datastores.map(\.id)
        case .backup: ids = inventory.backups.map(\.id)
        case .monitor: ids = inventory.monitors.map(\.id)
        case .pipeline: ids = inventory.pipelines.map(\.id)
        case .job: ids = inventory.jobs.map(\.id)
        case .secret: ids = inventory.secrets.map(\.id)
        case .dns: ids = inventory.dns.map(\.id)
        case .waiver: ids = inventory.waivers.map { "\($0.rule):\($0.target)" }
        }
        return ids.sorted()
    }
}

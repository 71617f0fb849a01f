import InfraModel

/// Every operational rule. The list is the registry: `rules`, `explain`, the linter and the
/// example tests all read it.
public enum RuleCatalog {
    public static var all: [any Rule.Type] {
        SecurityRules.all + BackupsRules.all + AvailabilityRules.all + OperationsRules.all + DeliveryRules.all
            + [WaiverExpiredRule.self, WaiverUnusedRule.self]
    }

    public static func rule(_ identifier: String) -> (any Rule.Type)? {
        all.first { $0.description.identifier == identifier }
    }

    /// The rules among `enabled` that examine `kind` (`RuleDescription.examines`), in catalog order.
    /// Structural checks examine the format, not the operations it describes, and examine no kind.
    public static func rules(examining kind: EntityKind, enabled: (String) -> Bool) -> [String] {
        all.map { $0.description }
            .filter { enabled($0.identifier) && $0.examines.contains(kind) }
            .map { $0.identifier }
    }

    /// Every rule id users may name: operational and structural.
    public static var identifiers: [String] {
        all.map { $0.description.identifier } + StructuralRule.allCases.map(\.identifier)
    }
}

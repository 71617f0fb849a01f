import InfraModel

/// Every operational rule. The list is the registry: `rules`, `explain`, the linter's start order,
/// the report's rule coverage, the SARIF rule metadata, the README's rule table and the example
/// tests all read it, and each rule's description says everything else about it. Adding a rule is
/// adding its file and one line here, among its family: `infractl rules` lists them in this order,
/// grouped by family in `RuleFamily` order.
public enum RuleCatalog {
    public static var all: [any Rule.Type] {
        [
            SecretInSourceRule.self,
            CredentialLiteralRule.self,
            PlaintextCrossDomainRule.self,
            PublicDatastoreRule.self,
            SharedDatastoreAcrossEnvironmentsRule.self,
            SharedPrivilegedAccountRule.self,
            PublicEndpointWithoutTLSRule.self,
            DatastoreWithoutBackupRule.self,
            BackupNotOffsiteRule.self,
            BackupExceedsRPORule.self,
            BackupWithoutRetentionRule.self,
            BackupUnmonitoredRule.self,
            RestoreUntestedRule.self,
            QuorumAtRiskRule.self,
            QuorumToleranceOverstatedRule.self,
            QuorumFailureDomainRule.self,
            SinglePointOfFailureRule.self,
            DatastoreSinglePointOfFailureRule.self,
            LoadBalancerWithoutHealthCheckRule.self,
            DNSFailoverTTLRule.self,
            CapacityAfterFailureRule.self,
            UnsupervisedProcessRule.self,
            UnmonitoredServiceRule.self,
            EmailOnlyAlertingRule.self,
            MonitorThresholdMismatchRule.self,
            AppendOnlyWithoutCompactionRule.self,
            StorageNearLimitRule.self,
            MissingLogRotationRule.self,
            EndOfLifeSoftwareRule.self,
            ProductionWithoutPipelineRule.self,
            DeployWithoutTestsRule.self,
            ProductionWithoutStagingGateRule.self,
            HandBuiltProductionHostRule.self,
            WaiverExpiredRule.self,
            WaiverUnusedRule.self,
        ]
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

    /// Every rule users may meet in a finding, as `infractl rules`, the README's table and the SARIF
    /// rule metadata list them: the structural checks the decoder makes, then the catalog.
    public static var descriptions: [RuleDescription] {
        StructuralRule.allCases.map(description(of:)) + all.map { $0.description }
    }

    /// The description of the rule `identifier`, structural or operational.
    public static func description(_ identifier: String) -> RuleDescription? {
        if let structural = StructuralRule(rawValue: identifier) { return description(of: structural) }
        return rule(identifier)?.description
    }

    /// The reference data the rule `identifier` carries (`RuleReference`), if any.
    public static func reference(_ identifier: String) -> String? {
        (rule(identifier) as? any RuleReference.Type)?.referenceText
    }

    /// Every rule id users may name: operational and structural.
    public static var identifiers: [String] {
        all.map { $0.description.identifier } + StructuralRule.allCases.map(\.identifier)
    }

    /// A structural check as a rule: always an error, examining the format rather than any kind of
    /// entity, with the format's reference as its remedy. Its examples are the broken fixtures of the
    /// decoder's tests, not snippets here.
    static func description(of rule: StructuralRule) -> RuleDescription {
        RuleDescription(
            identifier: rule.identifier,
            name: rule.identifier,
            family: .structure,
            examines: [],
            severity: .fixed(.error),
            summary: rule.summary,
            rationale: "A structural check made while reading the inventory against its format: \(rule.summary).",
            remediation: "Correct the value the finding points at so that it follows the inventory format; docs/format.md "
                + "describes every entity, field and value format.",
            triggeringExamples: [],
            nonTriggeringExamples: [],
            precision: .veryHigh
        )
    }
}

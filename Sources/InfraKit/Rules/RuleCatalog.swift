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
            UnmanagedProductionHostRule.self,
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

    /// Every rule id users may name: operational and structural.
    public static var identifiers: [String] {
        all.map { $0.description.identifier } + StructuralRule.allCases.map(\.identifier)
    }
}

/// The operations rules, in the order `infractl rules` lists them.
enum OperationsRules {
    static var all: [any Rule.Type] {
        [
            UnsupervisedProcessRule.self,
            UnmonitoredServiceRule.self,
            EmailOnlyAlertingRule.self,
            MonitorThresholdMismatchRule.self,
            AppendOnlyWithoutCompactionRule.self,
            StorageNearLimitRule.self,
            MissingLogRotationRule.self,
            EndOfLifeSoftwareRule.self,
        ]
    }
}

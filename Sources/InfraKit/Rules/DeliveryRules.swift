/// The delivery rules, in the order `infractl rules` lists them.
enum DeliveryRules {
    static var all: [any Rule.Type] {
        [
            ProductionWithoutPipelineRule.self,
            DeployWithoutTestsRule.self,
            ProductionWithoutStagingGateRule.self,
            UnmanagedProductionHostRule.self,
        ]
    }
}

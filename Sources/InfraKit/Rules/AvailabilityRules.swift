/// The availability rules, in the order `infractl rules` lists them.
enum AvailabilityRules {
    static var all: [any Rule.Type] {
        [
            QuorumAtRiskRule.self,
            QuorumToleranceOverstatedRule.self,
            QuorumFailureDomainRule.self,
            SinglePointOfFailureRule.self,
            LoadBalancerWithoutHealthCheckRule.self,
            DNSFailoverTTLRule.self,
            CapacityAfterFailureRule.self,
        ]
    }
}

/// The security rules, in the order `infractl rules` lists them.
enum SecurityRules {
    static var all: [any Rule.Type] {
        [
            SecretInSourceRule.self,
            CredentialLiteralRule.self,
            PlaintextCrossDomainRule.self,
            PublicDatastoreRule.self,
            SharedDatastoreAcrossEnvironmentsRule.self,
            SharedPrivilegedAccountRule.self,
            PublicEndpointWithoutTLSRule.self,
        ]
    }
}

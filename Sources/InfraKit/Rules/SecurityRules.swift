/// The security rules, in the order `infractl rules` lists them.
enum SecurityRules {
    static var all: [any Rule.Type] {
        [
            SecretInSourceRule.self,
        ]
    }
}

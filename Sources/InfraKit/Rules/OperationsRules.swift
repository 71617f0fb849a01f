/// The operations rules, in the order `infractl rules` lists them.
enum OperationsRules {
    static var all: [any Rule.Type] {
        [
        ]
    }
}

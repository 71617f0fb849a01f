/// The availability rules, in the order `infractl rules` lists them.
enum AvailabilityRules {
    static var all: [any Rule.Type] {
        [
        ]
    }
}

/// The backups rules, in the order `infractl rules` lists them.
enum BackupsRules {
    static var all: [any Rule.Type] {
        [
        ]
    }
}

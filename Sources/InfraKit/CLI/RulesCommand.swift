import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// `infractl rules`: the catalog, one rule a line (`RuleListRenderer`).
struct RulesCommand: Command {
    static let configuration = CommandConfiguration(
        name: "rules",
        abstract: "List every rule: id, family, severity and what it finds",
        usage: "infractl rules [--format text|json] [--family FAMILY]",
        discussion: """
        Rules marked "error (warning outside production)" report errors for production entities and
        warnings elsewhere. 'infractl explain ID' prints a rule's rationale, remediation and examples.
        """,
        arguments: [],
        options: [
            .option("--format", "format", "Output format (default: text)", allowed: ["text", "json"], short: "-f"),
            .option("--family", "family", "Only this family", allowed: RuleFamily.allCases.map(\.rawValue)),
        ]
    )

    let json: Bool
    let family: RuleFamily?

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("rules takes no arguments", usage: Self.configuration.usage)
        }
        json = arguments.value("--format") == "json"
        family = arguments.value("--family").flatMap(RuleFamily.init(rawValue:))
    }

    func run(_ context: CommandContext) -> Int32 {
        let renderer = RuleListRenderer(RuleCatalog.descriptions.filter { family == nil || $0.family == family })
        context.stdout.write(json ? renderer.json() : renderer.text())
        return 0
    }
}

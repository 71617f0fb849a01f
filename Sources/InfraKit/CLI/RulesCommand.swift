import InfraJSON
import InfraModel
import InfraRules

/// `infractl rules`: the catalog, one rule a line.
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

    struct Row {
        let identifier: String
        let name: String
        let family: RuleFamily
        let severity: String
        let summary: String
    }

    let json: Bool
    let family: RuleFamily?

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.isEmpty else {
            throw .usage("rules takes no arguments", usage: Self.configuration.usage)
        }
        json = arguments.value("--format") == "json"
        family = arguments.value("--family").flatMap(RuleFamily.init(rawValue:))
    }

    static var rows: [Row] {
        let structural = StructuralRule.allCases.map {
            Row(identifier: $0.identifier, name: $0.identifier, family: .structure, severity: Severity.error.rawValue, summary: $0.summary)
        }
        let operational = RuleCatalog.all.map { rule -> Row in
            let description = rule.description
            return Row(identifier: description.identifier, name: description.name, family: description.family,
                       severity: description.severity.label, summary: description.summary)
        }
        return structural + operational
    }

    func run(_ context: CommandContext) -> Int32 {
        let rows = Self.rows.filter { family == nil || $0.family == family }
        if json {
            let document = JSONOutput.array(rows.map { row in
                .object([
                    ("id", .string(row.identifier)), ("name", .string(row.name)), ("family", .string(row.family.rawValue)),
                    ("severity", .string(row.severity)), ("summary", .string(row.summary)),
                ])
            })
            context.stdout.write(document.rendered() + "\n")
            return 0
        }
        let idWidth = rows.map(\.identifier.count).max() ?? 0
        let familyWidth = RuleFamily.allCases.map(\.rawValue.count).max() ?? 0
        for row in rows {
            let id = row.identifier.padded(to: idWidth + 2)
            let family = row.family.rawValue.padded(to: familyWidth + 2)
            let severity = (row.severity.hasPrefix("error (") ? "error*" : row.severity).padded(to: 9)
            context.stdout.write("\(id)\(family)\(severity)\(row.summary)\n")
        }
        context.stdout.write("\n\(rows.count) rules. error* = error in production, warning elsewhere.\n")
        return 0
    }
}

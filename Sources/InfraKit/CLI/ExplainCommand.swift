import InfraJSON
import InfraModel
import InfraRules
import InfraOutput

/// `infractl explain ID`: why a rule exists, how to fix what it finds, and its examples;
/// `infractl explain format` and `infractl explain field KIND.FIELD`: the inventory format's reference
/// (`FormatReference`, from the same definitions as the decoder, the JSON Schema and docs/format.md).
struct ExplainCommand: Command {
    static let configuration = CommandConfiguration(
        name: "explain",
        abstract: "Explain a rule, the inventory format, or one field of it",
        usage: "infractl explain RULE-ID | severity | format | field KIND.FIELD",
        discussion: """
        'infractl explain RULE-ID' prints why a rule matters, how to fix what it finds, and its examples
        (↓ marks where a finding points; 'infractl rules' lists the ids).
        'infractl explain severity' prints what each severity means and the rules at each.
        'infractl explain format' prints every key of the inventory format: top-level keys, value
        formats, and each kind of entity with its keys, types and meanings.
        'infractl explain field KIND.FIELD' prints one key: where it goes, whether it is required, its
        type and meaning, and the keys below it. KIND is a top-level key or its singular
        (backups.retention, backup.retention.daily, clusters.members.host); a top-level key
        (owner.team) or a KIND alone (services) works too.
        The text comes from the definitions the decoder checks against, like 'infractl schema' and
        the tables of docs/format.md.
        """,
        arguments: [
            ("RULE-ID", "A rule id, e.g. backup-exceeds-rpo"),
            ("severity", "What each severity means, and the rules at each"),
            ("format", "The whole inventory format"),
            ("field KIND.FIELD", "One key of the format, e.g. backups.retention"),
        ],
        options: [],
        argumentWords: RuleCatalog.descriptions.map { $0.identifier }
    )

    private enum Subject {
        case rule(String)
        case severity
        case format
        case kind(EntityKind)
        case field(EntityKind?, FormatReference.Row)
    }

    private let subject: Subject

    init(_ arguments: ParsedArguments) throws(ToolError) {
        let usage = Self.configuration.usage
        switch arguments.positionals.first {
        case "severity":
            guard arguments.positionals.count == 1 else { throw .usage("'explain severity' takes no other argument", usage: usage) }
            subject = .severity
        case "format":
            guard arguments.positionals.count == 1 else { throw .usage("'explain format' takes no other argument", usage: usage) }
            subject = .format
        case "field":
            guard arguments.positionals.count == 2 else { throw .usage("'explain field' needs exactly one KIND.FIELD, e.g. backups.retention", usage: usage) }
            subject = try Self.field(arguments.positionals[1])
        case let identifier?:
            guard arguments.positionals.count == 1 else { throw .usage("explain needs exactly one RULE-ID, 'format' or 'field KIND.FIELD'", usage: usage) }
            guard RuleCatalog.identifiers.contains(identifier) else {
                throw .usage("unknown rule '\(identifier)'\(Suggestion.clause(for: identifier, among: RuleCatalog.identifiers + ["severity", "format", "field"])); see 'infractl rules'",
                             usage: usage)
            }
            subject = .rule(identifier)
        case nil:
            throw .usage("explain needs a RULE-ID, 'severity', 'format' or 'field KIND.FIELD'", usage: usage)
        }
    }

    private static func field(_ name: String) throws(ToolError) -> Subject {
        if let kind = EntityKind.allCases.first(where: { $0.arrayKey == name || $0.rawValue == name }) { return .kind(kind) }
        do {
            let found = try FormatReference().lookUp(name)
            return .field(found.kind, found.row)
        } catch {
            throw .usage(error.message, usage: configuration.usage)
        }
    }

    func run(_ context: CommandContext) -> Int32 {
        let reference = FormatReference()
        switch subject {
        case .severity:
            context.stdout.write(RuleListRenderer(RuleCatalog.descriptions).severityText())
        case .format:
            context.stdout.write(reference.formatText())
        case .kind(let kind):
            context.stdout.write(reference.kindText(kind))
        case .field(let kind, let row):
            context.stdout.write(reference.fieldText(kind: kind, row: row))
        case .rule(let identifier):
            return explainRule(identifier, context)
        }
        return 0
    }

    private func explainRule(_ identifier: String, _ context: CommandContext) -> Int32 {
        guard let description = RuleCatalog.description(identifier) else { return ToolError.exitCode }
        context.stdout.write(RuleExplanationRenderer(description, reference: RuleCatalog.reference(identifier)).text())
        return 0
    }
}

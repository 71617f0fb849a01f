/// `infractl explain ID`: why a rule exists, how to fix what it finds, and its examples.
struct ExplainCommand: Command {
    static let configuration = CommandConfiguration(
        name: "explain",
        abstract: "Explain a rule: rationale, remediation and examples",
        usage: "infractl explain RULE-ID",
        discussion: "In the examples, ↓ marks where a finding points. 'infractl rules' lists the ids.",
        arguments: [("RULE-ID", "A rule id, e.g. backup-exceeds-rpo")],
        options: []
    )

    let identifier: String

    init(_ arguments: ParsedArguments) throws(ToolError) {
        guard arguments.positionals.count == 1, let identifier = arguments.positionals.first else {
            throw .usage("explain needs exactly one RULE-ID", usage: Self.configuration.usage)
        }
        guard RuleCatalog.identifiers.contains(identifier) else {
            throw .usage("unknown rule '\(identifier)'\(Suggestion.clause(for: identifier, among: RuleCatalog.identifiers)); see 'infractl rules'",
                         usage: Self.configuration.usage)
        }
        self.identifier = identifier
    }

    func run(_ context: CommandContext) -> Int32 {
        if let structural = StructuralRule(rawValue: identifier) {
            context.stdout.write("""
            \(identifier) (structure, error)

            \(structural.summary).
            Structural findings come from reading the inventory against its format (docs/format.md); each
            points at the value that caused it.

            """)
            return 0
        }
        guard let rule = RuleCatalog.rule(identifier) else { return ToolError.exitCode }
        context.stdout.write(Self.text(rule))
        return 0
    }

    static func text(_ rule: any Rule.Type) -> String {
        let description = rule.description
        var text = """
        \(description.identifier) — \(description.name)
        family: \(description.family.rawValue)    severity: \(description.severity.label)

        \(description.summary)

        WHY IT MATTERS
        \(indent(description.rationale))

        HOW TO FIX IT
        \(indent(description.remediation))

        FINDS (↓ marks where the finding points)

        """
        for example in description.triggeringExamples { text += indent(example) + "\n\n" }
        text += "DOES NOT FIND\n"
        for example in description.nonTriggeringExamples { text += indent(example) + "\n\n" }
        if let reference = rule as? any RuleReference.Type {
            text += "REFERENCE\n" + indent(reference.referenceText) + "\n"
        }
        return text
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

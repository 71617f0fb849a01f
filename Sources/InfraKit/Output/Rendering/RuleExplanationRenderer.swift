import InfraRules

/// What `infractl explain RULE-ID` prints: why the rule matters, how to fix what it finds, and its
/// examples (`↓` marks where a finding points), from the rule's description; for a structural
/// check, its summary and where the format is described.
package struct RuleExplanationRenderer {
    let rule: RuleDescription
    /// Reference data the rule carries (`RuleReference`), shown last.
    let reference: String?

    package init(_ rule: RuleDescription, reference: String? = nil) {
        self.rule = rule
        self.reference = reference
    }

    package func text() -> String {
        rule.family == .structure ? structural() : operational()
    }

    private func structural() -> String {
        """
        \(rule.identifier) (structure, \(rule.severity.label))

        \(TerminalText.escape(rule.summary)).
        Structural findings come from reading the inventory against its format (docs/format.md); each
        points at the value that caused it.

        """
    }

    private func operational() -> String {
        var text = """
        \(rule.identifier) — \(TerminalText.escape(rule.name))
        family: \(rule.family.rawValue)    severity: \(rule.severity.label): \(rule.severity.nominal.consequence)

        \(TerminalText.escape(rule.summary))

        WHY IT MATTERS
        \(Self.indent(rule.rationale))

        HOW TO FIX IT
        \(Self.indent(rule.remediation))

        FINDS (↓ marks where the finding points)

        """
        for example in rule.triggeringExamples { text += Self.indent(example) + "\n\n" }
        text += "DOES NOT FIND\n"
        for example in rule.nonTriggeringExamples { text += Self.indent(example) + "\n\n" }
        if let reference {
            text += "REFERENCE\n" + Self.indent(reference) + "\n"
        }
        return text
    }

    /// Each line escaped for a terminal (`TerminalText`) and indented by two spaces; empty lines stay empty.
    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  " + TerminalText.escape(String($0)) }
            .joined(separator: "\n")
    }
}

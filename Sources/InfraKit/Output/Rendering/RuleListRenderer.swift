import InfraJSON
import InfraRules

/// What `infractl rules` prints: one rule a line, or a JSON array (which `scripts/readme-rules`
/// turns into the README's table). The rules are the catalog's descriptions
/// (`RuleCatalog.descriptions`), structural checks first.
package struct RuleListRenderer {
    let rules: [RuleDescription]

    package init(_ rules: [RuleDescription]) {
        self.rules = rules
    }

    /// Columns of id, family, severity and summary, then the count and what `error*` means.
    package func text() -> String {
        let idWidth = rules.map(\.identifier.count).max() ?? 0
        let familyWidth = RuleFamily.allCases.map(\.rawValue.count).max() ?? 0
        var text = ""
        for rule in rules {
            let id = rule.identifier.padded(to: idWidth + 2)
            let family = rule.family.rawValue.padded(to: familyWidth + 2)
            let severity = Self.severityColumn(rule.severity).padded(to: 9)
            text += TerminalText.escape("\(id)\(family)\(severity)\(rule.summary)") + "\n"
        }
        return text + "\n\(rules.count) rules. error* = error in production, warning elsewhere.\n"
    }

    /// One object per rule: id, name, family, severity (its full label) and summary.
    package func json() -> String {
        let document = JSONOutput.array(rules.map { rule in
            .object([
                ("id", .string(rule.identifier)), ("name", .string(rule.name)), ("family", .string(rule.family.rawValue)),
                ("severity", .string(rule.severity.label)), ("summary", .string(rule.summary)),
            ])
        })
        return document.rendered() + "\n"
    }

    /// The severity in the text's narrow column: `error*` for error in production, warning elsewhere.
    static func severityColumn(_ severity: SeverityPolicy) -> String {
        switch severity {
        case .fixed(let fixed): fixed.rawValue
        case .byEnvironment: "error*"
        }
    }
}

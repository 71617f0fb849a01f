import InfraJSON
import InfraModel
import InfraRules

/// What `infractl rules` prints: one rule a line, or a JSON array (which `scripts/readme-rules`
/// turns into the README's table). The rules are the catalog's descriptions
/// (`RuleCatalog.descriptions`), structural checks first.
package struct RuleListRenderer {
    let rules: [RuleDescription]

    package init(_ rules: [RuleDescription]) {
        self.rules = rules
    }

    /// Columns of id, family, severity and summary, then the count and what `*` means.
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
        return text + "\n\(rules.count) rules. * = in production; one step lower elsewhere (error to warning, warning to note).\n"
    }

    /// `infractl explain severity`: what each severity means, then the rules at each, by the
    /// severity of their findings in production.
    package func severityText() -> String {
        var text = "SEVERITY BY CONSEQUENCE\n"
        for severity in Severity.allCases.reversed() {
            text += "  \(severity.rawValue.padded(to: 9))\(severity.consequence)\n"
        }
        text += """
            Outside production a finding is one step lower (error to warning, warning to note), except
            for the rules marked 'always'. A rule whose findings differ in consequence says so in its
            explanation ('infractl explain RULE-ID').

            """
        for severity in Severity.allCases.reversed() {
            let atThis = rules.filter { $0.family != .structure && $0.severity.nominal == severity }
            guard !atThis.isEmpty else { continue }
            text += "\n\(severity.rawValue.uppercased())\n"
            for rule in atThis {
                let always = if case .fixed = rule.severity { " (always)" } else { "" }
                text += TerminalText.escape("  \(rule.identifier)\(always): \(rule.summary)") + "\n"
            }
        }
        return text + "\nStructural findings (the format's own checks) are errors.\n"
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

    /// The severity in the text's narrow column: `warning*` for warning in production, one step lower elsewhere.
    static func severityColumn(_ severity: SeverityPolicy) -> String {
        switch severity {
        case .fixed(let fixed): fixed.rawValue
        case .inProduction(let production): production.rawValue + "*"
        }
    }
}

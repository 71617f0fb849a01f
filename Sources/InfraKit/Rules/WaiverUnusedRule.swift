import InfraModel

/// `waiver-unused`: a waiver that matched no finding; found by the linter after all rules ran.
struct WaiverUnusedRule: Rule {
    static let description = RuleDescription(
        identifier: "waiver-unused",
        name: "Waiver unused",
        family: .waivers,
        examines: [.waiver],
        severity: .fixed(.warning),
        summary: "a waiver that matches no finding (fixed, renamed, or a typo)",
        rationale: """
        A waiver that silences nothing is noise at best; at worst it is a typo that leaves the \
        finding it was meant for unexplained, or a fixed problem whose waiver would hide its return.
        """,
        remediation: "Delete the waiver, or correct its `rule` and `target`.",
        triggeringExamples: [
            """
            "secrets": [{"id": "k", "storage": "vault"}],
            "waivers": [↓{"rule": "secret-in-source", "target": "k", "reason": "old"}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "secrets": [{"id": "k", "storage": "source-code"}],
            "waivers": [{"rule": "secret-in-source", "target": "k", "reason": "rotating next sprint"}]
            """,
        ]
    )

    /// Unused waivers depend on every other rule's findings, so the linter reports them.
    func check(_ context: RuleContext) -> [Finding] { [] }

    static func finding(_ waiver: Waiver, context: RuleContext, ruleExists: Bool) -> Finding {
        let message = ruleExists
            ? "waiver of '\(waiver.rule)' on '\(waiver.target)' matches no finding"
            : "waiver names unknown rule '\(waiver.rule)'\(Suggestion.clause(for: waiver.rule, among: RuleCatalog.identifiers))"
        return context.finding(description, message, entityID: waiver.target, origin: waiver.origin)
    }
}

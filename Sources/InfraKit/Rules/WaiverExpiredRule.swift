import InfraModel

/// `waiver-expired`: found by the linter when it applies waivers.
struct WaiverExpiredRule: Rule {
    static let description = RuleDescription(
        identifier: "waiver-expired",
        name: "Waiver expired",
        family: .waivers,
        examines: [.waiver],
        severity: .fixed(.warning),
        summary: "a waiver whose `expires` day has passed; it no longer silences anything",
        rationale: """
        A waiver is a decision with an end date: the risk was accepted until then. Past it, the \
        finding it silenced is reported again, and the stale waiver should be renewed with a new \
        reason or removed.
        """,
        remediation: "Fix what the waiver covered and delete it, or renew it with a new `expires` and reason.",
        triggeringExamples: [
            """
            "secrets": [{"id": "k", "storage": "vault"}],
            "waivers": [{"rule": "secret-in-source", "target": "k", "reason": "migrating", "expires": ↓"2020-01-01"}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "secrets": [{"id": "k", "storage": "vault"}],
            "waivers": [{"rule": "secret-in-source", "target": "k", "reason": "migrating", "expires": "2999-01-01"}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.waivers.compactMap { waiver in
            guard let expires = waiver.expires, expires < context.settings.asOf else { return nil }
            return context.finding(Self.description, message(waiver, expires), entityID: waiver.target,
                                   origin: waiver.origin, key: "expires")
        }
    }

    private func message(_ waiver: Waiver, _ expires: Day) -> String {
        "waiver of '\(waiver.rule)' on '\(waiver.target)' expired on \(expires)"
    }
}

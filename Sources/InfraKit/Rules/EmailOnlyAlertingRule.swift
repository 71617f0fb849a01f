import InfraModel

struct EmailOnlyAlertingRule: Rule {
    static let description = RuleDescription(
        identifier: "email-only-alerting",
        name: "Email-only alerting",
        family: .operations,
        examines: [.monitor],
        severity: .inProduction(.error),
        summary: "a production monitor whose alerts only go to email",
        rationale: """
        Email is read when someone gets to it: an alert that arrives at 3 a.m., or among a hundred \
        other notifications, waits until morning. A monitor that only emails detects an outage but \
        wakes nobody, so production stays down for hours with the alert sitting unread in an inbox.
        """,
        remediation: """
        Route at least the urgent alerts of the monitor to a channel someone is paged on or watches \
        (pager, sms, chat), keeping email for the rest, and add that alert to `alerts`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["web-1"]}],
            "monitors": [{"id": "exception-notifier", "tool": "exception_notifier", "kind": "errors", "watches": ["rails"],
                          "alerts": ↓[{"channel": "email"}]}]
            """,
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"},
                      {"id": "web-2", "environment": "staging", "provider": "linode-london"}],
            "monitors": [{"id": "scout", "tool": "scout", "kind": "host", "watches": ["web-1", "web-2"],
                          "alerts": ↓[{"channel": "email", "target": "ops@example.com"}, {"channel": "email", "target": "cto@example.com", "severity": "critical"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "monitors": [
              {"id": "pingdom", "tool": "pingdom", "kind": "uptime", "watches": ["web-1"],
               "alerts": [{"channel": "email"}, {"channel": "pager", "target": "pagerduty"}]},
              {"id": "newrelic", "tool": "newrelic", "kind": "apm", "watches": ["web-1"]},
              {"id": "silent", "tool": "nagios", "kind": "host", "watches": ["web-1"], "alerts": []}
            ]
            """,
            """
            "hosts": [{"id": "stage-1", "environment": "staging", "provider": "linode-london"}],
            "monitors": [{"id": "scout", "tool": "scout", "kind": "host", "watches": ["stage-1"], "alerts": [{"channel": "email"}]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.monitors.compactMap { monitor in
            // No alerts at all is a different problem: here the monitor does alert, but only by email.
            guard !monitor.alerts.isEmpty, monitor.alerts.allSatisfy({ $0.channel == .email }),
                  context.index.isProduction(monitor.id) else { return nil }
            return context.finding(Self.description, message(monitor), entityID: monitor.id,
                                   origin: monitor.origin, key: "alerts")
        }
    }

    private func message(_ monitor: Monitor) -> String {
        "monitor '\(monitor.id)' watching production only alerts by email"
    }
}

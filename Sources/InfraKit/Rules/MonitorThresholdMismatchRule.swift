import InfraModel

struct MonitorThresholdMismatchRule: Rule {
    static let description = RuleDescription(
        identifier: "monitor-threshold-mismatch",
        name: "Monitor threshold mismatch",
        family: .operations,
        examines: [.monitor],
        severity: .inProduction(.warning),
        summary: "a process-count check that fires while the watched service runs its normal number of processes",
        rationale: """
        A check on the number of workers or processes is meant to fire when some of them die. If its \
        condition is already true at the count the service is configured to run, it alerts all the \
        time: people learn to ignore it, mute it, and miss the day workers really are down.
        """,
        remediation: """
        Make the condition false at the configured count: alert below the configured number of \
        processes (`< 3` for 3 workers), or update `processes.count` if the service was resized.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "web", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "processes": {"manager": "gunicorn", "count": 3}}],
            "monitors": [{"id": "datadog", "tool": "datadog", "kind": "metrics", "watches": ["web", "web-1"],
                          "checks": [{"metric": "gunicorn.workers", "condition": ↓"< 4"}, {"metric": "system.load.1", "condition": "> 4"}]}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "staging", "provider": "linode-london"}],
            "services": [
              {"id": "web", "environment": "staging", "kind": "web", "runsOn": ["app-1"], "processes": {"manager": "puma", "count": 2}},
              {"id": "jobs", "environment": "staging", "kind": "worker", "runsOn": ["app-1"], "processes": {"manager": "sidekiq", "count": 5}}
            ],
            "monitors": [{"id": "prometheus", "tool": "prometheus", "kind": "metrics", "watches": ["web", "jobs"],
                          "checks": [{"metric": "Sidekiq_Processes", "condition": ↓">= 5"},
                                     {"metric": "running_instances", "condition": ↓"!= 3"},
                                     {"metric": "puma.workers", "condition": "<= 1"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "todo", "environment": "prod", "kind": "web", "runsOn": ["web-1"], "processes": {"manager": "gunicorn", "count": 3}}],
            "monitors": [{"id": "datadog", "tool": "datadog", "kind": "metrics", "watches": ["todo"],
                          "checks": [{"metric": "gunicorn.workers", "condition": "< 3"}, {"metric": "gunicorn.workers", "condition": "> 6"},
                                     {"metric": "gunicorn.workers", "condition": "below three"}, {"metric": "gunicorn.requests", "condition": "< 10"}]}]
            """,
            """
            "hosts": [{"id": "app-1", "environment": "prod", "provider": "linode-london"}],
            "services": [
              {"id": "web", "environment": "prod", "kind": "web", "runsOn": ["app-1"], "processes": {"manager": "puma", "count": 2}},
              {"id": "jobs", "environment": "prod", "kind": "worker", "runsOn": ["app-1"], "processes": {"manager": "sidekiq", "count": 6}},
              {"id": "clock", "environment": "prod", "kind": "scheduler", "runsOn": ["app-1"], "processes": {"manager": "clockwork"}}
            ],
            "monitors": [{"id": "datadog", "tool": "datadog", "kind": "metrics", "watches": ["web", "jobs", "clock"],
                          "checks": [{"metric": "sidekiq.processes", "condition": "< 6"}, {"metric": "proc.count", "condition": "== 0"}]}]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        // Fleets of monitors repeat a few conditions: each text is read once.
        var conditions: [String: Condition?] = [:]
        func condition(_ text: String) -> Condition? {
            if let known = conditions[text] { return known }
            let parsed = Condition(text)
            conditions[text] = parsed
            return parsed
        }
        // Watched services are read in place, by position: copying each would retain every string it holds.
        let services = context.inventory.services
        return context.inventory.monitors.flatMap { monitor in
            let counted = monitor.watches.compactMap { id -> (service: Int, count: Int)? in
                guard let position = context.index.services.position(of: id), let count = services[position].processes?.count
                else { return nil }
                return (position, count)
            }
            return monitor.checks.compactMap { check -> Finding? in
                guard Self.countsProcesses(check.metric), let condition = condition(check.condition) else { return nil }
                // Compared without lowercased copies of the metric and of each name.
                let named = counted.filter { candidate in
                    TextSearch.caseInsensitiveContains(check.metric, services[candidate.service].id)
                        || (services[candidate.service].processes?.manager).map { TextSearch.caseInsensitiveContains(check.metric, $0) } ?? false
                }
                let firing = (named.isEmpty ? counted : named).filter { condition.holds(at: $0.count) }
                guard let first = firing.first else { return nil }
                return context.finding(Self.description, message(check, firing.map { (services[$0.service].id, $0.count) }),
                                       entityID: monitor.id, origin: check.origin, key: "condition",
                                       severityOf: services[first.service].id)
            }
        }
    }

    private static let processWords = ["worker", "proc", "instances"]

    private static func countsProcesses(_ metric: String) -> Bool {
        processWords.contains { TextSearch.lowercasedContains(metric, $0) }
    }

    /// A comparison of the metric with a number, such as `< 3`.
    private struct Condition {
        let comparison: String
        let threshold: Double

        init?(_ text: String) {
            let trimmed = text.trimmingSpaces
            // Two-character operators first, so `<=` is not read as `<` followed by `=2`.
            guard let comparison = ["<=", ">=", "==", "!=", "<", ">"].first(where: { trimmed.hasPrefix($0) }),
                  let threshold = Double(trimmed.dropFirst(comparison.count).trimmingSpaces),
                  threshold.isFinite else { return nil }
            self.comparison = comparison
            self.threshold = threshold
        }

        func holds(at count: Int) -> Bool {
            let value = Double(count)
            switch comparison {
            case "<": return value < threshold
            case "<=": return value <= threshold
            case ">": return value > threshold
            case ">=": return value >= threshold
            case "==": return value == threshold
            default: return value != threshold
            }
        }
    }

    private func message(_ check: Monitor.Check, _ firing: [(id: String, count: Int)]) -> String {
        let shown = "check '\(check.metric) \(check.condition.trimmingSpaces)'"
        func healthy(_ count: Int) -> String {
            switch count {
            case 0: "while it is scaled to 0 workers"
            case 1: "while its 1 worker is up"
            default: "while all \(count) workers are up"
            }
        }
        if firing.count == 1, let only = firing.first {
            return "\(shown) on '\(only.id)' fires \(healthy(only.count))"
        }
        let each = firing.map { "'\($0.id)' (\($0.count) \($0.count == 1 ? "worker" : "workers"))" }.joined(separator: ", ")
        return "\(shown) fires while all workers are up on \(each)"
    }
}

import InfraModel

struct SharedPrivilegedAccountRule: Rule {
    static let description = RuleDescription(
        identifier: "shared-privileged-account",
        name: "Shared all-purpose account",
        family: .security,
        examines: [.host],
        severity: .inProduction(.note),
        summary: "one account does everything on a host, or services run as root",
        rationale: """
        When one account deploys, runs the application, owns the database files and is what every \
        person logs in as, a compromise of any part is a compromise of all of it, and nothing in the \
        logs says who did what. Services running as root turn any remote code execution into full \
        control of the host.
        """,
        remediation: """
        Separate accounts by purpose: a deploy user, an unprivileged user per service, personal \
        accounts with sudo for people. Record them under `accounts`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london",
                       "accounts": [↓{"privileged": false, "purpose": "does everything"}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "staging", "provider": "linode-london",
                       "accounts": [{"name": "deploy", "purpose": "deploys"}, ↓{"name": "root", "privileged": true, "purpose": "runs the app services"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london",
                       "accounts": [{"name": "deploy", "purpose": "deploys releases"}, {"name": "app", "purpose": "runs unicorn"}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london",
                       "accounts": [{"name": "root", "privileged": true, "purpose": "break-glass access"}]}]
            """,
        ],
        securitySeverity: 6.0
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        let hosts = context.inventory.hosts
        // Only the hosts reported are copied out of the list: a copy retains every string a host holds.
        for position in hosts.indices {
            // Accounts are read in place too: a copy of each retained its strings and origin.
            for number in hosts[position].accounts.indices {
                // Searched as lowercased, without making the lowercased copy.
                let purpose = hosts[position].accounts[number].purpose ?? ""
                let doesEverything = TextSearch.lowercasedContains(purpose, "everything")
                let rootRunsServices = hosts[position].accounts[number].name == "root"
                    && Self.serviceWords.contains { TextSearch.lowercasedContains(purpose, $0) }
                guard doesEverything || rootRunsServices else { continue }
                let host = hosts[position], account = host.accounts[number]
                findings.append(context.finding(Self.description, message(host, account, doesEverything), entityID: host.id,
                                                origin: account.origin))
            }
        }
        return findings
    }

    private static let serviceWords = ["service", "app", "runs", "process", "daemon"]

    private func message(_ host: Host, _ account: Host.Account, _ doesEverything: Bool) -> String {
        let name = account.name.map { "account '\($0)'" } ?? "one unnamed account"
        return doesEverything
            ? "\(name) does everything on host '\(host.id)'"
            : "services run as root on host '\(host.id)'"
    }
}

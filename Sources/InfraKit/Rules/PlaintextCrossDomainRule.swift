import InfraModel
import InfraTopology

package struct PlaintextCrossDomainRule: Rule {
    package init() {}

    package static let description = RuleDescription(
        identifier: "plaintext-cross-domain",
        name: "Plaintext across failure domains",
        family: .security,
        examines: [.service],
        severity: .inProduction(.error),
        summary: "a dependency without TLS between two providers or regions",
        rationale: """
        Traffic between providers or regions crosses networks nobody in the team controls: the public \
        internet, peering links, a SaaS provider's edge. Without TLS, credentials and data in that \
        traffic can be read and altered on the way. Inside one provider's private network the risk is \
        smaller and is not reported here.
        """,
        remediation: """
        Use TLS for the connection (https, the database's TLS mode, STARTTLS) and record it with \
        `"tls": true`; or move the two ends into one failure domain behind a private network.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"}}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"],
                          "dependsOn": [{"target": "couch", "protocol": "http", "tls": ↓false}]}]
            """,
            """
            "providers": [{"id": "aws-east", "kind": "aws", "region": "us-east-1"}, {"id": "aws-west", "kind": "aws", "region": "us-west-2"}],
            "hosts": [{"id": "a", "environment": "staging", "provider": "aws-east"}, {"id": "b", "environment": "staging", "provider": "aws-west"}],
            "services": [{"id": "api", "environment": "staging", "kind": "web", "runsOn": ["b"]},
                         {"id": "app", "environment": "staging", "kind": "web", "runsOn": ["a"],
                          "dependsOn": [{"target": "api", "protocol": ↓"http"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "couch", "environment": "prod", "engine": "couchdb", "hosting": {"provider": "aws-us-east-1"}}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"],
                          "dependsOn": [{"target": "couch", "protocol": "https", "tls": true}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}, {"id": "db", "environment": "prod", "provider": "linode-london"}],
            "datastores": [{"id": "pg", "environment": "prod", "engine": "postgres", "hosting": {"host": "db"}}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"],
                          "dependsOn": [{"target": "pg", "protocol": "postgres", "tls": false}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "mail", "environment": "prod", "kind": "external", "provider": "aws-us-east-1"},
                         {"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"],
                          "dependsOn": [{"target": "mail", "protocol": "smtp"}]}]
            """,
        ],
        securitySeverity: 7.0
    )

    /// Protocols that carry no encryption of their own: with `tls` unstated they are plaintext.
    package static let plaintextProtocols: Set<String> = ["http", "ftp", "telnet", "ws"]

    package func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Services are read in place and copied only for a finding: a copy retains every string a service holds.
        let services = context.inventory.services
        for position in services.indices {
            // Most services have no plaintext dependency: their domains are worked out only when one does.
            var knownSourceDomains: [FailureDomain]?
            for dependency in services[position].dependsOn {
                let plaintext = dependency.tls == false
                    || (dependency.tls == nil && dependency.protocol.map { Self.plaintextProtocols.contains($0.lowercased()) } == true)
                guard plaintext else { continue }
                let sourceDomains = knownSourceDomains ?? context.index.failureDomains(of: services[position].id)
                knownSourceDomains = sourceDomains
                let targetDomains = context.index.failureDomains(of: dependency.target)
                let crossing = sourceDomains.lazy
                    .flatMap { from in targetDomains.map { (from: from, to: $0) } }
                    .first { $0.from.regionKey != $0.to.regionKey }
                guard let (from, to) = crossing else { continue }
                let key = dependency.tls == false ? "tls" : "protocol"
                let service = services[position]
                findings.append(context.finding(Self.description, message(service, dependency, from, to), entityID: service.id,
                                                origin: dependency.origin, key: key))
            }
        }
        return findings
    }

    private func message(_ service: Service, _ dependency: Service.Dependency, _ from: FailureDomain, _ to: FailureDomain) -> String {
        let scheme = dependency.protocol.map { "plain \($0)" } ?? "a connection without tls"
        return "'\(dependency.target)' is reached over \(scheme) from '\(service.id)' across failure domains ('\(from.providerID)' to '\(to.providerID)')"
    }
}

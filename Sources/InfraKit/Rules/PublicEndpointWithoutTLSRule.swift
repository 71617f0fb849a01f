import InfraModel

struct PublicEndpointWithoutTLSRule: Rule {
    static let description = RuleDescription(
        identifier: "public-endpoint-without-tls",
        name: "Public endpoint without TLS",
        family: .security,
        examines: [.service],
        severity: .inProduction(.error),
        summary: "a public service that does not terminate TLS",
        rationale: """
        A public endpoint served over plain HTTP exposes every session cookie, password and form to \
        anyone on the path: café Wi-Fi, ISPs, proxies. Browsers mark such sites "not secure".
        """,
        remediation: """
        Terminate TLS at the service or at a load balancer in front of it (and mark the service not \
        public), redirect HTTP to HTTPS, and record `"tls": {"terminates": true}`.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web"], "public": true, "tls": {"terminates": ↓false}}]
            """,
            """
            "hosts": [{"id": "web", "environment": "staging", "provider": "linode-london"}],
            "services": [{"id": "app", "environment": "staging", "kind": "web", "runsOn": ["web"], "public": true,
                          "ports": ↓[{"port": 80, "protocol": "http"}]}]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "nginx", "environment": "prod", "kind": "proxy", "runsOn": ["web"], "public": true,
                          "tls": {"terminates": true}, "ports": [{"port": 80, "protocol": "http"}, {"port": 443, "protocol": "https"}]}]
            """,
            """
            "hosts": [{"id": "web", "environment": "prod", "provider": "linode-london"}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web"], "public": true}]
            """,
        ],
        securitySeverity: 7.5
    )

    func check(_ context: RuleContext) -> [Finding] {
        context.inventory.services.compactMap { service in
            guard service.isPublic == true, service.kind != .external else { return nil }
            if service.terminatesTLS == false {
                return context.finding(Self.description, message(service), entityID: service.id,
                                       origin: service.origin.child("tls") ?? service.origin, key: "terminates")
            }
            // TLS unstated: only the ports can tell, and only when none of them speaks TLS.
            guard service.terminatesTLS == nil, !service.ports.isEmpty,
                  !service.ports.contains(where: { port in port.port == 443 || ["https", "tls", "ssl", "wss"].contains(port.protocol?.lowercased() ?? "") }),
                  service.ports.contains(where: { $0.protocol?.lowercased() == "http" || $0.port == 80 })
            else { return nil }
            return context.finding(Self.description, message(service), entityID: service.id, origin: service.origin, key: "ports")
        }
    }

    private func message(_ service: Service) -> String {
        "public service '\(service.id)' does not terminate tls"
    }
}

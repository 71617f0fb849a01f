import InfraJSON
import InfraModel

/// Reads `docker compose config --format json`: one Docker host runs the project; a service whose
/// image is a database (`postgres:16`) is a datastore on it, every other service a service with its
/// ports, health check, restart policy and dependencies; named volumes of other services are
/// datastores; secrets are written by reference, and environment variables holding credentials are
/// reported, never copied. Networks have no place in the format and are listed as not imported.
struct ComposeImporter {
    let root: JSONValue

    func read(into builder: inout ImportBuilder) {
        guard root.kind == .object, root["services"] != nil else {
            builder.note("no 'services': this is not the output of 'docker compose config --format json'")
            return
        }
        let project = root.text("name") ?? "compose"
        let services = root.entries("services").sorted { $0.name < $1.name }
        let datastores = Set(services.filter { ImageEngine.guess($0.value.text("image")).engine != nil }.map(\.name))
        var hostFields = FieldList()
        hostFields.add("environment", builder.environment())
        hostFields.add("provider", builder.unknownProvider())
        hostFields.add("roles", strings: ["docker"])
        let host = builder.add(.host, name: "\(project).docker-host", address: "host", fields: hostFields)
        for service in services {
            if datastores.contains(service.name) {
                datastore(service, host: host, &builder)
            } else {
                self.service(service, host: host, datastores: datastores, &builder)
            }
            credentials(service, &builder)
        }
        volumes(services, datastores: datastores, host: host, &builder)
        secrets(services, &builder)
        for network in root.entries("networks").map(\.name).sorted() { builder.unmapped(type: "network", address: "networks.\(network)") }
    }

    private func datastore(_ service: JSONMember, host: String, _ builder: inout ImportBuilder) {
        let (engine, version) = ImageEngine.guess(service.value.text("image"))
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("engine", engine)
        fields.add("version", version)
        fields.add("hosting", .object([("host", .string(host))]))
        fields.add("public", Self.publishes(service.value) ? true : nil)
        builder.add(.datastore, name: service.name, address: "services.\(service.name)", fields: fields)
    }

    private func service(_ service: JSONMember, host: String, datastores: Set<String>, _ builder: inout ImportBuilder) {
        let value = service.value
        let ports = value.blocks("ports").compactMap { port -> JSONOutput? in
            let number = port.integer("published") ?? port.integer("target")
            return number.map { FieldList.port($0, port.text("protocol")) }
        }
        var fields = FieldList()
        fields.add("environment", builder.environment())
        fields.add("kind", Self.publishes(value) ? "web" : "worker")
        fields.add("runsOn", strings: [host])
        fields.add("processes") { $0.add("count", value["deploy"]?.integer("replicas")) }
        fields.add("supervisor", ["always", "unless-stopped"].contains(value.text("restart") ?? "") || value.text("restart")?.hasPrefix("on-failure") == true ? "platform" : "none")
        if !ports.isEmpty { fields.add("ports", .array(ports)) }
        fields.add("public", Self.publishes(value) ? true : nil)
        fields.add("healthCheck", Self.healthCheck(value.block("healthcheck")))
        let dependencies = value.entries("depends_on").map(\.name) + value.strings("depends_on")
        if !dependencies.isEmpty {
            fields.add("dependsOn", .array(Set(dependencies).sorted().map { .object([("target", .string(ImportID.make($0)))]) }))
        }
        fields.add("resources", Self.resources(value["deploy"]?["resources"]))
        builder.add(.service, name: service.name, address: "services.\(service.name)", fields: fields)
    }

    /// Whether a port is published on an address others can reach (not only 127.0.0.1).
    static func publishes(_ service: JSONValue) -> Bool {
        service.blocks("ports").contains { port in
            port["published"] != nil && !["127.0.0.1", "::1", "localhost"].contains(port.text("host_ip") ?? "")
        }
    }

    static func healthCheck(_ check: JSONValue?) -> JSONOutput? {
        guard let check, check.flag("disable") != true, check.strings("test").first != "NONE" else { return nil }
        var fields = FieldList()
        fields.add("kind", "command")
        fields.add("interval", check.text("interval").flatMap { Duration(parsing: $0) != nil ? $0 : nil } ?? "30s")
        return fields.output
    }

    static func resources(_ resources: JSONValue?) -> JSONOutput? {
        guard let amounts = resources?["reservations"] ?? resources?["limits"] else { return nil }
        var fields = FieldList()
        fields.add("cpus", amounts.number("cpus").map(JSONOutput.double))
        fields.add("memoryGiB", amounts.number("memory").map { JSONOutput.double(($0 / 0x1p30 * 1000).rounded() / 1000) })
        return fields.members.isEmpty ? nil : fields.output
    }
}

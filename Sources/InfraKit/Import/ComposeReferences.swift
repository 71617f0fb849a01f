import InfraJSON
import InfraModel

/// Compose volumes, secrets and credentials in environment variables.
extension ComposeImporter {
    /// Named volumes mounted by services that are not datastores: state on the Docker host.
    func volumes(_ services: [JSONMember], datastores: Set<String>, host: String, _ builder: inout ImportBuilder) {
        var users: [String: [String]] = [:]
        for service in services where !datastores.contains(service.name) {
            for volume in service.value.blocks("volumes") where volume.text("type") == "volume" {
                if let name = volume.text("source") { users[name, default: []].append(service.name) }
            }
        }
        for (name, _) in users.sorted(by: { $0.key < $1.key }) {
            var fields = FieldList()
            fields.add("environment", builder.environment())
            fields.add("engine", "volume")
            fields.add("hosting", .object([("host", .string(host))]))
            builder.add(.datastore, name: "volume.\(name)", address: "volumes.\(name)", fields: fields)
        }
    }

    /// Top-level secrets by reference: a file on the host, an environment variable or external.
    func secrets(_ services: [JSONMember], _ builder: inout ImportBuilder) {
        for secret in root.entries("secrets").sorted(by: { $0.name < $1.name }) {
            let users = services.filter { service in
                service.value.blocks("secrets").contains { $0.text("source") == secret.name } || service.value.strings("secrets").contains(secret.name)
            }.map { ImportID.make($0.name) }
            let storage = secret.value["environment"] != nil ? "environment" : secret.value.flag("external") == true ? "platform-settings" : "dotfile"
            var fields = FieldList()
            fields.add("storage", storage)
            fields.add("usedBy", strings: users.sorted())
            fields.add("environment", builder.environment())
            builder.add(.secret, name: "secret.\(secret.name)", address: "secrets.\(secret.name)", fields: fields)
        }
    }

    /// Environment variables whose value is a credential: reported, and written as a secret kept in
    /// source (the Compose file or its .env), never by value.
    func credentials(_ service: JSONMember, _ builder: inout ImportBuilder) {
        let variables: [(String, String)] = service.value.entries("environment").compactMap { member in
            member.value.string.map { (member.name, $0) }
        } + service.value.strings("environment").compactMap { line in
            line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
        }
        for (name, value) in variables where !value.isEmpty {
            let named = CredentialScanner.isCredentialName(name) && CredentialScanner.isLiteralSecret(value)
            guard named || !CredentialScanner.scan(value).isEmpty else { continue }
            builder.note("service '\(service.name)': environment variable '\(name)' holds a credential in plain text; it was not copied")
            var fields = FieldList()
            fields.add("storage", "source-code")
            fields.add("usedBy", strings: [ImportID.make(service.name)])
            builder.add(.secret, name: "\(service.name).env.\(name)", address: "services.\(service.name).environment.\(name)", fields: fields)
        }
    }
}

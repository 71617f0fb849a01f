import InfraJSON
import InfraModel

/// Reads `ansible-inventory --list`: every host with its groups as roles, its address, its
/// connection user, and the environment a group names (`production`, `staging`). Host variables
/// that hold credentials are reported and written as secrets by reference, never by value: a
/// vault-encrypted one as kept in Ansible Vault, a plain one as kept in the inventory.
struct AnsibleImporter {
    let root: JSONValue

    func read(into builder: inout ImportBuilder) {
        guard root.kind == .object, root["_meta"] != nil || root["all"] != nil else {
            builder.note("no '_meta' or 'all' group: this is not the output of 'ansible-inventory --list'")
            return
        }
        let groups = hostGroups()
        let hostvars = root["_meta"]?["hostvars"]
        let names = Set(groups.keys).union(hostvars?.members.map(\.name) ?? []).sorted()
        var secrets: [String: (storage: String, hosts: [String])] = [:]
        for name in names {
            let vars = hostvars?[name]
            let id = host(name, groups: groups[name] ?? [], vars: vars, &builder)
            for (variable, storage) in credentials(in: vars, host: name, &builder) {
                secrets[variable, default: (storage, [])].hosts.append(id)
            }
        }
        for (variable, secret) in secrets.sorted(by: { $0.key < $1.key }) {
            var fields = FieldList()
            fields.add("storage", secret.storage)
            fields.add("usedBy", strings: secret.hosts.sorted())
            builder.add(.secret, name: "ansible-var.\(variable)", address: "hostvars.\(variable)", fields: fields)
        }
    }

    @discardableResult
    private func host(_ name: String, groups: Set<String>, vars: JSONValue?, _ builder: inout ImportBuilder) -> String {
        let environment = groups.sorted().lazy.compactMap(ImportID.environmentName).first
        let address = vars?.text("ansible_host")
        var fields = FieldList()
        fields.add("environment", builder.environment(environment))
        fields.add("provider", builder.unknownProvider())
        fields.add("roles", strings: groups.filter { !["all", "ungrouped"].contains($0) && ImportID.environmentName($0) == nil }.sorted())
        fields.add("addresses") { addresses in
            if let address { addresses.add(Self.isPrivate(address) ? "private" : "public", address) }
        }
        if let user = vars?.text("ansible_user") {
            fields.add("accounts", .array([.object([("name", .string(user)), ("purpose", .string("ansible connection"))])]))
        }
        fields.add("managedBy", "ansible")
        return builder.add(.host, name: name, address: "host.\(name)", fields: fields)
    }

    /// Each host's groups, direct and through `children`.
    private func hostGroups() -> [String: Set<String>] {
        var parents: [String: [String]] = [:]
        for group in root.members where group.name != "_meta" {
            for child in group.value.strings("children") { parents[child, default: []].append(group.name) }
        }
        var result: [String: Set<String>] = [:]
        for group in root.members where group.name != "_meta" {
            let all = Self.ancestors(of: group.name, parents: parents)
            for host in group.value.strings("hosts") { result[host, default: []].formUnion(all) }
        }
        return result
    }

    private static func ancestors(of group: String, parents: [String: [String]]) -> Set<String> {
        var seen: Set<String> = [group]
        var queue = [group]
        while let next = queue.popLast() {
            for parent in parents[next] ?? [] where seen.insert(parent).inserted { queue.append(parent) }
        }
        return seen
    }

    /// The host's variables that hold a credential, with where it is kept; each plain one noted.
    private func credentials(in vars: JSONValue?, host: String, _ builder: inout ImportBuilder) -> [(String, String)] {
        (vars?.members ?? []).compactMap { member in
            if member.value["__ansible_vault"] != nil { return (member.name, "ansible-vault") }
            guard let value = member.value.string, !value.isEmpty else { return nil }
            let named = CredentialScanner.isCredentialName(member.name) && CredentialScanner.isLiteralSecret(value)
            guard named || !CredentialScanner.scan(value).isEmpty else { return nil }
            builder.note("host '\(host)': variable '\(member.name)' holds a credential in plain text in the Ansible inventory; it was not copied (written as secret 'ansible-var.\(ImportID.make(member.name))', kept in the inventory)")
            return (member.name, "inventory")
        }
    }

    /// Whether `address` is an RFC 1918 IPv4 address or a loopback one.
    static func isPrivate(_ address: String) -> Bool {
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return false }
        return parts[0] == 10 || parts[0] == 127 || (parts[0] == 192 && parts[1] == 168) || (parts[0] == 172 && (16...31).contains(parts[1]))
    }
}

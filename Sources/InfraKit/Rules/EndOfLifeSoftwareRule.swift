import InfraModel

struct EndOfLifeSoftwareRule: Rule, RuleReference {
    static var referenceText: String { tableText() }

    static let description = RuleDescription(
        identifier: "end-of-life-software",
        name: "End-of-life software",
        family: .operations,
        examines: [.host, .service, .datastore],
        cost: 0.11,
        severity: .inProduction(.error),
        summary: "an operating system, runtime, framework or database engine past its end of life",
        rationale: """
        After its end of life a release gets no more security fixes: every vulnerability found since \
        stays open, and exploits for it are public. Libraries drop support for it, so even routine \
        upgrades become a migration, and the longer it waits the bigger the jump. Some releases have \
        a second phase after regular support (Debian LTS, Ubuntu ESM, Oracle Extended Support for \
        MySQL, MariaDB Enterprise support): fixes still come, for fewer packages or for a fee, so a \
        release in that phase is a `warning` (one step below the rule's severity: the risk needs a \
        missed or unpaid fix first), and past its last phase the usual `error` in production. Dates \
        and their sources come from the built-in table that `infractl explain end-of-life-software` \
        prints; a release the table does not list is unknown, not supported.
        """,
        remediation: """
        Plan the upgrade to a supported release (read the vendor's upgrade notes for every release \
        skipped), then update the `version` in the inventory. A release in extended support buys \
        time, not safety: check that the host really receives the LTS or ESM fixes (Ubuntu Pro \
        attached, Debian LTS sources enabled) and schedule the upgrade before the last date. Until \
        then, isolate the component and waive the finding with a reason and an expiry date.
        """,
        triggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london", "os": {"name": "ubuntu", "version": ↓"14.04"}}],
            "services": [{"id": "rails", "environment": "prod", "kind": "web", "runsOn": ["web-1"],
                          "runtime": {"name": "ruby", "version": ↓"1.9.3"}, "framework": {"name": "Rails", "version": ↓"4.2.11"}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "staging", "provider": "linode-london"}],
            "datastores": [
              {"id": "pg", "environment": "staging", "engine": "postgresql", "version": ↓"9.6.24", "hosting": {"host": "db-1"}},
              {"id": "mongo", "environment": "staging", "engine": "mongodb", "version": ↓"3.6", "hosting": {"host": "db-1"}}
            ]
            """,
            // Past the end of all support in production (error), and past regular support only
            // (warning): Ubuntu 18.04 is in ESM until 2028, Debian 11 in Debian LTS until 2026.
            """
            "hosts": [
              {"id": "web-1", "environment": "prod", "provider": "linode-london", "os": {"name": "ubuntu", "version": ↓"12.04"}},
              {"id": "web-2", "environment": "prod", "provider": "linode-london", "os": {"name": "ubuntu", "version": ↓"18.04"}},
              {"id": "db-1", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": ↓"11.9"}}
            ]
            """,
            // Engines added with issue 21, written as inventories write them.
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london"}],
            "datastores": [
              {"id": "events", "environment": "prod", "engine": "clickhouse", "version": ↓"25.1.5", "hosting": {"host": "db-1"}},
              {"id": "search", "environment": "prod", "engine": "es", "version": ↓"8.16.2", "hosting": {"host": "db-1"}},
              {"id": "shop-db", "environment": "prod", "engine": "mariadb-server", "version": ↓"10.4.34", "hosting": {"host": "db-1"}},
              {"id": "orders-db", "environment": "prod", "engine": "mysql", "version": ↓"5.7.44", "hosting": {"host": "db-1"}},
              {"id": "bus", "environment": "prod", "engine": "apache-kafka", "version": ↓"3.6.2", "hosting": {"host": "db-1"}},
              {"id": "cache", "environment": "prod", "engine": "redis", "version": ↓"6.0.20", "hosting": {"host": "db-1"}}
            ]
            """,
        ],
        nonTriggeringExamples: [
            """
            "hosts": [{"id": "web-1", "environment": "prod", "provider": "linode-london", "os": {"name": "ubuntu", "version": "24.04"}}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["web-1"],
                          "runtime": {"name": "ruby", "version": "3.3.1"}, "framework": {"name": "rails"}}]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london", "os": {"name": "debian", "version": "12"}}],
            "datastores": [
              {"id": "cache", "environment": "prod", "engine": "valkey", "version": "8.1.1", "hosting": {"host": "db-1"}},
              {"id": "search", "environment": "prod", "engine": "opensearch", "version": "2.19.1", "hosting": {"host": "db-1"}},
              {"id": "shop-db", "environment": "prod", "engine": "mariadb", "version": "10.11.11", "hosting": {"host": "db-1"}},
              {"id": "logs", "environment": "prod", "engine": "elastic", "version": "7.17.28", "hosting": {"host": "db-1"}}
            ]
            """,
            """
            "hosts": [{"id": "db-1", "environment": "prod", "provider": "linode-london", "os": {"name": "plan9", "version": "4"}}],
            "clusters": [{"id": "deis", "environment": "prod", "kind": "deis", "members": [{"host": "db-1"}]}],
            "services": [{"id": "app", "environment": "prod", "kind": "web", "runsOn": ["deis"], "framework": {"name": "rails", "version": "4.20"}}],
            "datastores": [
              {"id": "pg", "environment": "prod", "engine": "postgres", "version": "9", "hosting": {"host": "db-1"}},
              {"id": "pg-unknown", "environment": "prod", "engine": "postgres", "hosting": {"host": "db-1"}}
            ]
            """,
        ]
    )

    func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Fleets repeat a handful of products and versions: look each pair up once. The first few
        // pairs are kept in a list, as comparing two short strings is cheaper than hashing them at
        // every entity; a fleet of many more goes on in a dictionary.
        var recent: [(release: Release, ended: Ended?)] = []
        var entries: [Release: Ended?] = [:]
        func ended(_ product: String, _ version: String?) -> Ended? {
            // Compared in place: taking each remembered pair out of the list copied four strings and
            // counted references on them, half the rule's time (callgrind, hosts-10000.json).
            for index in recent.indices where recent[index].release.product == product && recent[index].release.version == version {
                return recent[index].ended
            }
            let key = Release(product: product, version: version)
            if recent.count == Self.listedReleases, let known = entries[key] { return known }
            // Without a version only a product whose every release has ended (an empty cycle, such as
            // CoreOS Container Linux) can be judged; the finding then points at the product itself.
            var found = Self.entry(product: product, version: version ?? "")
            if let entry = found, version == nil && !entry.cycle.isEmpty || entry.endOfSupport >= context.settings.asOf {
                found = nil
            }
            let ended = found.map { entry in
                Ended(release: release(product, version ?? ""), phase: phase(of: entry, asOf: context.settings.asOf))
            }
            if recent.count < Self.listedReleases { recent.append((key, ended)) } else { entries[key] = ended }
            return ended
        }
        func inspect(_ product: String, _ version: String?, entityID: String, isProduction: () -> Bool? = { nil },
                     origin: () -> Origin?) {
            guard let ended = ended(product, version), let origin = origin() else { return }
            var finding = context.finding(Self.description, message(ended, entityID), entityID: entityID,
                                          origin: origin, key: version == nil ? nil : "version", isProduction: isProduction())
            // Extended support still brings fixes: one step below the rule's severity.
            if case .extendedSupport = ended.phase { finding.severity = finding.severity.lowered }
            findings.append(finding)
        }
        // Fields are read in place: copying each entity would retain every string it holds.
        let hosts = context.inventory.hosts, services = context.inventory.services
        for position in hosts.indices {
            if let os = hosts[position].os {
                inspect(os.name, os.version, entityID: hosts[position].id, isProduction: { context.index.isProduction(hostAt: position) }) {
                    hosts[position].origin.child("os")
                }
            }
        }
        for position in services.indices {
            if let runtime = services[position].runtime {
                inspect(runtime.name, runtime.version, entityID: services[position].id,
                        isProduction: { context.index.isProduction(serviceAt: position) }) { services[position].origin.child("runtime") }
            }
            if let framework = services[position].framework {
                inspect(framework.name, framework.version, entityID: services[position].id,
                        isProduction: { context.index.isProduction(serviceAt: position) }) { services[position].origin.child("framework") }
            }
        }
        for datastore in context.inventory.datastores {
            inspect(datastore.engine, datastore.version, entityID: datastore.id) { datastore.origin }
        }
        return findings
    }

    /// How many releases are remembered in a list before a dictionary.
    private static let listedReleases = 16

    /// A product and version as the table is searched for them; a struct rather than one joined
    /// string, so looking one up builds no string.
    private struct Release: Hashable {
        let product: String
        let version: String?
    }

    /// A release past its end of life or its regular support, in the words each finding about it
    /// repeats: worked out once per release rather than once per host that runs it.
    private struct Ended {
        let release: String
        let phase: Phase
    }

    /// How far past its support a release is, with the days and names its message gives.
    private enum Phase {
        /// Every phase of support has ended, on `endOfLife`.
        case endOfLife(String)
        /// Regular support ended on `endOfSupport`; `extendedSupport` goes on until `until`.
        case extendedSupport(endOfSupport: String, extendedSupport: String, until: String)
    }

    private func phase(of entry: EndOfLifeEntry, asOf: Day) -> Phase {
        guard entry.endOfLife >= asOf else { return .endOfLife("\(entry.endOfLife)") }
        let name = EndOfLifeTable.extendedSupport[entry.product] ?? "extended support"
        return .extendedSupport(endOfSupport: "\(entry.endOfSupport)", extendedSupport: name, until: "\(entry.endOfLife)")
    }

    /// The table's entry for a release: same product (after aliases), version equal to the cycle or
    /// inside it, the most specific cycle winning.
    static func entry(product: String, version: String) -> EndOfLifeEntry? {
        let name = product.lowercased()
        let canonical = EndOfLifeTable.aliases[name] ?? name
        return EndOfLifeTable.entries
            .filter { entry in
                // An empty cycle stands for every release of the product.
                entry.product == canonical
                    && (entry.cycle.isEmpty || version == entry.cycle || version.hasPrefix(entry.cycle + "."))
            }
            .max { $0.cycle.count < $1.cycle.count }
    }

    /// The built-in table, one release cycle a line, for `infractl explain end-of-life-software`:
    /// the end of regular support (a warning after it), the end of all support (end of life), the
    /// source of both, then what each product's extended phase is.
    static func tableText() -> String {
        let rows = EndOfLifeTable.entries.map { entry in
            [entry.product, entry.cycle.isEmpty ? "(all)" : entry.cycle, entry.endOfSupport.description,
             entry.hasExtendedSupport ? entry.endOfLife.description : "-", entry.source]
        }
        let header = ["product", "cycle", "regular support", "extended support", "source"]
        let columns = header.count - 1
        let widths = (0..<columns).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<columns).map { row[$0].padded(to: widths[$0]) }.joined(separator: "  ") + "  " + row[columns]
        }
        let phases = EndOfLifeTable.extendedSupport.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n\n"
            + "Past regular support: a warning (a note outside production); past extended support, or past\n"
            + "regular support where there is none (-): end of life. Extended support by product:\n"
            + phases.joined(separator: "\n") + "\n"
            + "ESM needs Ubuntu Pro and the MySQL and MariaDB phases a paid subscription; Debian LTS is free.\n"
    }

    private func release(_ product: String, _ version: String) -> String {
        version.isEmpty ? "\(product.lowercased()) (every release)" : "\(product.lowercased()) \(version)"
    }

    private func message(_ ended: Ended, _ entity: String) -> String {
        switch ended.phase {
        case .endOfLife(let day):
            // "<release> on '<entity>' reached end of life on <day>"
            MessageText.joined(ended.release, " on '", entity, "' reached end of life on ", day)
        case .extendedSupport(let endOfSupport, let extendedSupport, let until):
            // "<release> on '<entity>' left regular security support on <day>; <phase> until <day>"
            MessageText.joined(ended.release, " on '", entity, "' left regular security support on ", endOfSupport, "; ",
                               extendedSupport, " until ", until)
        }
    }
}

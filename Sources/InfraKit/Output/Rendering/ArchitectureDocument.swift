import InfraModel
import InfraTopology

/// The content of the architecture docs as blocks — headings, paragraphs, lists, tables,
/// collapsible notes and the diagram — built once from an `ArchitectureModel`.
///
/// `MarkdownRenderer` and `HTMLRenderer` both print these blocks, so the two formats say the
/// same thing. Text here is raw inventory text: each renderer redacts credentials and escapes it
/// for its own syntax.
public struct ArchitectureDocument: Sendable {
    public enum Inline: Sendable, Equatable {
        case text(String)
        /// Ids, schedules, durations: shown as code.
        case code(String)
        case strong(String)
        /// A finding severity: plain in Markdown, a coloured badge in HTML.
        case severity(Severity)
        /// How many findings an entity has, and the worst severity among them.
        case findings(count: Int, worst: Severity)
        case lineBreak
    }

    /// One table cell: inline content, `.lineBreak` between lines.
    public typealias Cell = [Inline]

    public indirect enum Block: Sendable {
        case heading(level: Int, text: String)
        case paragraph([Inline])
        case list([[Inline]])
        case table(headers: [String], rows: [[Cell]])
        /// Collapsed by default in HTML and on GitHub.
        case details(summary: String, blocks: [Block])
        /// Where the diagram goes: Mermaid in Markdown, SVG in HTML.
        case diagram
    }

    public let blocks: [Block]

    /// Shown wherever a value is not recorded.
    static let absent = "—"

    /// More rows than this in one table, without a focus, and the table counts groups of them instead.
    public static let tableRowLimit = 200

    public init(_ model: ArchitectureModel, plan: DiagramPlan? = nil) {
        var builder = Builder(model: model, plan: plan ?? DiagramPlan(model))
        builder.build()
        blocks = builder.blocks
    }
}

extension ArchitectureDocument {
    private struct Builder {
        let model: ArchitectureModel
        let plan: DiagramPlan
        /// With a focus, the entities the tables list; nil lists everything.
        let listed: Set<String>?
        var blocks: [Block] = []
        /// The environments of each backup, monitor, pipeline, secret and DNS zone, which follow
        /// from what they refer to: worked out once for every environment's section.
        let environmentsOf: [String: Set<String>]
        /// The longest gap of each backup schedule met so far: costly to work out, and a
        /// backup's is shown in its own table and in those of the datastores it covers.
        var longestGaps: [Schedule: Duration?] = [:]

        var index: InventoryIndex { model.index }
        var inventory: Inventory { index.inventory }

        init(model: ArchitectureModel, plan: DiagramPlan) {
            self.model = model
            self.plan = plan
            listed = plan.focus?.entityIDs
            let index = model.index
            let inventory = index.inventory
            var environmentsOf: [String: Set<String>] = [:]
            let ids = inventory.backups.map(\.id) + inventory.monitors.map(\.id) + inventory.pipelines.map(\.id)
                + inventory.secrets.map(\.id) + inventory.dns.map(\.id)
            for id in ids where environmentsOf[id] == nil { environmentsOf[id] = index.environmentIDs(of: id) }
            self.environmentsOf = environmentsOf
        }

        mutating func longestGap(_ schedule: Schedule) -> Duration? {
            if let known = longestGaps[schedule] { return known }
            let gap = schedule.longestGap
            longestGaps[schedule] = .some(gap)
            return gap
        }

        mutating func build() {
            overview()
            providers()
            blocks.append(.heading(level: 2, text: "Diagram"))
            diagramNotes()
            blocks.append(.diagram)
            if let overview = plan.overview {
                blocks.append(.paragraph([.text(
                    "Boxes nest environment → provider (one failure domain)\(overview.grain == .zone ? " → zone" : ""); each node counts the "
                    + "services of one kind, the datastores of one engine, the clusters of one kind or the hosts there, with their findings "
                    + "and the worst one. Arrows count the dependencies, load-balancer backends and DNS targets between two groups; a dashed "
                    + "arrow marked ⚠ holds plain text between two failure domains. Red marks a group with an error finding, amber a warning, "
                    + "blue a note.")]))
            } else {
                blocks.append(.paragraph([.text(
                "Boxes nest environment → provider (one failure domain) → zone → host or cluster (a page drawn without Graphviz "
                + "shows one band per environment instead). Rounded boxes are services, "
                + "cylinders datastores, hexagons DNS zones. Arrows are dependencies labelled with their protocol; a dashed arrow "
                + "marked ⚠ is plain text between two failure domains. Red marks an entity with an error finding, amber a warning, "
                + "blue a note.")]))
            }
            let environmentIDs = model.environments.map(\.id)
            var shown = Set<String>()
            for environment in ArchitectureModel.orderedEnvironmentIDs(index, including: Set(environmentIDs)) {
                shown.formUnion(environmentSection(environment))
            }
            unattached(excluding: shown)
            findingsSection()
        }

        /// Above a diagram that is not the whole system entity by entity: what it is, and how to see more.
        mutating func diagramNotes() {
            let focus = plan.focus?.focus
            if let overview = plan.overview {
                var text = "This diagram is an aggregated overview"
                text += focus.map { " of \($0.phrase)" } ?? ""
                text += ": \(ArchitectureOverview.counted(overview.entityCount)) entities are more than one diagram can show "
                    + "(Mermaid draws at most \(ArchitectureOverview.counted(plan.maxEdges)) edges and \(ArchitectureOverview.counted(plan.maxTextSize)) characters), so they are counted in groups per "
                    + "\(overview.grain.phrase). Draw one part in full with "
                blocks.append(.paragraph([.strong("Aggregated:"), .text(" " + text), .code("infractl docs FILE --focus ID"),
                                          .text(" (an entity and its neighbours), "), .code("--focus environment=NAME"), .text(" or "),
                                          .code("--focus region=NAME"), .text(".")]))
            } else if let focus {
                blocks.append(.paragraph([.strong("Focused:"), .text(" the diagram draws \(focus.phrase) in full; what it refers to elsewhere "
                                          + "is a grey stub, and the tables list what it draws and what refers to it.")]))
            }
        }

        // MARK: Overview

        mutating func overview() {
            blocks.append(.heading(level: 1, text: model.name))
            if let description = inventory.document?.root["description"]?.string {
                // Labelled, so the paragraph's line starts with our text, never the inventory's.
                blocks.append(.paragraph([.strong("Description:"), .text(" " + description)]))
            }
            var facts: [[Inline]] = []
            if inventory.ownerTeam != nil || inventory.ownerContact != nil {
                let owner = [inventory.ownerTeam, inventory.ownerContact].compactMap { $0 }.joined(separator: " — ")
                facts.append([.strong("Owner:"), .text(" " + owner)])
            }
            let environments = ArchitectureModel.orderedEnvironmentIDs(index, including: []).map { id -> [Inline] in
                let environment = index.environments[id]
                let details = [environment?.kind.rawValue, environment?.domain].compactMap { $0 }
                return [.code(id), .text(details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")]
            }
            facts.append([.strong("Environments:"), .text(" ")] + joined(environments, ", ", empty: Self.none))
            let providers = inventory.providers.sorted { $0.id < $1.id }.map { provider -> [Inline] in
                [.code(provider.id), .text(" (\(([provider.kind] + [provider.region].compactMap { $0 }).joined(separator: ", ")))")]
            }
            facts.append([.strong("Providers:"), .text(" ")] + joined(providers, ", ", empty: Self.none))
            facts.append([.strong("Inventory:"), .text(" " + inventory.countsSummary)])
            facts.append([.strong("Findings as of \(model.asOf):"), .text(" " + findingCounts() + " (see Findings below)")])
            blocks.append(.list(facts))
            blocks.append(.paragraph([.text("Generated by infractl docs from the inventory; edit the inventory, not this text.")]))
        }

        mutating func providers() {
            guard !inventory.providers.isEmpty else { return }
            blocks.append(.heading(level: 2, text: "Providers (failure domains)"))
            // Gathered in one pass each: a provider's row must not scan the whole inventory.
            var hosts: [String: [String]] = [:]
            var managed: [String: [String]] = [:]
            var other: [String: [String]] = [:]
            for host in inventory.hosts { hosts[host.provider, default: []].append(host.id) }
            for service in inventory.services where service.runsOn.isEmpty {
                if let provider = service.provider { managed[provider, default: []].append(service.id) }
            }
            for datastore in inventory.datastores {
                if case .provider(let provider)? = datastore.hosting { managed[provider, default: []].append(datastore.id) }
            }
            for backup in inventory.backups { other[backup.targetProvider, default: []].append("backups: \(backup.id)") }
            for zone in inventory.dns { other[zone.provider, default: []].append("DNS: \(zone.zone)") }
            let rows = inventory.providers.sorted { $0.id < $1.id }.map { provider -> [Cell] in
                [[.code(provider.id)], [.text(provider.kind)], [.text(provider.region ?? Self.absent)],
                 someIDs((hosts[provider.id] ?? []).sorted()), someIDs((managed[provider.id] ?? []).sorted()),
                 someLines((other[provider.id] ?? []).sorted())]
            }
            blocks.append(.table(headers: ["provider", "kind", "region", "hosts", "runs itself", "also holds"], rows: rows))
            notes(inventory.providers.sorted { $0.id < $1.id })
        }

        // MARK: Environments

        /// Appends one environment's tables; returns the ids it listed.
        mutating func environmentSection(_ environment: String) -> Set<String> {
            let environmentsOf = self.environmentsOf
            let inventory = self.inventory
            let inEnvironment = { (id: String) in environmentsOf[id]?.contains(environment) == true }
            // Positions in inventory order: `tables` sorts what it lists one by one, and a summary
            // of a large environment copies none of its entities.
            var sections = Sections(
                hosts: Self.positions(inventory.hosts) { $0.environment == environment },
                clusters: Self.positions(inventory.clusters) { $0.environment == environment },
                services: Self.positions(inventory.services) { $0.environment == environment },
                datastores: Self.positions(inventory.datastores) { $0.environment == environment },
                backups: Self.positions(inventory.backups) { inEnvironment($0.id) },
                monitors: Self.positions(inventory.monitors) { inEnvironment($0.id) },
                pipelines: Self.positions(inventory.pipelines) { inEnvironment($0.id) },
                jobs: Self.positions(inventory.jobs) { $0.environment == environment },
                secrets: Self.positions(inventory.secrets) { inEnvironment($0.id) },
                zones: Self.positions(inventory.dns) { inEnvironment($0.id) })
            if let listed {
                sections.keep(listed, inventory)
                // A focus leaves out the environments it does not reach.
                if sections.isEmpty { return [] }
            }

            blocks.append(.heading(level: 2, text: "Environment \(ArchitectureModel.environmentTitle(environment, index))"))
            if let description = index.environments[environment]?.summary {
                // Labelled, so the paragraph's line starts with our text, never the inventory's.
                blocks.append(.paragraph([.strong("Description:"), .text(" " + description)]))
            }
            if sections.isEmpty {
                blocks.append(.paragraph([.text("Nothing is recorded in this environment.")]))
                return []
            }
            tables(sections)
            return sections.ids(inventory)
        }

        /// Positions of the elements of `all` that `isIncluded`.
        static func positions<E>(_ all: [E], where isIncluded: (E) -> Bool) -> [Int] {
            all.indices.filter { isIncluded(all[$0]) }
        }

        /// Entities no environment claims: monitors watching nothing, secrets used by nothing, ...
        mutating func unattached(excluding listed: Set<String>) {
            let inventory = self.inventory
            var sections = Sections(
                hosts: [], clusters: [], services: [], datastores: [],
                backups: Self.positions(inventory.backups) { !listed.contains($0.id) },
                monitors: Self.positions(inventory.monitors) { !listed.contains($0.id) },
                pipelines: Self.positions(inventory.pipelines) { !listed.contains($0.id) },
                jobs: [],
                secrets: Self.positions(inventory.secrets) { !listed.contains($0.id) },
                zones: Self.positions(inventory.dns) { !listed.contains($0.id) })
            if let focused = self.listed { sections.keep(focused, inventory) }
            guard !sections.isEmpty else { return }
            blocks.append(.heading(level: 2, text: "Not tied to one environment"))
            tables(sections)
        }

        /// What one section's tables hold: positions in the inventory's lists.
        struct Sections {
            var hosts: [Int]
            var clusters: [Int]
            var services: [Int]
            var datastores: [Int]
            var backups: [Int]
            var monitors: [Int]
            var pipelines: [Int]
            var jobs: [Int]
            var secrets: [Int]
            var zones: [Int]

            var isEmpty: Bool {
                hosts.isEmpty && clusters.isEmpty && services.isEmpty && datastores.isEmpty && backups.isEmpty
                    && monitors.isEmpty && pipelines.isEmpty && jobs.isEmpty && secrets.isEmpty && zones.isEmpty
            }

            /// Keeps only the entities in `listed`.
            mutating func keep(_ listed: Set<String>, _ inventory: Inventory) {
                hosts = hosts.filter { listed.contains(inventory.hosts[$0].id) }
                clusters = clusters.filter { listed.contains(inventory.clusters[$0].id) }
                services = services.filter { listed.contains(inventory.services[$0].id) }
                datastores = datastores.filter { listed.contains(inventory.datastores[$0].id) }
                backups = backups.filter { listed.contains(inventory.backups[$0].id) }
                monitors = monitors.filter { listed.contains(inventory.monitors[$0].id) }
                pipelines = pipelines.filter { listed.contains(inventory.pipelines[$0].id) }
                jobs = jobs.filter { listed.contains(inventory.jobs[$0].id) }
                secrets = secrets.filter { listed.contains(inventory.secrets[$0].id) }
                zones = zones.filter { listed.contains(inventory.dns[$0].id) }
            }

            /// The ids of the kinds an environment claims through what they refer to (what `unattached` leaves out).
            func ids(_ inventory: Inventory) -> Set<String> {
                Set(backups.map { inventory.backups[$0].id } + monitors.map { inventory.monitors[$0].id }
                    + pipelines.map { inventory.pipelines[$0].id } + secrets.map { inventory.secrets[$0].id }
                    + zones.map { inventory.dns[$0].id })
            }
        }

        /// What the tables listed one by one, sorted by id: whose notes follow them.
        struct Listed {
            var hosts: [Host] = []
            var clusters: [Cluster] = []
            var services: [Service] = []
            var datastores: [Datastore] = []
            var backups: [Backup] = []
            var monitors: [Monitor] = []
            var pipelines: [Pipeline] = []
            var jobs: [Job] = []
            var secrets: [Secret] = []
            var zones: [DNSZone] = []

            var entities: [any Entity] {
                hosts as [any Entity] + clusters + services + datastores + backups + monitors + pipelines + jobs + secrets + zones
            }
        }

        /// Whether `count` rows make a table too long to read: without a focus, it is summarised.
        func isSummarised(_ count: Int) -> Bool {
            listed == nil && count > ArchitectureDocument.tableRowLimit
        }

        mutating func tables(_ sections: Sections) {
            let inventory = self.inventory
            var listed = Listed()
            let index = self.index
            // One title per provider, not one per host.
            var titles: [String: String] = [:]
            section(sections.hosts, of: inventory.hosts, listing: &listed.hosts, "Hosts", noun: "hosts", by: ["provider / region", "zone"],
                    key: { host in
                        if titles[host.provider] == nil { titles[host.provider] = ArchitectureModel.providerTitle(host.provider, index) }
                        return [titles[host.provider] ?? host.provider, host.zone ?? Self.absent]
                    }) { $0.hostTable($1) }
            section(sections.clusters, of: inventory.clusters, listing: &listed.clusters, "Clusters", noun: "clusters", by: ["kind"],
                    key: { [$0.kind] }) { $0.clusterTable($1) }
            section(sections.services, of: inventory.services, listing: &listed.services, "Services", noun: "services", by: ["kind"],
                    key: { [$0.kind.rawValue] }) { $0.serviceTable($1) }
            section(sections.datastores, of: inventory.datastores, listing: &listed.datastores, "Datastores", noun: "datastores", by: ["engine"],
                    key: { [$0.engine] }) { $0.datastoreTable($1) }
            tablesAfterDatastores(sections, &listed)
        }

        /// One kind's table: counted by `headers` past the row limit (`summaryTable`), else every
        /// entity at `positions` of `all`, sorted by id, kept in `listed` for the notes and drawn by `table`.
        mutating func section<E: Entity>(_ positions: [Int], of all: [E], listing listed: inout [E], _ title: String, noun: String,
                                         by headers: [String], key: (E) -> [String], table: (inout Self, [E]) -> Void) {
            if isSummarised(positions.count) {
                summaryTable(title, positions.lazy.map { all[$0] }, count: positions.count, noun: noun, by: headers, key: key)
            } else if !positions.isEmpty {
                listed = Self.sorted(all, positions)
                table(&self, listed)
            }
        }

        /// The entities at `positions` of `all`, sorted by id.
        static func sorted<E: Entity>(_ all: [E], _ positions: [Int]) -> [E] {
            positions.map { all[$0] }.sorted { $0.id < $1.id }
        }

        /// `tables`, continued: backups to DNS, then the notes of what was listed one by one.
        mutating func tablesAfterDatastores(_ sections: Sections, _ listed: inout Listed) {
            let inventory = self.inventory
            section(sections.backups, of: inventory.backups, listing: &listed.backups, "Backups", noun: "backups", by: ["target", "schedule"],
                    key: { [$0.targetProvider, ArchitectureModel.scheduleText($0, $0.schedule)] }) { $0.backupTable($1) }
            section(sections.monitors, of: inventory.monitors, listing: &listed.monitors, "Monitors", noun: "monitors", by: ["tool · kind"],
                    key: { [[$0.tool, $0.kind?.rawValue].compactMap { $0 }.joined(separator: " · ")] }) { $0.monitorTable($1) }
            section(sections.pipelines, of: inventory.pipelines, listing: &listed.pipelines, "Pipelines", noun: "pipelines", by: ["tool"],
                    key: { [$0.tool ?? Self.absent] }) { $0.pipelineTable($1) }
            section(sections.jobs, of: inventory.jobs, listing: &listed.jobs, "Jobs", noun: "jobs", by: ["purpose"],
                    key: { [$0.purpose ?? Self.absent] }) { $0.jobTable($1) }
            section(sections.secrets, of: inventory.secrets, listing: &listed.secrets, "Secrets", noun: "secrets", by: ["stored in"],
                    key: { [$0.storage.rawValue + ($0.storage == .sourceCode ? " ⚠" : "")] }) { $0.secretTable($1) }
            section(sections.zones, of: inventory.dns, listing: &listed.zones, "DNS", noun: "DNS zones", by: ["provider"],
                    key: { [$0.provider] }) { $0.dnsTable($1) }
            sectionNotes(listed)
        }

        /// A table too long to read, as groups: what they share, how many, their findings and a few ids.
        mutating func summaryTable<E: Entity>(_ title: String, _ entities: some Sequence<E>, count: Int, noun: String,
                                              by headers: [String], key: (E) -> [String]) {
            blocks.append(.heading(level: 3, text: title))
            blocks.append(.paragraph([.strong("Summarised:"), .text(" \(ArchitectureOverview.counted(count)) \(noun), more than "
                + "\(ArchitectureDocument.tableRowLimit) rows, counted by \(headers.joined(separator: " and ")). List them one by one with "),
                .code("--focus ID"), .text(", "), .code("--focus environment=NAME"), .text(" or "), .code("--focus region=NAME"), .text(".")]))
            var groups: [[String]: (count: Int, findings: Int, worst: Severity?, examples: [String])] = [:]
            for entity in entities {
                let group = key(entity)
                groups[group, default: (0, 0, nil, [])].count += 1
                if let count = model.findingCount[entity.id], let worst = model.severity[entity.id] {
                    groups[group, default: (0, 0, nil, [])].findings += count
                    groups[group, default: (0, 0, nil, [])].worst = max(groups[group]?.worst ?? worst, worst)
                }
                // The three smallest ids, whatever the order of `entities`.
                let examples = groups[group]?.examples ?? []
                if examples.count < 3 || entity.id < examples[examples.count - 1] {
                    var kept = examples + [entity.id]
                    kept.sort()
                    groups[group, default: (0, 0, nil, [])].examples = Array(kept.prefix(3))
                }
            }
            let rows = groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { group, summary -> [Cell] in
                var examples = ids(summary.examples)
                if summary.count > summary.examples.count { examples.append(.text(", …")) }
                let findings: Cell = summary.worst.map { [.findings(count: summary.findings, worst: $0)] } ?? [.text(Self.none)]
                return group.map { [.text($0)] } + [[.text(ArchitectureOverview.counted(summary.count))], findings, examples]
            }
            blocks.append(.table(headers: headers + [noun, "findings", "for example"], rows: rows))
        }

        /// The notes of what the tables list one by one.
        mutating func sectionNotes(_ sections: Listed) {
            var extra: [String: [Inline]] = [:]
            for pipeline in sections.pipelines where pipeline.stages.contains(where: { $0.name != nil }) {
                let names = pipeline.stages.enumerated().map { "\($0.offset + 1). \($0.element.name ?? $0.element.kind.rawValue)" }
                extra[pipeline.id] = [.text("stages: " + names.joined(separator: "; "))]
            }
            notes(sections.entities, extra: extra)
        }

        mutating func hostTable(_ hosts: [Host]) {
            blocks.append(.heading(level: 3, text: "Hosts"))
            let rows = hosts.map { host -> [Cell] in
                [entity(host.id), provider(host.provider), [.text(host.zone ?? Self.absent)], [.text(size(host.size))],
                 [.text(software(host.os))], [.text(host.managedBy?.rawValue ?? Self.absent)],
                 [.text(host.roles.isEmpty ? Self.absent : host.roles.joined(separator: ", "))]]
            }
            blocks.append(.table(headers: ["host", "provider / region", "zone", "size", "OS", "managed by", "roles"], rows: rows))
        }

        mutating func clusterTable(_ clusters: [Cluster]) {
            blocks.append(.heading(level: 3, text: "Clusters"))
            let rows = clusters.map { cluster -> [Cell] in
                let members = cluster.members.map { member -> [Inline] in
                    [.code(member.host)] + (member.role == .voter ? [] : [.text(" (\(member.role.rawValue))")])
                }
                return [entity(cluster.id), [.text(cluster.kind)], joined(members, ", ", empty: Self.absent),
                        [.text(cluster.consensus?.rawValue ?? Self.absent)],
                        [.text(cluster.tolerates.map { "\($0) member\($0 == 1 ? "" : "s")" } ?? Self.absent)]]
            }
            blocks.append(.table(headers: ["cluster", "kind", "members", "consensus", "tolerates (declared)"], rows: rows))
        }

        mutating func serviceTable(_ services: [Service]) {
            blocks.append(.heading(level: 3, text: "Services"))
            let rows = services.map { service -> [Cell] in
                var kind: [String] = [service.kind.rawValue]
                if service.isPublic == true { kind.append("public") }
                if service.terminatesTLS == true { kind.append("terminates TLS") }
                if let check = service.healthCheck {
                    let parts = [check.kind, check.path, check.interval.map { "every \($0)" }].compactMap { $0 }
                    kind.append("health check" + (parts.isEmpty ? "" : ": " + parts.joined(separator: " ")))
                }
                var runsOn: Cell = ids(service.runsOn)
                if service.runsOn.isEmpty, let provider = service.provider { runsOn = [.code(provider), .text(" (provider)")] }
                let stack = [software(service.runtime), software(service.framework)].filter { $0 != Self.absent }
                let processes = service.processes.map { processes -> String in
                    [processes.manager, processes.count.map { "× \($0)" }].compactMap { $0 }.joined(separator: " ")
                }
                let ports = service.ports.map { port in port.protocol.map { "\(port.port)/\($0)" } ?? String(port.port) }
                var dependencies: [[Inline]] = service.dependsOn.map { dependency in
                    let crossing = model.isPlaintextAcrossDomains(dependency, from: service.id)
                    let label = ArchitectureModel.dependencyLabel(dependency, crossing: crossing)
                    var line: [Inline] = [.code(dependency.target)]
                    var detail = label ?? ""
                    if let port = dependency.port { detail += detail.isEmpty ? "port \(port)" : " :\(port)" }
                    if crossing { detail += " across failure domains" }
                    if !detail.isEmpty { line.append(.text(" — " + detail)) }
                    return line
                }
                dependencies += service.balances.map { [.text("balances "), .code($0)] }
                return [entity(service.id), lines(kind), runsOn, [.text(stack.isEmpty ? Self.absent : stack.joined(separator: " / "))],
                        [.text(processes.flatMap { $0.isEmpty ? nil : $0 } ?? Self.absent)],
                        [.text(service.supervisor?.rawValue ?? Self.absent)],
                        [.text(ports.isEmpty ? Self.absent : ports.joined(separator: ", "))],
                        joined(dependencies, nil, empty: Self.absent)]
            }
            blocks.append(.table(headers: ["service", "kind", "runs on", "runtime / framework", "processes", "supervisor", "ports", "depends on"],
                                 rows: rows))
        }

        mutating func datastoreTable(_ datastores: [Datastore]) {
            blocks.append(.heading(level: 3, text: "Datastores"))
            let rows = datastores.map { datastore -> [Cell] in
                var hosting: [[Inline]] = []
                switch datastore.hosting {
                case .host(let id)?: hosting.append([.text("host "), .code(id)])
                case .cluster(let id)?: hosting.append([.text("cluster "), .code(id)])
                case .provider(let id)?: hosting.append([.text("provider "), .code(id)])
                case nil: hosting.append([.text(Self.absent)])
                }
                if datastore.isPublic == true { hosting.append([.text("public")]) }
                if !datastore.databases.isEmpty {
                    let names = datastore.databases.map { database in database.environment.map { "\(database.name) (\($0))" } ?? database.name }
                    hosting.append([.text("databases: " + names.joined(separator: ", "))])
                }
                let encryption = [datastore.encryptedAtRest.map { $0 ? "encrypted at rest" : "not encrypted at rest" },
                                  datastore.encryptedInTransit.map { $0 ? "encrypted in transit" : "not encrypted in transit" }].compactMap { $0 }
                if !encryption.isEmpty { hosting.append([.text(encryption.joined(separator: ", "))]) }

                var storage: [String] = []
                if let model = datastore.storage?.model { storage.append(model.rawValue) }
                if let compaction = datastore.storage?.compaction { storage.append("compaction: \(compaction.rawValue)") }
                let size = [datastore.storage?.sizeGiB.map { "\(number($0)) GiB used" }, datastore.storage?.limitGiB.map { "limit \(number($0)) GiB" }]
                    .compactMap { $0 }
                if !size.isEmpty { storage.append(size.joined(separator: ", ")) }

                let covering = index.backups(covering: datastore).sorted { $0.id < $1.id }
                let backups: [[Inline]] = covering.map { backup in
                    var line: [Inline] = [.code(backup.id), .text(": "), .code(ArchitectureModel.scheduleText(backup, backup.schedule)), .text(" → "), .code(backup.targetProvider)]
                    line.append(.text(", retention " + retention(backup)))
                    if !backup.of.contains(datastore.id), case .host(let host)? = datastore.hosting {
                        line.append(.text(" (copies host \(host))"))
                    }
                    return line
                }
                let gaps = covering.compactMap { longestGap($0.schedule) }
                var recovery: Cell
                if let best = gaps.min() {
                    recovery = [.code(best.description)]
                    if let rpo = datastore.recoveryPointObjective, best > rpo {
                        recovery.append(.text(" ⚠ over the \(rpo) objective"))
                    }
                } else {
                    recovery = [.text(covering.isEmpty ? "no backup ⚠" : "no repeating backup ⚠")]
                }
                let objectives = [datastore.recoveryPointObjective.map { "RPO \($0)" }, datastore.recoveryTimeObjective.map { "RTO \($0)" }]
                    .compactMap { $0 }
                return [entity(datastore.id), [.text([datastore.engine, datastore.version].compactMap { $0 }.joined(separator: " "))],
                        joined(hosting, nil, empty: Self.absent), lines(storage), joined(backups, nil, empty: "none"), recovery,
                        [.text(objectives.isEmpty ? Self.absent : objectives.joined(separator: ", "))]]
            }
            blocks.append(.table(headers: ["datastore", "engine", "hosting", "storage", "backups (schedule → target)",
                                           "worst-case recovery point", "objectives"], rows: rows))
        }

        mutating func backupTable(_ backups: [Backup]) {
            blocks.append(.heading(level: 3, text: "Backups"))
            let rows = backups.map { backup -> [Cell] in
                var target: Cell = [.code(backup.targetProvider)]
                if let location = backup.targetLocation { target += [.lineBreak, .text(location)] }
                var extras: [String] = []
                if let encrypted = backup.encrypted { extras.append(encrypted ? "encrypted" : "not encrypted") }
                if !backup.notify.isEmpty { extras.append("notifies " + backup.notify.map(\.rawValue).joined(separator: ", ")) }
                extras.append(backup.restoreTestedOn.map { "restore tested \($0)" } ?? "restore never tested")
                return [entity(backup.id), ids(backup.of), [.code(ArchitectureModel.scheduleText(backup, backup.schedule))],
                        longestGap(backup.schedule).map { [.code($0.description)] } ?? [.text(Self.absent)],
                        [.text(backup.method ?? Self.absent)], target, [.text(retention(backup))], lines(extras)]
            }
            blocks.append(.table(headers: ["backup", "copies", "schedule", "longest gap", "method", "target", "retention", "checks"],
                                 rows: rows))
        }

        mutating func monitorTable(_ monitors: [Monitor]) {
            blocks.append(.heading(level: 3, text: "Monitors"))
            let rows = monitors.map { monitor -> [Cell] in
                let checks = monitor.checks.map { "\($0.metric) \($0.condition)" }
                let alerts = monitor.alerts.map { alert -> String in
                    [alert.channel.rawValue, alert.target, alert.severity.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
                }
                return [entity(monitor.id), [.text([monitor.tool, monitor.kind?.rawValue].compactMap { $0 }.joined(separator: " · "))],
                        ids(monitor.watches), lines(checks), [.text(alerts.isEmpty ? "no alerts" : alerts.joined(separator: ", "))]]
            }
            blocks.append(.table(headers: ["monitor", "tool · kind", "watches", "checks", "alerts"], rows: rows))
        }

        mutating func pipelineTable(_ pipelines: [Pipeline]) {
            blocks.append(.heading(level: 3, text: "Pipelines"))
            let rows = pipelines.map { pipeline -> [Cell] in
                let trigger: String
                switch pipeline.trigger {
                case .branch(let branch)?: trigger = "branch \(branch)"
                case .tag(let tag)?: trigger = "tag \(tag)"
                case .manual?: trigger = "manual"
                case nil: trigger = Self.absent
                }
                let stages = pipeline.stages.map { stage in stage.environment.map { "\(stage.kind.rawValue)(\($0))" } ?? stage.kind.rawValue }
                return [entity(pipeline.id), ids(pipeline.deploys), [.text(trigger)], [.text(pipeline.tool ?? Self.absent)],
                        [.text(stages.isEmpty ? Self.absent : stages.joined(separator: " → "))],
                        [.text(pipeline.strategy?.rawValue ?? Self.absent)]]
            }
            blocks.append(.table(headers: ["pipeline", "deploys", "trigger", "tool", "stages", "strategy"], rows: rows))
        }

        mutating func jobTable(_ jobs: [Job]) {
            blocks.append(.heading(level: 3, text: "Jobs"))
            let rows = jobs.map { job -> [Cell] in
                [entity(job.id), [.code(ArchitectureModel.scheduleText(job, job.schedule))], ids(job.runsOn), [.text(job.purpose ?? Self.absent)],
                 [.text(job.notify.isEmpty ? Self.absent : job.notify.map(\.rawValue).joined(separator: ", "))]]
            }
            blocks.append(.table(headers: ["job", "schedule", "runs on", "purpose", "notifies"], rows: rows))
        }

        mutating func secretTable(_ secrets: [Secret]) {
            blocks.append(.heading(level: 3, text: "Secrets"))
            let rows = secrets.map { secret -> [Cell] in
                let rotation = [secret.rotationPeriod.map { "every \($0)" }, secret.lastRotated.map { "last \($0)" }].compactMap { $0 }
                return [entity(secret.id), [.text(secret.storage.rawValue + (secret.storage == .sourceCode ? " ⚠" : ""))],
                        ids(secret.usedBy), [.text(rotation.isEmpty ? Self.absent : rotation.joined(separator: ", "))]]
            }
            blocks.append(.table(headers: ["secret", "stored in", "used by", "rotation"], rows: rows))
        }

        mutating func dnsTable(_ zones: [DNSZone]) {
            blocks.append(.heading(level: 3, text: "DNS"))
            let rows = zones.map { zone -> [Cell] in
                let records: [[Inline]] = zone.records.map { record in
                    var line: [Inline] = [.text(([record.name, record.type].compactMap { $0 } + [record.ttl.map { "TTL \($0)s" }].compactMap { $0 })
                        .joined(separator: " "))]
                    if !record.targets.isEmpty {
                        line.append(.text(" → "))
                        line += joined(record.targets.map { target in index.inventory.ids[target] != nil ? [.code(target)] : [.text(target)] }, ", ", empty: "")
                    }
                    return line
                }
                var manager: [[Inline]] = zone.pools.map { pool in
                    [.text("pool \(pool.name ?? "(unnamed)")\(pool.monitored == true ? " (monitored)" : ""): ")]
                        + joined(pool.members.map { [.code($0)] }, ", ", empty: Self.absent)
                }
                if let failover = zone.failover { manager.append([.text(failover ? "fails over" : "no failover")]) }
                return [entity(zone.id), [.text(zone.zone)], [.code(zone.provider)], joined(records, nil, empty: Self.absent),
                        joined(manager, nil, empty: Self.absent)]
            }
            blocks.append(.table(headers: ["DNS zone", "zone", "provider", "records", "traffic manager"], rows: rows))
        }

        /// Each entity's own description, collapsed below its tables.
        mutating func notes(_ entities: [any Entity], extra: [String: [Inline]] = [:]) {
            let items = entities.compactMap { entity -> [Inline]? in
                let parts = ([entity.summary.map { [Inline.text($0)] }, extra[entity.id]].compactMap { $0 })
                guard !parts.isEmpty else { return nil }
                return [.code(entity.id), .text(": ")] + joined(parts, " ", empty: "")
            }
            guard !items.isEmpty else { return }
            blocks.append(.details(summary: "Notes from the inventory (\(items.count))", blocks: [.list(items)]))
        }

        // MARK: Findings

        func findingCounts() -> String {
            let counts = Severity.allCases.reversed().map { severity -> String in
                // Counted, not filtered: a filtered copy of 120,000 findings was the docs' peak of memory.
                let count = model.findings.reduce(0) { $1.severity == severity ? $0 + 1 : $0 }
                return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
            }
            var text = counts.joined(separator: ", ")
            if model.suppressedCount > 0 { text += "; \(model.suppressedCount) suppressed by waivers" }
            return text
        }

        mutating func findingsSection() {
            blocks.append(.heading(level: 2, text: "Findings"))
            blocks.append(.paragraph([.text("As of \(model.asOf): \(model.findings.count) finding\(model.findings.count == 1 ? "" : "s") — \(findingCounts()). "
                                            + "Run infractl validate on the inventory for each finding's file, line and message.")]))
            guard !model.findings.isEmpty else { return }
            struct RuleKey: Hashable { let severity: Severity; let rule: String }
            var groups: [RuleKey: (severity: Severity, rule: String, count: Int, entities: Set<String>)] = [:]
            for finding in model.findings {
                let key = RuleKey(severity: finding.severity, rule: finding.ruleID)
                // Changed in place: a copy taken out of the dictionary would copy its entities on every finding.
                groups[key, default: (finding.severity, finding.ruleID, 0, [])].count += 1
                if let entity = finding.entityID {
                    groups[key, default: (finding.severity, finding.ruleID, 0, [])].entities.insert(entity)
                }
            }
            let rows = groups.values.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.rule < $1.rule }.map { group -> [Cell] in
                let shown = group.entities.sorted()
                var entities = joined(shown.prefix(12).map { [.code($0)] }, ", ", empty: Self.absent)
                if shown.count > 12 { entities.append(.text(" and \(shown.count - 12) more")) }
                return [[.severity(group.severity)], [.code(group.rule)], [.text(String(group.count))], entities]
            }
            blocks.append(.table(headers: ["severity", "rule", "findings", "entities"], rows: rows))
        }

        // MARK: Cells

        static let none = "none"
        static let absent = ArchitectureDocument.absent

        /// An entity's id, with how many findings it has when it has any.
        func entity(_ id: String) -> Cell {
            guard let count = model.findingCount[id], let worst = model.severity[id] else { return [.code(id)] }
            return [.code(id), .lineBreak, .findings(count: count, worst: worst)]
        }

        func ids(_ ids: [String]) -> Cell {
            joined(ids.map { [.code($0)] }, ", ", empty: Self.absent)
        }

        /// How many ids a cell lists before it says how many more there are.
        static let cellListLimit = 12

        /// `ids`, at most `cellListLimit` of them, then how many more.
        func someIDs(_ all: [String]) -> Cell {
            var cell = ids(Array(all.prefix(Self.cellListLimit)))
            if all.count > Self.cellListLimit { cell.append(.text(" and \(all.count - Self.cellListLimit) more")) }
            return cell
        }

        /// `lines`, at most `cellListLimit` of them, then how many more.
        func someLines(_ all: [String]) -> Cell {
            var cell = lines(Array(all.prefix(Self.cellListLimit)))
            if all.count > Self.cellListLimit { cell += [.lineBreak, .text("and \(all.count - Self.cellListLimit) more")] }
            return cell
        }

        func provider(_ id: String) -> Cell {
            guard let provider = index.providers[id] else { return [.code(id)] }
            return [.code(id), .text(" (\(([provider.kind] + [provider.region].compactMap { $0 }).joined(separator: ", ")))")]
        }

        func lines(_ texts: [String]) -> Cell {
            joined(texts.map { [.text($0)] }, nil, empty: Self.absent)
        }

        /// Pieces joined by `separator`, or by line breaks when it is nil.
        func joined(_ pieces: [[Inline]], _ separator: String?, empty: String) -> [Inline] {
            guard !pieces.isEmpty else { return empty.isEmpty ? [] : [.text(empty)] }
            var result: [Inline] = []
            for (offset, piece) in pieces.enumerated() {
                if offset > 0 { result.append(separator.map { .text($0) } ?? .lineBreak) }
                result += piece
            }
            return result
        }

        func size(_ size: Host.Size?) -> String {
            guard let size else { return Self.absent }
            let parts = [size.cpus.map { "\(number($0)) CPU" }, size.memoryGiB.map { "\(number($0)) GiB RAM" },
                         size.diskGiB.map { "\(number($0)) GiB disk" }].compactMap { $0 }
            return parts.isEmpty ? Self.absent : parts.joined(separator: " · ")
        }

        func software(_ software: Software?) -> String {
            guard let software else { return Self.absent }
            return [software.name, software.version].compactMap { $0 }.joined(separator: " ")
        }

        func retention(_ backup: Backup) -> String {
            switch backup.retention {
            case .duration(let duration)?:
                // As the inventory writes it: `14d` stays `14d`.
                return backup.origin.value["retention"]?.string ?? duration.description
            case .counts(let daily, let weekly, let monthly)?:
                let parts = [daily.map { "\($0) daily" }, weekly.map { "\($0) weekly" }, monthly.map { "\($0) monthly" }].compactMap { $0 }
                return parts.isEmpty ? "not stated" : parts.joined(separator: ", ")
            case nil: return "not stated"
            }
        }

        func number(_ value: Double) -> String {
            ArchitectureModel.number(value)
        }
    }
}

extension ArchitectureModel {
    /// A schedule as the inventory writes it (`@daily`, `every 4h`), else as parsed.
    static func scheduleText(_ entity: some Entity, _ schedule: Schedule) -> String {
        entity.origin.value["schedule"]?.string?.trimmingSpaces ?? schedule.description
    }

    /// `7.5`, `2`, `0.375`: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// What an edge or a table says about a dependency: `postgres`, `https, TLS`, `http, no TLS ⚠`.
    static func dependencyLabel(_ dependency: Service.Dependency, crossing: Bool) -> String? {
        var parts: [String] = []
        if let name = dependency.protocol { parts.append(name) }
        if dependency.tls == true { parts.append("TLS") }
        if crossing { parts.append("no TLS ⚠") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

import InfraJSON
import InfraModel
import InfraTopology

/// The text and JSON of `infractl simulate --fail` and `infractl blast-radius`.
public struct SimulationReport: Sendable {
    public static let shapeVersion = 1

    public let outcome: FailureSimulator.Outcome
    public let file: String
    public let failures: [String]
    public let watch: WatchReport
    /// What the scenario does to stored data.
    public let data: DataLoss
    /// Jobs and backups the scenario stops.
    public let stopped: StoppedWork
    /// Affected nodes in report order, and their depths: both found once.
    let affected: [Int]
    let depths: [Int: FailureSimulator.Outcome.Depth]

    /// The longest chain printed whole: a longer one is shortened to its first links and its failed
    /// node, so that a chain of N dependents prints N lines, not N² names.
    public static let chainLimit = 8

    public init(outcome: FailureSimulator.Outcome, file: String, failures: [String]) {
        self.outcome = outcome
        self.file = file
        self.failures = failures
        self.watch = WatchReport(outcome)
        self.data = DataLoss(outcome)
        self.stopped = StoppedWork(outcome)
        self.affected = outcome.affected
        self.depths = outcome.depths()
    }

    /// The node's chain, from itself back to its failure, with "(N more)" where a long one is cut.
    func chainNames(_ node: Int, _ name: (Int) -> String) -> [String] {
        let short = outcome.shortChain(node, limit: Self.chainLimit, depth: depths[node])
        var names = short.links.map(name)
        if let root = short.root { names += ["(\(short.omitted) more)", name(root)] }
        return names
    }

    var graph: TopologyGraph { outcome.graph }

    /// Every line starts with our own words or an indent; what it quotes (the file, the failures
    /// asked for, zone and region names, reasons) goes through `TerminalText`.
    public func text() -> String {
        var output = ""
        func line(_ text: String) { output += TerminalText.escape(text) + "\n" }
        line("simulate \(file): failing \(failures.map { "'\($0)'" }.joined(separator: ", "))")
        for health in Health.allCases.reversed() where health != .up {
            let nodes = affected.filter { outcome.health($0) == health }
            guard !nodes.isEmpty else { continue }
            output += "\n"
            line("\(health.label) (\(nodes.count))")
            for node in nodes {
                let production = graph.isProduction(node) ? " [production]" : ""
                line("  \(graph.name(node))\(production): \(outcome.states[node]?.cause.reason ?? "")")
                let chain = chainNames(node) { graph.name($0) }
                if chain.count > 1 {
                    line("      because " + chain.dropFirst().joined(separator: " <- "))
                }
            }
        }
        output += "\ndata (what a failed host, provider or datastore stored is taken as lost with it)\n"
        if data.datastores.isEmpty { output += "  none lost\n" }
        for datastore in data.datastores { line("  " + Self.dataLine(datastore)) }
        output += "\nstopped work (scheduled jobs and backups with nothing left to run on or copy)\n"
        if stopped.items.isEmpty { output += "  none\n" }
        for item in stopped.items { line("  " + Self.stoppedLine(item)) }
        output += "\nmonitors that would still alert\n"
        if watch.alerting.isEmpty { output += "  none\n" }
        for (monitor, sees) in watch.alerting {
            line("  \(graph.name(monitor)) (alerts by \(channels(monitor).joined(separator: ", "))) sees \(sees.map { graph.name($0) }.joined(separator: ", "))")
        }
        output += "\nfailing silently (no live alerting monitor watches them, their cause or what they caused)\n"
        if watch.silent.isEmpty { output += "  none\n" }
        for node in watch.silent { line("  \(graph.name(node))") }
        output += "\n"
        line(summaryLine())
        return output
    }

    /// The channels a monitor's alerts go to (pager, email, chat...), each once, in its order.
    func channels(_ monitor: Int) -> [String] {
        var seen = Set<String>()
        return (graph.index.monitors[graph.nodes[monitor].id]?.alerts ?? []).map(\.channel.rawValue).filter { seen.insert($0).inserted }
    }

    private static func quoted(_ ids: [String]) -> String {
        ids.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// A stopped job or backup: what it needed, all down, and what it is for.
    static func stoppedLine(_ item: StoppedWork.Item) -> String {
        let production = item.production ? " [production]" : ""
        let needs = item.kind == .job ? "runs on" : "copies"
        var text = "\(item.kind.rawValue) '\(item.id)'\(production): \(needs) \(quoted(item.downWith)), all down"
        if item.kind == .job, let purpose = item.purpose { text += ": " + purpose }
        return text
    }

    /// One datastore's data: lost entirely, restored from its newest surviving copy, or only some
    /// of its backup copies lost.
    static func dataLine(_ datastore: DataLoss.Datastore) -> String {
        let production = datastore.production ? " [production]" : ""
        var parts: [String] = []
        let lostWith = datastore.liveCopyLostWith == [datastore.id] ? "failed itself" : "lost with " + quoted(datastore.liveCopyLostWith)
        if datastore.noSurvivingCopy {
            parts.append("data lost: no surviving copy (live copy \(lostWith))")
        } else if let newest = datastore.surviving.first, datastore.liveCopyLost {
            let loss = newest.gap.map { "up to \(ReportDuration.text($0)) of writes lost" } ?? "its schedule never repeats: everything since its one run lost"
            parts.append("live copy \(lostWith); newest surviving copy: backup '\(newest.backupID)' "
                         + "in '\(newest.provider)' (\(newest.schedule)), \(loss)")
        }
        if !datastore.backupsLost.isEmpty {
            let left = datastore.surviving.isEmpty ? "no backup copy left" : TextReporter.plural(datastore.surviving.count, "backup copy", "backup copies") + " left"
            parts.append("backup copies lost with their provider: \(quoted(datastore.backupsLost)); \(left)")
        }
        return "datastore '\(datastore.id)'\(production): " + parts.joined(separator: "; ")
    }

    /// A node's chain back to its failure as ids, without the node itself: its first links, and
    /// when a long one is cut, how many links were left out and the failed node it ends at.
    func chainIDs(_ node: Int) -> (links: [String], cut: (omitted: Int, root: String)?) {
        let short = outcome.shortChain(node, limit: Self.chainLimit, depth: depths[node])
        return (short.links.dropFirst().map { graph.nodes[$0].id }, short.root.map { (short.omitted, graph.nodes[$0].id) })
    }

    /// The nodes in `health`, in report order, with the title the pages give their table ("Read-only").
    func affected(in health: Health) -> (title: String, nodes: [Int]) {
        (health.label.prefix(1).uppercased() + health.label.dropFirst(), affected.filter { outcome.health($0) == health })
    }

    /// A section of the Markdown and HTML pages after the tables of states: a title, what it
    /// means, one line per item (our words around quoted inventory text), and what an empty one says.
    struct ListSection {
        let title: String
        let note: String?
        let items: [String]
        let empty: String
    }

    /// Data, stopped work, who is told and what fails silently, as the pages list them.
    var listSections: [ListSection] {
        [
            ListSection(title: "Data", note: "What a failed host, provider or datastore stored is taken as lost with it.",
                        items: data.datastores.map(Self.dataLine), empty: "No data lost."),
            ListSection(title: "Stopped work", note: "Scheduled jobs and backups with nothing left to run on or copy.",
                        items: stopped.items.map(Self.stoppedLine), empty: "Nothing stopped."),
            ListSection(title: "Monitors that would still alert", note: nil, items: watch.alerting.map { monitor, sees in
                "\(graph.name(monitor)) (alerts by \(channels(monitor).joined(separator: ", "))) sees "
                    + sees.map { graph.name($0) }.joined(separator: ", ")
            }, empty: "None."),
            ListSection(title: "Failing silently", note: "No live alerting monitor watches them, their cause or what they caused.",
                        items: watch.silent.map { graph.name($0) }, empty: "None."),
        ]
    }

    /// The scenario in GitHub-flavoured Markdown (`SimulationMarkdownRenderer`).
    public func markdown() -> String {
        SimulationMarkdownRenderer(report: self).render()
    }

    /// The scenario as a self-contained HTML page over the architecture diagram (`SimulationHTMLRenderer`).
    public func html(asOf: Day) -> String {
        SimulationHTMLRenderer(report: self, asOf: asOf).render()
    }

    public func summaryText() -> String {
        var output = TerminalText.escape(summaryLine()) + "\n"
        for node in affected {
            output += TerminalText.escape("\(outcome.health(node).label) \(graph.name(node))") + "\n"
        }
        return output
    }

    func summaryLine() -> String {
        let counts = Health.allCases.reversed().filter { $0 != .up }.map { health in
            "\(affected.filter { outcome.health($0) == health }.count) \(health.label)"
        }
        let production = affected.filter { graph.nodes[$0].kind == .service && graph.isProduction($0) }
        let services = TextReporter.plural(production.count, "production service")
        let restored = data.datastores.filter(\.liveCopyLost).count
        let dataPart = "\(TextReporter.plural(restored, "datastore")) losing data (\(data.withNoSurvivingCopy.count) with no surviving copy)"
        return "\(outcome.failed.count) failed; \(counts.joined(separator: ", ")); \(services) affected; \(watch.silent.count) failing silently; "
            + "\(dataPart); \(TextReporter.plural(stopped.items.count, "job or backup", "jobs and backups")) stopped"
    }

    public func json() -> JSONOutput {
        .object([
            ("version", .int(Self.shapeVersion)),
            ("file", .string(file)),
            ("failed", .array(outcome.failed.map { node(reference: $0) })),
            ("affected", .array(affected.map { node in
                let short = outcome.shortChain(node, limit: Self.chainLimit, depth: depths[node])
                var members: [(String, JSONOutput)] = [
                    ("id", .string(graph.nodes[node].id)),
                    ("kind", .string(graph.nodes[node].kind.rawValue)),
                    ("state", .string(outcome.health(node).label)),
                    ("production", .bool(graph.isProduction(node))),
                    ("reason", .string(outcome.states[node]?.cause.reason ?? "")),
                    // A long chain: its first links and its failed node, `omitted` counting the links between.
                    ("chain", .array((short.links + (short.root.map { [$0] } ?? [])).map { .string(graph.nodes[$0].id) })),
                ]
                if short.root != nil { members.append(("omitted", .int(short.omitted))) }
                return .object(members)
            })),
            ("data", .array(data.datastores.map(Self.json))),
            ("stopped", .array(stopped.items.map { item in
                var members: [(String, JSONOutput)] = [
                    ("kind", .string(item.kind.rawValue)), ("id", .string(item.id)), ("production", .bool(item.production)),
                    ("downWith", .array(item.downWith.map { .string($0) })),
                ]
                if item.kind == .job, let purpose = item.purpose { members.append(("purpose", .string(purpose))) }
                return .object(members)
            })),
            ("monitors", .object([
                ("alerting", .array(watch.alerting.map { monitor, sees in
                    .object([("id", .string(graph.nodes[monitor].id)), ("channels", .array(channels(monitor).map { .string($0) })),
                             ("sees", .array(sees.map { .string(graph.nodes[$0].id) }))])
                })),
                ("silent", .array(watch.silent.map { .string(graph.nodes[$0].id) })),
            ])),
        ])
    }

    private static func json(_ datastore: DataLoss.Datastore) -> JSONOutput {
        .object([
            ("id", .string(datastore.id)),
            ("production", .bool(datastore.production)),
            ("noSurvivingCopy", .bool(datastore.noSurvivingCopy)),
            ("liveCopyLostWith", .array(datastore.liveCopyLostWith.map { .string($0) })),
            ("backupsLost", .array(datastore.backupsLost.map { .string($0) })),
            ("surviving", .array(datastore.surviving.map { copy in
                .object([
                    ("backup", .string(copy.backupID)), ("provider", .string(copy.provider)), ("schedule", .string(copy.schedule)),
                    ("gapSeconds", copy.gap.map { .int($0.seconds) } ?? .null),
                ])
            })),
        ])
    }

    private func node(reference node: Int) -> JSONOutput {
        .object([("id", .string(graph.nodes[node].id)), ("kind", .string(graph.nodes[node].kind.rawValue))])
    }
}

import InfraModel

/// A Graphviz `digraph` of the system: `cluster_` subgraphs environment → provider/region (one
/// failure domain) → zone → host or cluster, the same shapes, edge labels and highlighting as the
/// Mermaid diagram. Every id and label from the inventory is a string `DOTText` quotes, so
/// `dot -Tsvg` accepts any inventory; colours, fonts and our own attributes are written as they are.
public struct DOTRenderer: Sendable {
    public init() {}

    static let font = "Helvetica,Arial,sans-serif"

    /// Fill and border colours for entities with findings, by severity.
    static func colors(_ severity: Severity) -> (fill: String, border: String) {
        switch severity {
        case .error: ("#fde2e1", "#c62828")
        case .warning: ("#fff3cd", "#b7791f")
        case .note: ("#e3f2fd", "#1565c0")
        }
    }

    /// `plan`: what to draw (default: the whole system, or its aggregated overview past Mermaid's limits).
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil) -> String {
        let plan = plan ?? DiagramPlan(model)
        switch plan.content {
        case .overview(let overview): return renderOverview(overview, model, focus: plan.focus?.focus)
        case .full: return render(model, focus: plan.focus)
        }
    }

    /// The whole system, or the focused part, in full; what its edges reach elsewhere as grey stubs.
    private func render(_ model: ArchitectureModel, focus: FocusedPart?) -> String {
        var digraph = FullDigraph(model: model, focus: focus)
        digraph.writeHeader()
        digraph.writeEnvironments()
        let edges = digraph.writeDNSZonesAndStubs()
        digraph.writeEdges(edges)
        digraph.lines.append("}")
        return digraph.lines.joined(separator: "\n") + "\n"
    }

    static func nodeLines(_ id: String, _ model: ArchitectureModel) -> [String] {
        let index = model.index
        switch model.nodeKinds[id] {
        case .service?:
            guard let service = index.services[id] else { return [id] }
            let stack = [service.runtime, service.framework].compactMap { software in
                software.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") }
            }
            return [id, ([service.kind.rawValue] + stack).joined(separator: " · ")]
        case .datastore?:
            guard let datastore = index.datastores[id] else { return [id] }
            return [id, [datastore.engine, datastore.version].compactMap { $0 }.joined(separator: " ")]
        case .dns?:
            guard let zone = index.zones[id] else { return [id] }
            return [zone.zone, "DNS · " + zone.provider]
        default:
            return [id]
        }
    }

    /// A DOT string literal of inventory text: credentials redacted, then `DOTText`.
    static func quote(_ text: String) -> String {
        DOTText.quoted(CredentialScanner.redact(text))
    }

    /// The longest label line drawn, in characters: Graphviz refuses a layout whose edges grow
    /// past 65,535 points, which one very long label makes it do.
    static let maxLabelLine = 200

    /// A label of inventory text, one line per element: each redacted and cut at `maxLabelLine`
    /// characters, then `DOTText`.
    static func label(_ lines: [String]) -> String {
        DOTText.quoted(lines: lines.map { line in
            let redacted = CredentialScanner.redact(line)
            return redacted.count > maxLabelLine ? String(redacted.prefix(maxLabelLine - 1)) + "…" : redacted
        })
    }
}

extension DOTRenderer {
    /// The aggregated overview as a digraph: clusters environment → provider → zone, a node per
    /// group with its count and worst finding, an edge per pair of groups with its count.
    func renderOverview(_ overview: ArchitectureOverview, _ model: ArchitectureModel, focus: DocsFocus?) -> String {
        var lines: [String] = []
        lines.append("digraph \(Self.quote(model.name)) {")
        // The drawing's title says it is aggregated and how to focus.
        let title = ["aggregated overview" + (focus.map { " of " + $0.phrase } ?? "")
                        + ": \(ArchitectureOverview.counted(overview.entityCount)) entities in groups per \(overview.grain.phrase) and kind",
                     "draw one part in full with infractl docs --focus ID, --focus environment=NAME or --focus region=NAME"]
        // newrank: dot's default ranking gives up ("trouble in init_rank") on the cycles across
        // clusters that merged groups make.
        lines.append("  graph [rankdir=LR, compound=true, fontname=\"\(Self.font)\", fontsize=12, label=\(Self.label([model.name] + title)), labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.7, newrank=true];")
        lines.append("  node [fontname=\"\(Self.font)\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#546e7a\"];")
        lines.append("  edge [fontname=\"\(Self.font)\", fontsize=9, color=\"#546e7a\", fontcolor=\"#37474f\"];")
        func node(_ position: Int, indent: String) {
            let group = overview.groups[position]
            var label = ["\(group.title) × \(ArchitectureOverview.counted(group.count))"]
            var attributes: [String] = []
            if let worst = group.worst {
                label.append("⚠ \(ArchitectureOverview.counted(group.findingCount)) finding\(group.findingCount == 1 ? "" : "s"), worst \(worst.severity.rawValue): \(worst.rule)")
                let colors = Self.colors(worst.severity)
                attributes += ["fillcolor=\"\(colors.fill)\"", "color=\"\(colors.border)\"", "penwidth=2"]
            }
            switch group.kind {
            case .datastore: attributes.append("shape=cylinder")
            case .dns: attributes.append("shape=hexagon")
            case .host, .cluster: attributes.append("style=filled")
            case .service: break
            }
            lines.append(indent + "\"g\(position)\" [" + (["label=\(Self.label(label))"] + attributes).joined(separator: ", ") + "];")
        }
        func open(_ name: String, _ title: String, fill: String, indent: String) {
            lines.append(indent + "subgraph \"cluster_\(name)\" {")
            lines.append(indent + "  label=\(Self.label([title])); style=\"rounded,filled\"; fillcolor=\"\(fill)\"; color=\"#90a4ae\"; penwidth=1;")
        }
        // Written last-first, as the full diagram is, so production is drawn on top.
        for (environmentPosition, environment) in overview.environments.enumerated().reversed() {
            open("e\(environmentPosition)", "environment " + environment.title, fill: "#f7f9fb", indent: "  ")
            for (domainPosition, domain) in environment.domains.enumerated() {
                open("d\(environmentPosition)_\(domainPosition)", domain.title, fill: "#eef3f7", indent: "    ")
                for (zonePosition, zone) in domain.zones.enumerated() {
                    guard let name = zone.name else {
                        for group in zone.groups { node(group, indent: "      ") }
                        continue
                    }
                    open("z\(environmentPosition)_\(domainPosition)_\(zonePosition)", "zone " + name, fill: "#e3eaf0", indent: "      ")
                    for group in zone.groups { node(group, indent: "        ") }
                    lines.append("      }")
                }
                lines.append("    }")
            }
            for group in environment.spread { node(group, indent: "    ") }
            lines.append("  }")
        }
        for group in overview.dnsGroups { node(group, indent: "  ") }
        for link in overview.links {
            var attributes = ["label=\(Self.label([link.label]))"]
            if link.kind == .backend { attributes.append("style=bold") }
            if link.plaintextAcrossDomains > 0 {
                attributes += ["style=dashed", "color=\"#c62828\"", "fontcolor=\"#c62828\"", "penwidth=2"]
            }
            lines.append("  \"g\(link.from)\" -> \"g\(link.to)\" [" + attributes.joined(separator: ", ") + "];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The lines of the full digraph (or a focused part of it), written in the order dot reads them:
/// the header, the environments' nested clusters, the DNS zones and stubs, then the edges.
private struct FullDigraph {
    let model: ArchitectureModel
    let focus: FocusedPart?
    var lines: [String] = []
    /// The node an edge into a host's or cluster's box attaches to, with the box's name.
    var anchors: [String: (node: String, cluster: String)] = [:]
    /// The ids drawn in full: the focus's, and the DNS zones that point into it.
    var drawn: Set<String>

    init(model: ArchitectureModel, focus: FocusedPart?) {
        self.model = model
        self.focus = focus
        self.drawn = focus?.drawnIDs ?? []
    }

    private typealias Style = DOTRenderer

    mutating func writeHeader() {
        lines.append("digraph \(Style.quote(model.name)) {")
        lines.append("  graph [rankdir=LR, compound=true, fontname=\"\(Style.font)\", fontsize=12, label=\(Style.label([model.name])), labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.7];")
        lines.append("  node [fontname=\"\(Style.font)\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#546e7a\"];")
        lines.append("  edge [fontname=\"\(Style.font)\", fontsize=9, color=\"#546e7a\", fontcolor=\"#37474f\"];")
    }

    private func isDrawn(_ placement: ArchitectureModel.Placement) -> Bool {
        focus?.placementKeys.contains(placement.key) ?? true
    }

    /// Environments as nested clusters: failure domain, zone, then each host's or cluster's box.
    /// dot lays a left-to-right graph out top-down and turns it, which puts the first cluster at
    /// the bottom: environments are written last-first so production is drawn on top.
    mutating func writeEnvironments() {
        for environment in model.environments.reversed() where environment.placements.contains(where: isDrawn) {
            cluster(environment.id.isEmpty ? "env" : "env:" + environment.id, title: "environment " + environment.title,
                    fill: "#f7f9fb", severity: nil, indent: "  ") { digraph in
                for domain in environment.domains where domain.placements.contains(where: digraph.isDrawn) {
                    digraph.cluster(domain.key, title: domain.title, fill: "#eef3f7", severity: nil, indent: "    ") { digraph in
                        for zone in domain.zones where zone.placements.contains(where: digraph.isDrawn) {
                            digraph.write(zone, in: domain)
                        }
                    }
                }
                for entry in environment.spread where digraph.isDrawn(entry) { digraph.placement(entry, indent: "    ") }
            }
        }
    }

    private mutating func write(_ zone: ArchitectureModel.ZoneGroup, in domain: ArchitectureModel.DomainGroup) {
        guard let name = zone.zone else {
            for entry in zone.placements where isDrawn(entry) { placement(entry, indent: "      ") }
            return
        }
        cluster(domain.key + "/zone:" + name, title: "zone " + name, fill: "#e3eaf0", severity: nil, indent: "      ") { digraph in
            for entry in zone.placements where digraph.isDrawn(entry) { digraph.placement(entry, indent: "        ") }
        }
    }

    /// The DNS zones (with a focus: those that point into it), and a grey stub for every end of a
    /// drawn edge that is drawn elsewhere. Returns the edges to draw.
    mutating func writeDNSZonesAndStubs() -> [ArchitectureModel.Edge] {
        guard let focus else {
            for zone in model.dnsZones { node(zone.id, indent: "  ") }
            return model.edges
        }
        let edges = model.edges.filter(focus.draws)
        let pointing = Set(edges.filter { $0.kind == .dns && drawn.contains($0.to) }.map(\.from))
        drawn.formUnion(pointing)
        for zone in model.dnsZones where pointing.contains(zone.id) { node(zone.id, indent: "  ") }
        var stubbed = Set<String>()
        for edge in edges {
            for end in [edge.from, edge.to] where !drawn.contains(end) && stubbed.insert(end).inserted {
                lines.append("  \(Style.quote(end)) [label=\(Style.label(Style.nodeLines(end, model) + ["(drawn elsewhere)"])), style=\"dashed,filled\", "
                             + "fillcolor=\"#f5f5f5\", color=\"#9e9e9e\", fontcolor=\"#555555\"];")
            }
        }
        return edges
    }

    mutating func writeEdges(_ edges: [ArchitectureModel.Edge]) {
        for edge in edges {
            var attributes: [(String, String)] = []
            if let label = edge.label { attributes.append(("label", Style.label([label]))) }
            if edge.kind == .backend { attributes.append(("style", "bold")) }
            if edge.plaintextAcrossDomains {
                attributes += [("style", "dashed"), ("color", "\"#c62828\""), ("fontcolor", "\"#c62828\""), ("penwidth", "2")]
            }
            var target = edge.to
            if let anchor = anchors[edge.to], focus == nil || drawn.contains(edge.to) {
                target = anchor.node
                attributes.append(("lhead", Style.quote(anchor.cluster)))
            }
            let list = attributes.isEmpty ? "" : " [" + attributes.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
            lines.append("  \(Style.quote(edge.from)) -> \(Style.quote(target))\(list);")
        }
    }

    private mutating func node(_ id: String, indent: String) {
        var attributes = [("label", Style.label(Style.nodeLines(id, model)))]
        switch model.nodeKinds[id] {
        case .datastore?: attributes.append(("shape", "cylinder"))
        case .dns?: attributes.append(("shape", "hexagon"))
        case .host?, .cluster?: attributes.append(("style", "filled"))
        default: break
        }
        if let severity = model.severity[id] {
            let colors = Style.colors(severity)
            attributes += [("fillcolor", "\"\(colors.fill)\""), ("color", "\"\(colors.border)\""), ("penwidth", "2")]
        }
        lines.append(indent + Style.quote(id) + " [" + attributes.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];")
    }

    private mutating func cluster(_ name: String, title: String, fill: String, severity: Severity?, indent: String,
                                  body: (inout FullDigraph) -> Void) {
        lines.append(indent + "subgraph " + Style.quote("cluster_" + name) + " {")
        let (fillColor, border, width) = severity.map { severity in
            let colors = Style.colors(severity)
            return (colors.fill, colors.border, "2")
        } ?? (fill, "#90a4ae", "1")
        lines.append(indent + "  label=\(Style.label([title])); style=\"rounded,filled\"; fillcolor=\"\(fillColor)\"; color=\"\(border)\"; penwidth=\(width);")
        body(&self)
        lines.append(indent + "}")
    }

    /// A host's or cluster's box with its entities inside; a provider's (or nothing's) entities loose.
    private mutating func placement(_ placement: ArchitectureModel.Placement, indent: String) {
        switch placement.kind {
        case .provider, .unplaced:
            for item in placement.items { node(item, indent: indent) }
            return
        default: break
        }
        let id = placement.entityID ?? placement.key
        guard let first = placement.items.first else {
            let severity = model.severity[id]
            lines.append(indent + Style.quote(id) + " [label=\(Style.label([placement.title])), style=filled, fillcolor="
                         + "\"" + (severity.map { Style.colors($0).fill } ?? "#eceff1") + "\""
                         + (severity.map { ", color=\"\(Style.colors($0).border)\", penwidth=2" } ?? "") + "];")
            return
        }
        anchors[id] = (first, "cluster_" + placement.key)
        cluster(placement.key, title: placement.title, fill: "#ffffff", severity: placement.entityID.flatMap { model.severity[$0] },
                indent: indent) { digraph in
            for item in placement.items { digraph.node(item, indent: indent + "  ") }
        }
    }
}

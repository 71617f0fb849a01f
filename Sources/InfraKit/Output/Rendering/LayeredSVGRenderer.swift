import InfraJSON
import InfraModel

/// A simple layered SVG diagram, for HTML pages made where Graphviz is not installed.
///
/// Three columns by layer — entry (DNS zones, load balancers, proxies), services, data
/// (datastores, and hosts or clusters something points at) — and one band of rows per
/// environment, rows in the model's order. Arrows run from the right side of a box to the left
/// of the next layer, or curve on the right within a layer; the highlighting is the diagrams'.
public struct LayeredSVGRenderer: Sendable {
    public init() {}

    static let boxWidth = 250
    static let boxHeight = 46
    static let rowGap = 14
    static let columnGap = 150
    static let margin = 24
    static let bandTitle = 30
    static let columnTitles = ["entry: DNS, load balancers, proxies", "services", "data: datastores, hosts, clusters"]

    private struct Box {
        let content: BoxContent
        let column: Int
        let x: Int
        let y: Int
    }

    /// A box before it is placed: what it shows.
    private struct BoxContent {
        let id: String
        let title: String
        let subtitle: String
        let kind: ArchitectureModel.NodeKind
        let severity: Severity?
        /// Under a simulation overlay: the CSS classes of its state (and lost data), in place of the severity.
        var overlayClasses: String? = nil
    }

    /// An arrow between two boxes, by id.
    private struct Arrow {
        let from: String
        let to: String
        let label: String?
        let plaintextAcrossDomains: Bool
    }

    /// Bands of three columns of boxes, and the arrows between them.
    private struct Layout {
        var bands: [(title: String, columns: [[BoxContent]])] = []
        var arrows: [Arrow] = []

        /// Gives each box `style` returns a subtitle and overlay classes for those, in place of its
        /// second line and its severity; leaves the others as they are.
        mutating func restyle(_ style: (BoxContent) -> (subtitle: String, classes: String)?) {
            for band in bands.indices {
                bands[band].columns = bands[band].columns.map { column in
                    column.map { content in
                        guard let (subtitle, classes) = style(content) else { return content }
                        return BoxContent(id: content.id, title: content.title, subtitle: subtitle, kind: content.kind,
                                          severity: nil, overlayClasses: classes)
                    }
                }
            }
        }
    }

    /// `plan`: what to draw (default: the whole system, or its aggregated overview past Mermaid's limits).
    /// `overlay`: a simulated failure to colour the boxes by, instead of their findings.
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil, overlay: DiagramOverlay? = nil) -> String {
        let plan = plan ?? DiagramPlan(model)
        switch plan.content {
        case .full:
            var layout = fullLayout(model, placementKeys: plan.focus?.placementKeys)
            if let overlay { Self.lay(overlay, over: &layout) }
            return draw(layout, name: model.name, overlaid: overlay != nil)
        case .overview(let overview):
            var layout = overviewLayout(overview)
            if overlay != nil { Self.layStates(of: overview, over: &layout) }
            return draw(layout, name: model.name, overlaid: overlay != nil)
        }
    }

    /// Each affected box coloured by its state, its second line saying the state and its data.
    private static func lay(_ overlay: DiagramOverlay, over layout: inout Layout) {
        layout.restyle { content in
            guard let subtitle = overlay.subtitle(content.id) else { return nil }
            let classes = [overlay.states[content.id].map(DiagramOverlay.cssClass), overlay.data[content.id].map { _ in "data-lost" }]
            return (subtitle, classes.compactMap { $0 }.joined(separator: " "))
        }
    }

    /// Each group with affected members coloured by the worst state among them, with their count.
    private static func layStates(of overview: ArchitectureOverview, over layout: inout Layout) {
        layout.restyle { content in
            guard let position = Int(content.id.dropFirst()), overview.groups.indices.contains(position) else { return nil }
            let group = overview.groups[position]
            guard let worst = group.worstState else { return nil }
            var subtitle = "\(ArchitectureOverview.counted(group.stateCount)) affected · worst \(worst.label)"
            if group.dataLostCount > 0 { subtitle += " · \(ArchitectureOverview.counted(group.dataLostCount)) losing data" }
            return (subtitle, DiagramOverlay.cssClass(worst) + (group.dataLostCount > 0 ? " data-lost" : ""))
        }
    }

    /// Every entity in the placements `placementKeys` (nil: all) as a box.
    private func fullLayout(_ model: ArchitectureModel, placementKeys: Set<String>?) -> Layout {
        let index = model.index
        var layout = Layout()
        func column(_ id: String) -> Int {
            switch model.nodeKinds[id] {
            case .dns?: return 0
            case .service?:
                let kind = index.services[id]?.kind
                return kind == .loadBalancer || kind == .proxy ? 0 : 1
            default: return 2
            }
        }
        func box(_ id: String) -> BoxContent {
            BoxContent(id: id, title: title(id, model), subtitle: subtitle(id, model), kind: model.nodeKinds[id] ?? .host, severity: model.severity[id])
        }
        let targets = Set(model.edges.map(\.to))
        var bands: [(title: String, columns: [[BoxContent]])] = []
        var drawn = Set<String>()
        for environment in model.environments {
            var columns: [[BoxContent]] = [[], [], []]
            for placement in environment.placements where placementKeys?.contains(placement.key) ?? true {
                for item in placement.items { columns[column(item)].append(box(item)) }
                if let entity = placement.entityID, targets.contains(entity) { columns[2].append(box(entity)) }
                if placementKeys != nil { drawn.formUnion(placement.items + [placement.entityID].compactMap { $0 }) }
            }
            guard columns.contains(where: { !$0.isEmpty }) else { continue }
            bands.append(("environment " + environment.title, columns))
        }
        // With a focus, only the DNS zones that point into it.
        let pointing = Set(model.edges.filter { $0.kind == .dns && drawn.contains($0.to) }.map(\.from))
        let zones = placementKeys == nil ? model.dnsZones : model.dnsZones.filter { pointing.contains($0.id) }
        if !zones.isEmpty {
            bands.insert(("DNS", [zones.map { box($0.id) }, [], []]), at: 0)
        }
        layout.bands = bands
        layout.arrows = model.edges.map { Arrow(from: $0.from, to: $0.to, label: $0.label, plaintextAcrossDomains: $0.plaintextAcrossDomains) }
        return layout
    }

    /// Every group of the overview as a box: entry groups (load balancers, proxies, DNS) left,
    /// services in the middle, datastores, clusters and hosts right.
    private func overviewLayout(_ overview: ArchitectureOverview) -> Layout {
        var layout = Layout()
        func box(_ position: Int, place: String) -> BoxContent {
            let group = overview.groups[position]
            let findings = group.worst.map { "⚠ \(ArchitectureOverview.counted(group.findingCount)) · worst \($0.severity.rawValue): \($0.rule)" }
            return BoxContent(id: "g\(position)", title: "\(group.title) × \(ArchitectureOverview.counted(group.count))",
                              subtitle: findings ?? place, kind: group.kind, severity: group.worst?.severity)
        }
        func column(_ position: Int) -> Int {
            let group = overview.groups[position]
            if group.isEntry || group.kind == .dns { return 0 }
            return group.kind == .service ? 1 : 2
        }
        if !overview.dnsGroups.isEmpty {
            layout.bands.append(("DNS", [overview.dnsGroups.map { box($0, place: "DNS") }, [], []]))
        }
        for environment in overview.environments {
            var columns: [[BoxContent]] = [[], [], []]
            for domain in environment.domains {
                for zone in domain.zones {
                    let place = domain.title + (zone.name.map { " · zone " + $0 } ?? "")
                    for group in zone.groups { columns[column(group)].append(box(group, place: place)) }
                }
            }
            for group in environment.spread { columns[column(group)].append(box(group, place: "across failure domains")) }
            layout.bands.append(("environment " + environment.title, columns))
        }
        layout.arrows = overview.links.map {
            Arrow(from: "g\($0.from)", to: "g\($0.to)", label: $0.label, plaintextAcrossDomains: $0.plaintextAcrossDomains > 0)
        }
        return layout
    }

    private func draw(_ layout: Layout, name: String, overlaid: Bool = false) -> String {
        let placed = place(layout.bands)
        var edges: [String] = []
        // A curve out on the right can reach past the third column: the drawing widens to hold it
        // and its label, instead of cutting them off at the edge.
        var right = placed.width
        for arrow in layout.arrows {
            guard let from = placed.boxes[arrow.from], let to = placed.boxes[arrow.to] else { continue }
            let drawn = draw(arrow, from: from, to: to)
            edges += drawn.elements
            right = max(right, drawn.right)
        }
        let nodes = placed.boxes.values.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }).flatMap(draw)
        let height = placed.bottom + Self.margin
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(right) \(height)\" width=\"\(right)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(CredentialScanner.redact(name))) architecture\">\n"
        svg += """
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#546e7a"/></marker>\
        <marker id="arrow-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker></defs>
        \(HTMLRenderer.styleElement(Self.style))\(overlaid ? "\n" + HTMLRenderer.styleElement(DiagramOverlay.style) : "")

        """
        svg += placed.body.joined(separator: "\n") + "\n" + edges.joined(separator: "\n") + "\n" + nodes.joined(separator: "\n") + "\n</svg>\n"
        return svg
    }

    /// The column titles and the bands, one below the other, with every box's place in them.
    private func place(_ bands: [(title: String, columns: [[BoxContent]])])
        -> (boxes: [String: Box], body: [String], bottom: Int, width: Int) {
        var boxes: [String: Box] = [:]
        var body: [String] = []
        var y = Self.margin + 22
        let columnX = (0..<3).map { Self.margin + $0 * (Self.boxWidth + Self.columnGap) }
        let width = columnX[2] + Self.boxWidth + Self.margin + 60
        for (offset, title) in Self.columnTitles.enumerated() {
            body.append("<text x=\"\(columnX[offset])\" y=\"\(Self.margin + 8)\" class=\"col\">\(HTMLText.escape(title))</text>")
        }
        for band in bands {
            let rows = band.columns.map(\.count).max() ?? 0
            let height = Self.bandTitle + rows * (Self.boxHeight + Self.rowGap) + 4
            body.append("<rect x=\"\(Self.margin / 2)\" y=\"\(y)\" width=\"\(width - Self.margin)\" height=\"\(height)\" rx=\"8\" class=\"band\"/>")
            body.append("<text x=\"\(Self.margin)\" y=\"\(y + 20)\" class=\"band-title\">\(Self.text(band.title, limit: 110))</text>")
            for (columnNumber, contents) in band.columns.enumerated() {
                for (row, content) in contents.enumerated() {
                    boxes[content.id] = Box(content: content, column: columnNumber, x: columnX[columnNumber],
                                            y: y + Self.bandTitle + row * (Self.boxHeight + Self.rowGap))
                }
            }
            y += height + Self.rowGap
        }
        return (boxes, body, y, width)
    }

    /// An arrow between two boxes and its label; `right` is how far right it reaches.
    private func draw(_ arrow: Arrow, from: Box, to: Box) -> (elements: [String], right: Int) {
        let startY = from.y + Self.boxHeight / 2
        let endY = to.y + Self.boxHeight / 2
        let path: String
        let labelX: Int
        let labelY: Int
        var right = 0
        if to.column > from.column {
            let startX = from.x + Self.boxWidth
            let endX = to.x - 2
            let bend = (endX - startX) / 2
            path = "M\(startX),\(startY) C\(startX + bend),\(startY) \(endX - bend),\(endY) \(endX),\(endY)"
            labelX = (startX + endX) / 2
            labelY = (startY + endY) / 2 - 4
        } else {
            // Within a layer or back to an earlier one: curve out on the right.
            let startX = from.x + Self.boxWidth
            let endX = to.x + Self.boxWidth + 2
            let reach = max(startX, endX) + 40 + abs(endY - startY) / 6
            path = "M\(startX),\(startY) C\(reach),\(startY) \(reach),\(endY) \(endX),\(endY)"
            labelX = reach - 10
            labelY = (startY + endY) / 2
            // The curve's rightmost point (both control points at `reach`), and its label's
            // right end (10px text, about 6px a character, centred).
            let peak = (startX + endX) / 8 + 3 * reach / 4
            let labelHalfWidth = arrow.label.map { 3 * min(UntrustedText.visible(CredentialScanner.redact($0)).count, 40) } ?? 0
            right = max(peak + Self.margin / 2, labelX + labelHalfWidth + Self.margin / 2)
        }
        let style = arrow.plaintextAcrossDomains ? "edge plaintext" : "edge"
        var elements = ["<path d=\"\(path)\" class=\"\(style)\" marker-end=\"url(#\(arrow.plaintextAcrossDomains ? "arrow-red" : "arrow"))\"/>"]
        if let label = arrow.label {
            elements.append("<text x=\"\(labelX)\" y=\"\(labelY)\" class=\"\(arrow.plaintextAcrossDomains ? "label plaintext" : "label")\" text-anchor=\"middle\">\(Self.text(label, limit: 40))</text>")
        }
        return (elements, right)
    }

    /// A box: its shape by kind, its title and subtitle, coloured by its worst finding.
    private func draw(_ box: Box) -> [String] {
        let severity = box.content.overlayClasses.map { " " + $0 } ?? box.content.severity.map { " \($0.rawValue)" } ?? ""
        var nodes = ["<g class=\"node\(severity)\"><title>\(HTMLText.escape(CredentialScanner.redact(box.content.id)))</title>"]
        let x = box.x, y = box.y, w = Self.boxWidth, h = Self.boxHeight
        switch box.content.kind {
        case .datastore:
            nodes.append("<path d=\"M\(x),\(y + 6) a\(w / 2),6 0 0,0 \(w),0 v\(h - 12) a\(w / 2),6 0 0,1 -\(w),0 z\" class=\"shape\"/>")
            nodes.append("<path d=\"M\(x),\(y + 6) a\(w / 2),6 0 0,1 \(w),0\" class=\"shape\"/>")
        case .service:
            nodes.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" rx=\"12\" class=\"shape\"/>")
        case .dns:
            nodes.append("<path d=\"M\(x + 12),\(y) H\(x + w - 12) L\(x + w),\(y + h / 2) L\(x + w - 12),\(y + h) H\(x + 12) L\(x),\(y + h / 2) z\" class=\"shape\"/>")
        case .host, .cluster:
            nodes.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" rx=\"2\" class=\"shape host\"/>")
        }
        // A cylinder's top takes a few pixels: its text sits lower.
        let shift = box.content.kind == .datastore ? 4 : 0
        nodes.append("<text x=\"\(x + w / 2)\" y=\"\(y + 18 + shift)\" text-anchor=\"middle\" class=\"title\">\(Self.text(box.content.title, limit: 36))</text>")
        nodes.append("<text x=\"\(x + w / 2)\" y=\"\(y + 33 + shift)\" text-anchor=\"middle\" class=\"subtitle\">\(Self.text(box.content.subtitle, limit: 40))</text>")
        nodes.append("</g>")
        return nodes
    }

    /// The diagram's stylesheet; `HTMLRenderer`'s Content-Security-Policy allows it by hash.
    static let style = """
    .col{font:600 12px sans-serif;fill:#546e7a}.band{fill:#f7f9fb;stroke:#cfd8dc}.band-title{font:600 13px sans-serif;fill:#263238}
    .shape{fill:#fff;stroke:#546e7a;stroke-width:1.2}.host{fill:#eceff1}
    .error .shape{fill:#fde2e1;stroke:#c62828;stroke-width:2}.warning .shape{fill:#fff3cd;stroke:#b7791f;stroke-width:2}.note .shape{fill:#e3f2fd;stroke:#1565c0;stroke-width:2}
    .title{font:600 12px sans-serif;fill:#111}.subtitle{font:11px sans-serif;fill:#455a64}
    .edge{fill:none;stroke:#78909c;stroke-width:1.3}.edge.plaintext{stroke:#c62828;stroke-width:2;stroke-dasharray:6 4}
    .label{font:10px sans-serif;fill:#37474f;paint-order:stroke;stroke:#fff;stroke-width:3px}.label.plaintext{fill:#c62828;font-weight:600}
    """

    private func title(_ id: String, _ model: ArchitectureModel) -> String {
        switch model.nodeKinds[id] {
        case .dns?: model.index.zones[id]?.zone ?? id
        case .host?: "host \(id)"
        case .cluster?: "cluster \(id)"
        default: id
        }
    }

    private func subtitle(_ id: String, _ model: ArchitectureModel) -> String {
        let index = model.index
        switch model.nodeKinds[id] {
        case .service?:
            guard let service = index.services[id] else { return "" }
            let place = service.runsOn.isEmpty ? service.provider.map { "by \($0)" } : "on " + service.runsOn.joined(separator: ", ")
            return ([service.kind.rawValue] + [place].compactMap { $0 }).joined(separator: " · ")
        case .datastore?:
            guard let datastore = index.datastores[id] else { return "" }
            return ([datastore.engine] + [datastore.hosting.map { "on \($0.id)" }].compactMap { $0 }).joined(separator: " · ")
        case .dns?:
            return "DNS · " + (index.zones[id]?.provider ?? "")
        case .host?:
            return index.hosts[id].map { host in ([host.provider] + [host.zone].compactMap { $0 }).joined(separator: " · ") } ?? ""
        case .cluster?:
            return index.clusters[id].map { "\($0.kind) · \($0.members.count) members" } ?? ""
        case nil:
            return ""
        }
    }

    /// Escaped SVG text, cut with an ellipsis past `limit` characters (the full id is in the box's
    /// title): credentials redacted, then `HTMLText`.
    static func text(_ text: String, limit: Int) -> String {
        let visible = UntrustedText.visible(CredentialScanner.redact(text))
        let cut = visible.count > limit ? String(visible.prefix(limit - 1)) + "…" : visible
        return HTMLText.escape(cut)
    }
}

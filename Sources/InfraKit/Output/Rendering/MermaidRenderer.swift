import InfraModel

/// A Mermaid flowchart of the system, which GitHub renders natively: subgraphs environment →
/// provider/region → zone → host or cluster; services as rounded nodes, datastores as cylinders,
/// DNS zones as hexagons; edges labelled with their protocol, plaintext edges between failure
/// domains dashed and marked ⚠; entities with findings coloured by their worst severity.
///
/// Mermaid refuses diagrams over its default limits (`maxEdges` 500, `maxTextSize` 50,000
/// characters). A system over them is drawn as its aggregated overview (`ArchitectureOverview`:
/// groups per environment, provider and zone with counts and their worst finding), which says so
/// in a `%%` comment; `--focus` (`DiagramPlan`) draws one part in full, what it refers to
/// elsewhere as grey stubs.
public struct MermaidRenderer: Sendable {
    /// One flowchart, with what part of the system it shows (nil: the whole system).
    public struct Diagram: Sendable {
        public let part: String?
        public let text: String
        public let edgeCount: Int
    }

    public static let defaultMaxEdges = 500
    public static let defaultMaxTextSize = 50_000

    public var maxEdges: Int
    public var maxTextSize: Int

    public init(maxEdges: Int = MermaidRenderer.defaultMaxEdges, maxTextSize: Int = MermaidRenderer.defaultMaxTextSize) {
        self.maxEdges = maxEdges
        self.maxTextSize = maxTextSize
    }

    /// The diagram as text: the whole system, the focused part, or the aggregated overview.
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil) -> String {
        diagram(model, plan: plan).text
    }

    /// The one diagram `plan` (by default, the plan for the whole system within this renderer's limits) calls for.
    public func diagram(_ model: ArchitectureModel, plan: DiagramPlan? = nil) -> Diagram {
        let plan = plan ?? DiagramPlan(model, maxEdges: maxEdges, maxTextSize: maxTextSize)
        switch plan.content {
        case .full:
            let drawing = Drawing(model: model, focus: plan.focus)
            return drawing.render(units: drawing.units[...], part: plan.focus?.focus.phrase)
        case .overview(let overview):
            return overviewDiagram(overview, model, focus: plan.focus?.focus)
        }
    }

    // MARK: Text

    /// Inventory text in a label: credentials redacted, then `MermaidText`.
    static func label(_ text: String) -> String {
        MermaidText.label(CredentialScanner.redact(text))
    }

    /// Inventory text in a `%%` comment: credentials redacted, then `MermaidText`.
    static func comment(_ text: String) -> String {
        MermaidText.comment(CredentialScanner.redact(text))
    }

    /// A Mermaid id (letters, digits, underscores) for `key`, unique within one diagram.
    struct Identifiers {
        /// What an id is made from, worked out once for all the diagrams that draw the key.
        struct Name {
            /// `prefix:key`: the same key always gets the same id.
            let full: String
            /// `prefix_` and the key with every character but letters and digits made `_`.
            let base: String

            init(_ prefix: String, _ key: String) {
                full = prefix + ":" + key
                var base = prefix + "_"
                for scalar in key.unicodeScalars {
                    let isAlphanumeric = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                    base.unicodeScalars.append(isAlphanumeric ? scalar : "_")
                }
                self.base = base
            }
        }

        private var assigned: [String: String] = [:]
        private var used: Set<String> = []

        mutating func id(_ prefix: String, _ key: String) -> String {
            id(Name(prefix, key))
        }

        mutating func id(_ name: Name) -> String {
            if let existing = assigned[name.full] { return existing }
            var candidate = name.base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(name.base)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            assigned[name.full] = candidate
            return candidate
        }
    }
}

extension MermaidRenderer {
    /// Draws any part of the model: the placements chosen, the DNS zones and edges that touch them.
    ///
    /// Labels, shapes, id names and which edges touch which entity are worked out once here, for
    /// every run of units drawn from it; a drawing that outgrows Mermaid's limits stops early, so
    /// `DiagramPlan` learns cheaply that a part is too large to draw in full.
    struct Drawing {
        /// A node as every diagram draws it.
        struct Node {
            let id: String
            let name: Identifiers.Name
            /// The shape and label after the node id: `("...")`, `[("...")]`, ...
            let shape: String
        }

        /// The smallest piece a split keeps together: one placement.
        struct Unit {
            /// Its environment's position in `model.environments`.
            let environment: Int
            /// Its failure domain's position in the environment's `domains`; nil when it is spread across them.
            let domain: Int?
            /// Its zone's position in the domain's `zones`.
            let zone: Int
            let placement: ArchitectureModel.Placement
            /// The host, cluster or group the placement is (what edges and findings name).
            let id: String
            let name: Identifiers.Name
            /// The placement's title, as label text.
            let title: String
            /// The services and datastores placed here.
            let items: [Node]
        }

        /// One end of an edge, ready to draw as a stub when the diagram does not hold it.
        struct End {
            let id: String
            let name: Identifiers.Name
            /// The stub's shape and label, which say in which environment the entity is drawn.
            let stub: String
        }

        /// An edge of the model, ready to draw.
        struct Edge {
            let from: End
            let to: End
            /// Between the two ids: ` -->|"label"| `.
            let arrow: String
            let plaintextAcrossDomains: Bool
        }

        let model: ArchitectureModel
        /// Every placement, in the order the whole diagram draws them.
        let units: [Unit]
        /// The DNS zones, in `model.dnsZones` order.
        let zones: [Node]
        let edges: [Edge]
        /// Positions in `edges` of the edges from or to each entity id, ascending.
        let edgesTouching: [String: [Int]]
        /// Positions in `edges` of the edges from each entity id, ascending.
        let edgesFrom: [String: [Int]]

        /// `focus`: the part to draw and the edges it draws (nil: everything).
        init(model: ArchitectureModel, focus: FocusedPart? = nil) {
            self.model = model
            var labels = Labels(model: model)
            let placed = Self.units(model, focus: focus, labels: &labels)
            units = placed.units
            zones = model.dnsZones.map { labels.node($0.id) }
            let drawnEdges = focus.map { focus in model.edges.filter(focus.draws) } ?? model.edges
            (edges, edgesTouching, edgesFrom) = Self.edges(drawnEdges, environmentOf: placed.environmentOf, labels: &labels)
        }

        /// Label lines, shared by a node and its stubs and worked out once per id.
        private struct Labels {
            let model: ArchitectureModel
            var known: [String: String] = [:]

            mutating func label(_ id: String) -> String {
                if let label = known[id] { return label }
                let label = Drawing.label(id, model)
                known[id] = label
                return label
            }

            mutating func node(_ id: String) -> Node {
                Node(id: id, name: Identifiers.Name(Drawing.prefix(id, model), id), shape: Drawing.shape(id, model, label: label(id)))
            }
        }

        /// Every drawn placement, in the order the whole diagram draws them, and the environment id
        /// of every entity (which its stubs name).
        private static func units(_ model: ArchitectureModel, focus: FocusedPart?, labels: inout Labels)
            -> (units: [Unit], environmentOf: [String: String]) {
            let placementKeys = focus?.placementKeys
            var units: [Unit] = []
            var environmentOf: [String: String] = [:]
            func unit(_ placement: ArchitectureModel.Placement, environment: Int, domain: Int?, zone: Int) -> Unit {
                let id = placement.entityID ?? placement.key
                return Unit(environment: environment, domain: domain, zone: zone, placement: placement, id: id,
                            name: Identifiers.Name(prefix(id, model), id), title: MermaidRenderer.label(placement.title),
                            items: placement.items.map { labels.node($0) })
            }
            let isDrawn = { (placement: ArchitectureModel.Placement) in placementKeys?.contains(placement.key) ?? true }
            for (environmentPosition, environment) in model.environments.enumerated() {
                for (domainPosition, domain) in environment.domains.enumerated() {
                    for (zonePosition, zone) in domain.zones.enumerated() {
                        units += zone.placements.filter(isDrawn).map { unit($0, environment: environmentPosition, domain: domainPosition, zone: zonePosition) }
                    }
                }
                units += environment.spread.filter(isDrawn).map { unit($0, environment: environmentPosition, domain: nil, zone: 0) }
                for placement in environment.placements {
                    for id in placement.items + [placement.entityID].compactMap({ $0 }) { environmentOf[id] = environment.id }
                }
            }
            return (units, environmentOf)
        }

        /// The drawn edges, each end with its stub, and the positions of the edges at each entity.
        private static func edges(_ drawnEdges: [ArchitectureModel.Edge], environmentOf: [String: String], labels: inout Labels)
            -> (edges: [Edge], touching: [String: [Int]], from: [String: [Int]]) {
            let model = labels.model
            var ends: [String: End] = [:]
            func end(_ id: String) -> End {
                if let known = ends[id] { return known }
                let elsewhere = environmentOf[id].map { "in environment \($0)" } ?? "in another diagram"
                let stub = shape(id, model, label: labels.label(id) + "<br/>" + MermaidRenderer.label("(\(elsewhere))"))
                let end = End(id: id, name: Identifiers.Name(prefix(id, model), id), stub: stub)
                ends[id] = end
                return end
            }
            var edges: [Edge] = []
            var edgesTouching: [String: [Int]] = [:]
            var edgesFrom: [String: [Int]] = [:]
            for (position, edge) in drawnEdges.enumerated() {
                let label = edge.label.map { "|\"\(MermaidRenderer.label($0))\"|" } ?? ""
                edges.append(Edge(from: end(edge.from), to: end(edge.to),
                                  arrow: " " + (edge.plaintextAcrossDomains ? "-.->" : "-->") + label + " ",
                                  plaintextAcrossDomains: edge.plaintextAcrossDomains))
                edgesTouching[edge.from, default: []].append(position)
                if edge.to != edge.from { edgesTouching[edge.to, default: []].append(position) }
                edgesFrom[edge.from, default: []].append(position)
            }
            return (edges, edgesTouching, edgesFrom)
        }

        /// The diagram of `units` (a run of `self.units`, in their order).
        func render(units: ArraySlice<Unit>, part: String?) -> Diagram {
            draw(units, part: part, limits: nil).diagram
        }

        /// The diagram of `units`, or nil when it has more than `maxEdges` edges or
        /// `maxTextSize` UTF-16 code units of text.
        func renderIfFits(units: ArraySlice<Unit>, part: String?, maxEdges: Int, maxTextSize: Int) -> Diagram? {
            let drawn = draw(units, part: part, limits: (maxEdges, maxTextSize))
            return drawn.overLimits ? nil : drawn.diagram
        }

        /// Text built line by line, with its length in UTF-16 code units (what Mermaid counts).
        private struct Lines {
            private(set) var text = ""
            private(set) var size = 0

            mutating func append(_ line: String) {
                text += line
                text += "\n"
                size += line.utf16.count + 1
            }
        }

        /// Draws `units`; with `limits`, stops as soon as the diagram is known to pass them, and
        /// then the diagram is incomplete and `overLimits` true.
        private func draw(_ units: ArraySlice<Unit>, part: String?, limits: (edges: Int, textSize: Int)?)
            -> (diagram: Diagram, overLimits: Bool) {
            var ids = Identifiers()
            var lines = Lines()
            lines.append("flowchart LR")
            var present = Set<String>()
            var subgraphSeverity: [(id: String, severity: Severity)] = []
            var nodeClasses: [String: [String]] = [:]
            func stopped() -> (diagram: Diagram, overLimits: Bool) {
                (Diagram(part: part, text: lines.text, edgeCount: 0), true)
            }
            func isOverTextSize() -> Bool {
                limits.map { lines.size > $0.textSize } ?? false
            }

            func node(_ node: Node, indent: String) {
                let nodeID = ids.id(node.name)
                lines.append(indent + nodeID + node.shape)
                present.insert(node.id)
                if let severity = model.severity[node.id] { nodeClasses[severity.rawValue, default: []].append(nodeID) }
            }
            func placement(_ unit: Unit, indent: String) {
                switch unit.placement.kind {
                case .provider, .unplaced:
                    for item in unit.items { node(item, indent: indent) }
                    return
                default: break
                }
                guard !unit.items.isEmpty else {
                    // A host or cluster with nothing placed on it is a plain box.
                    let nodeID = ids.id(unit.name)
                    lines.append(indent + nodeID + "[\"" + unit.title + "\"]")
                    present.insert(unit.id)
                    if let severity = model.severity[unit.id] { nodeClasses[severity.rawValue, default: []].append(nodeID) }
                    return
                }
                let subgraphID = ids.id(unit.name)
                lines.append(indent + "subgraph \(subgraphID) [\"\(unit.title)\"]")
                if let entity = unit.placement.entityID {
                    present.insert(entity)
                    if let severity = model.severity[entity] { subgraphSeverity.append((subgraphID, severity)) }
                }
                for item in unit.items { node(item, indent: indent + "  ") }
                lines.append(indent + "end")
            }
            func zoneName(_ unit: Unit) -> String? {
                unit.domain.flatMap { model.environments[unit.environment].domains[$0].zones[unit.zone].zone }
            }
            /// Closes the subgraphs `unit` is in that `next` is not.
            func close(_ unit: Unit, before next: Unit?) {
                let sameEnvironment = next?.environment == unit.environment
                let sameDomain = sameEnvironment && next?.domain == unit.domain
                if !(sameDomain && next?.zone == unit.zone), zoneName(unit) != nil { lines.append("      end") }
                if !sameDomain, unit.domain != nil { lines.append("    end") }
                if !sameEnvironment { lines.append("  end") }
            }
            /// Opens the subgraphs `unit` is in that `previous` is not.
            func open(_ unit: Unit, after previous: Unit?) {
                let environment = model.environments[unit.environment]
                let newEnvironment = previous?.environment != unit.environment
                if newEnvironment {
                    lines.append("  subgraph \(ids.id("env", environment.id)) [\"\(MermaidRenderer.label(environment.title))\"]")
                }
                guard let position = unit.domain else { return }
                let domain = environment.domains[position]
                let newDomain = newEnvironment || previous?.domain != unit.domain
                if newDomain {
                    lines.append("    subgraph \(ids.id("dom", environment.id + ":" + domain.providerID)) [\"\(MermaidRenderer.label(domain.title))\"]")
                }
                if newDomain || previous?.zone != unit.zone, let name = domain.zones[unit.zone].zone {
                    lines.append("      subgraph \(ids.id("zone", domain.key + "/" + name)) [\"\(MermaidRenderer.label("zone " + name))\"]")
                }
            }

            // Environment → provider → zone → placement: `units` come in that order, so a
            // subgraph opens where a unit's group differs from the one before and closes where
            // it differs from the one after.
            var previous: Unit?
            for unit in units {
                if let previous { close(previous, before: unit) }
                open(unit, after: previous)
                placement(unit, indent: unit.domain == nil ? "    " : zoneName(unit) == nil ? "      " : "        ")
                previous = unit
                if isOverTextSize() { return stopped() }
            }
            if let previous { close(previous, before: nil) }

            // DNS zones: all of them in the whole diagram, those pointing into a part otherwise.
            let whole = part == nil
            for zone in zones where whole || edgesFrom[zone.id, default: []].contains(where: { present.contains(edges[$0].to.id) }) {
                node(zone, indent: "  ")
            }
            if isOverTextSize() { return stopped() }

            // Edges that touch this part; an end drawn in another diagram becomes a stub.
            var touching: [Int] = []
            for id in present { touching += edgesTouching[id, default: []] }
            touching.sort()
            var drawnEdges: [Int] = []
            drawnEdges.reserveCapacity(touching.count)
            for position in touching where drawnEdges.last != position { drawnEdges.append(position) }
            if let limits, drawnEdges.count > limits.edges { return stopped() }

            var edgeLines = Lines()
            var dashed: [Int] = []
            var stubs: [End] = []
            var stubbed = Set<String>()
            for (offset, position) in drawnEdges.enumerated() {
                let edge = edges[position]
                for end in [edge.from, edge.to] where !present.contains(end.id) && stubbed.insert(end.id).inserted {
                    stubs.append(end)
                }
                if edge.plaintextAcrossDomains { dashed.append(offset) }
                edgeLines.append("  " + ids.id(edge.from.name) + edge.arrow + ids.id(edge.to.name))
            }
            for stub in stubs {
                let nodeID = ids.id(stub.name)
                lines.append("  " + nodeID + stub.stub)
                nodeClasses["stub", default: []].append(nodeID)
            }
            var text = lines.text + edgeLines.text
            var size = lines.size + edgeLines.size
            var styles = Lines()
            if !dashed.isEmpty {
                styles.append("  linkStyle \(dashed.map(String.init).joined(separator: ",")) stroke:#c62828,stroke-width:2px,color:#c62828")
            }

            // Styles: classes for nodes, `style` for subgraphs (classes do not apply to them).
            let palette = MermaidRenderer.palette
            for entry in palette {
                guard let members = nodeClasses[entry.name], !members.isEmpty else { continue }
                styles.append("  classDef \(entry.name) \(entry.style)")
                styles.append("  class \(members.joined(separator: ",")) \(entry.name)")
            }
            for (subgraph, severity) in subgraphSeverity {
                if let style = palette.first(where: { $0.name == severity.rawValue })?.style {
                    styles.append("  style \(subgraph) \(style)")
                }
            }
            text += styles.text
            size += styles.size
            let overLimits = limits.map { drawnEdges.count > $0.edges || size > $0.textSize } ?? false
            return (Diagram(part: part, text: text, edgeCount: drawnEdges.count), overLimits)
        }

        private static func prefix(_ id: String, _ model: ArchitectureModel) -> String {
            switch model.nodeKinds[id] {
            case .service?: "svc"
            case .datastore?: "ds"
            case .dns?: "dns"
            case .host?: "host"
            case .cluster?: "cluster"
            case nil: "node"
            }
        }

        /// The lines of the node's label, as label text: the id, then what it is.
        private static func label(_ id: String, _ model: ArchitectureModel) -> String {
            let index = model.index
            var lines = [id]
            switch model.nodeKinds[id] {
            case .service?:
                if let service = index.services[id] {
                    lines.append(([service.kind.rawValue] + [service.runtime, service.framework].compactMap { software in
                        software.map { [$0.name, $0.version].compactMap { $0 }.joined(separator: " ") }
                    }).joined(separator: " · "))
                }
            case .datastore?:
                if let datastore = index.datastores[id] {
                    lines.append([datastore.engine, datastore.version].compactMap { $0 }.joined(separator: " "))
                }
            case .dns?:
                if let zone = index.zones[id] { lines = [zone.zone, "DNS · \(zone.provider)"] }
            case .host?:
                lines = ["host \(id)"]
            case .cluster?:
                lines = ["cluster \(id)"]
            case nil:
                break
            }
            return lines.map(MermaidRenderer.label).joined(separator: "<br/>")
        }

        /// The node's shape around `label`: `("...")` for services, `[("...")]` for datastores, `{{"..."}}` for DNS.
        private static func shape(_ id: String, _ model: ArchitectureModel, label: String) -> String {
            let quoted = "\"" + label + "\""
            switch model.nodeKinds[id] {
            case .service?: return "(\(quoted))"
            case .datastore?: return "[(\(quoted))]"
            case .dns?: return "{{\(quoted)}}"
            default: return "[\(quoted)]"
            }
        }
    }
}

extension MermaidRenderer {
    /// Fill, border and text colours of the classes: severities, and stubs of what is drawn elsewhere.
    static let palette: [(name: String, style: String)] = [
        ("error", "fill:#fde2e1,stroke:#c62828,stroke-width:2px,color:#111"),
        ("warning", "fill:#fff3cd,stroke:#b7791f,stroke-width:2px,color:#111"),
        ("note", "fill:#e3f2fd,stroke:#1565c0,stroke-width:2px,color:#111"),
        ("stub", "fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3,color:#555"),
    ]

    /// What a reader of an aggregated overview needs to know first: that it is one, and how to see a part in full.
    static func overviewNote(_ overview: ArchitectureOverview, focus: DocsFocus?) -> String {
        let scope = focus.map { " of \($0.phrase)" } ?? ""
        return "aggregated overview\(scope): \(ArchitectureOverview.counted(overview.entityCount)) entities, too many to draw one by one "
            + "within Mermaid's limits, in groups per \(overview.grain.phrase) and kind, each with its count and worst finding. "
            + "Draw one part in full with --focus ID, --focus environment=NAME or --focus region=NAME"
    }

    /// The aggregated overview as one flowchart: subgraphs environment → provider → zone, a node
    /// per group labelled with its count and worst finding, an edge per pair of groups with its count.
    func overviewDiagram(_ overview: ArchitectureOverview, _ model: ArchitectureModel, focus: DocsFocus?) -> Diagram {
        var lines = ["flowchart LR", "%% " + Self.comment(Self.overviewNote(overview, focus: focus))]
        var classes: [String: [String]] = [:]
        func node(_ position: Int, indent: String) {
            let group = overview.groups[position]
            var label = [Self.label("\(group.title) × \(ArchitectureOverview.counted(group.count))")]
            if let worst = group.worst {
                label.append(Self.label("⚠ \(ArchitectureOverview.counted(group.findingCount)) finding\(group.findingCount == 1 ? "" : "s"), worst \(worst.severity.rawValue): \(worst.rule)"))
                classes[worst.severity.rawValue, default: []].append("g_\(position)")
            }
            let quoted = "\"" + label.joined(separator: "<br/>") + "\""
            let shape: String
            switch group.kind {
            case .service: shape = "(\(quoted))"
            case .datastore: shape = "[(\(quoted))]"
            case .dns: shape = "{{\(quoted)}}"
            case .host, .cluster: shape = "[\(quoted)]"
            }
            lines.append(indent + "g_\(position)" + shape)
        }
        for (environmentPosition, environment) in overview.environments.enumerated() {
            lines.append("  subgraph e_\(environmentPosition) [\"\(Self.label(environment.title))\"]")
            for (domainPosition, domain) in environment.domains.enumerated() {
                lines.append("    subgraph d_\(environmentPosition)_\(domainPosition) [\"\(Self.label(domain.title))\"]")
                for (zonePosition, zone) in domain.zones.enumerated() {
                    guard let name = zone.name else {
                        for group in zone.groups { node(group, indent: "      ") }
                        continue
                    }
                    lines.append("      subgraph z_\(environmentPosition)_\(domainPosition)_\(zonePosition) [\"\(Self.label("zone " + name))\"]")
                    for group in zone.groups { node(group, indent: "        ") }
                    lines.append("      end")
                }
                lines.append("    end")
            }
            for group in environment.spread { node(group, indent: "    ") }
            lines.append("  end")
        }
        for group in overview.dnsGroups { node(group, indent: "  ") }
        var dashed: [Int] = []
        for (offset, link) in overview.links.enumerated() {
            if link.plaintextAcrossDomains > 0 { dashed.append(offset) }
            lines.append("  g_\(link.from) \(link.plaintextAcrossDomains > 0 ? "-.->" : "-->")|\"\(Self.label(link.label))\"| g_\(link.to)")
        }
        if !dashed.isEmpty {
            lines.append("  linkStyle \(dashed.map(String.init).joined(separator: ",")) stroke:#c62828,stroke-width:2px,color:#c62828")
        }
        for entry in Self.palette {
            guard let members = classes[entry.name], !members.isEmpty else { continue }
            lines.append("  classDef \(entry.name) \(entry.style)")
            lines.append("  class \(members.joined(separator: ",")) \(entry.name)")
        }
        return Diagram(part: focus?.phrase, text: lines.joined(separator: "\n") + "\n", edgeCount: overview.links.count)
    }
}

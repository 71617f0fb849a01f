/// A Mermaid flowchart of the system, which GitHub renders natively: subgraphs environment →
/// provider/region → zone → host or cluster; services as rounded nodes, datastores as cylinders,
/// DNS zones as hexagons; edges labelled with their protocol, plaintext edges between failure
/// domains dashed and marked ⚠; entities with findings coloured by their worst severity.
///
/// Mermaid refuses diagrams over its default limits (`maxEdges` 500, `maxTextSize` 50,000
/// characters). A system over them is split into one diagram per environment, an environment
/// still over them into one per provider, and a provider into numbered parts; each diagram then
/// shows what it refers to elsewhere as a grey stub, and the output says how it was split.
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

    /// All diagrams as one text: a comment saying how the system was split, then each diagram.
    public func render(_ model: ArchitectureModel) -> String {
        let diagrams = self.diagrams(model)
        guard diagrams.count > 1 else { return diagrams.first?.text ?? "" }
        var text = "%% \(Self.comment(model.name)): \(splitNote(diagrams))\n"
        for (offset, diagram) in diagrams.enumerated() {
            text += "\n%% diagram \(offset + 1) of \(diagrams.count): \(Self.comment(diagram.part ?? "whole system"))\n"
            text += diagram.text
        }
        return text
    }

    /// Says why and how the system was split, for a comment or a heading.
    public func splitNote(_ diagrams: [Diagram]) -> String {
        "split into \(diagrams.count) diagrams (by environment, then provider) to stay under Mermaid's limits of \(maxEdges) edges and \(maxTextSize) characters per diagram"
    }

    /// The whole system as one diagram when it fits Mermaid's limits, else the split diagrams.
    public func diagrams(_ model: ArchitectureModel) -> [Diagram] {
        let drawing = Drawing(model: model)
        let whole = drawing.render(units: drawing.units, part: nil)
        if fits(whole) { return [whole] }
        var result: [Diagram] = []
        for environment in model.environments {
            let units = drawing.units.filter { $0.environment == environment.id }
            let part = "environment \(environment.id)"
            let diagram = drawing.render(units: units, part: part)
            if fits(diagram) {
                result.append(diagram)
                continue
            }
            var domainKeys: [String] = []
            for unit in units where !domainKeys.contains(unit.domain) { domainKeys.append(unit.domain) }
            for key in domainKeys {
                let domainUnits = units.filter { $0.domain == key }
                let title = environment.domains.first { $0.key == key }.map { "provider \($0.providerID)" } ?? "across failure domains"
                result += split(domainUnits, part: "\(part), \(title)", drawing: drawing)
            }
        }
        return result
    }

    private func fits(_ diagram: Diagram) -> Bool {
        diagram.edgeCount <= maxEdges && diagram.text.utf16.count <= maxTextSize
    }

    /// Halves `units` until each piece fits; a single placement over the limits is kept whole.
    private func split(_ units: [Drawing.Unit], part: String, drawing: Drawing) -> [Diagram] {
        var pieces: [[Drawing.Unit]] = [units]
        var done: [[Drawing.Unit]] = []
        while let piece = pieces.first {
            pieces.removeFirst()
            if piece.count <= 1 || fits(drawing.render(units: piece, part: part)) {
                done.append(piece)
            } else {
                let middle = piece.count / 2
                pieces.insert(contentsOf: [Array(piece[..<middle]), Array(piece[middle...])], at: 0)
            }
        }
        guard done.count > 1 else { return [drawing.render(units: units, part: part)] }
        return done.enumerated().map { offset, piece in
            drawing.render(units: piece, part: "\(part), part \(offset + 1) of \(done.count)")
        }
    }

    // MARK: Text

    /// Text for inside a quoted label: credentials redacted, markup characters as Mermaid entity
    /// codes (`#34;`), line breaks as `<br/>`.
    static func label(_ text: String) -> String {
        var output = ""
        for scalar in CredentialScanner.redact(text).unicodeScalars {
            switch scalar {
            case "\"": output += "#34;"
            case "#": output += "#35;"
            case "&": output += "#38;"
            case "<": output += "#60;"
            case ">": output += "#62;"
            case "|": output += "#124;"
            case "`": output += "#96;"
            case "\n": output += "<br/>"
            case "\r": continue
            default: output.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
            }
        }
        return output
    }

    /// Text for a `%%` comment: one line, credentials redacted.
    static func comment(_ text: String) -> String {
        String(CredentialScanner.redact(text).unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }

    /// A Mermaid id (letters, digits, underscores) for `key`, unique within one diagram.
    struct Identifiers {
        private var assigned: [String: String] = [:]
        private var used: Set<String> = []

        mutating func id(_ prefix: String, _ key: String) -> String {
            let full = prefix + ":" + key
            if let existing = assigned[full] { return existing }
            var base = prefix + "_"
            for scalar in key.unicodeScalars {
                let isAlphanumeric = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                base.unicodeScalars.append(isAlphanumeric ? scalar : "_")
            }
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            assigned[full] = candidate
            return candidate
        }
    }
}

extension MermaidRenderer {
    /// Draws any part of the model: the placements chosen, the DNS zones and edges that touch them.
    struct Drawing {
        /// The smallest piece a split keeps together: one placement.
        struct Unit {
            let environment: String
            let domain: String
            let placement: ArchitectureModel.Placement
        }

        let model: ArchitectureModel
        let units: [Unit]
        /// Environment id of every drawn entity.
        let environmentOf: [String: String]

        init(model: ArchitectureModel) {
            self.model = model
            var units: [Unit] = []
            var environmentOf: [String: String] = [:]
            for environment in model.environments {
                for domain in environment.domains {
                    units += domain.placements.map { Unit(environment: environment.id, domain: domain.key, placement: $0) }
                }
                units += environment.spread.map { Unit(environment: environment.id, domain: "spread", placement: $0) }
                for placement in environment.placements {
                    for id in placement.items + [placement.entityID].compactMap({ $0 }) { environmentOf[id] = environment.id }
                }
            }
            self.units = units
            self.environmentOf = environmentOf
        }

        func render(units: [Unit], part: String?) -> Diagram {
            var ids = Identifiers()
            var lines = ["flowchart LR"]
            var present = Set<String>()
            var subgraphSeverity: [(id: String, severity: Severity)] = []
            var nodeClasses: [String: [String]] = [:]
            let chosen = Set(units.map(\.placement.key))

            func node(_ id: String, indent: String) {
                let nodeID = ids.id(prefix(id), id)
                lines.append(indent + nodeID + shape(id))
                present.insert(id)
                if let severity = model.severity[id] { nodeClasses[severity.rawValue, default: []].append(nodeID) }
            }
            func placement(_ placement: ArchitectureModel.Placement, indent: String) {
                switch placement.kind {
                case .provider, .unplaced:
                    for item in placement.items { node(item, indent: indent) }
                    return
                default: break
                }
                guard !placement.items.isEmpty else {
                    // A host or cluster with nothing placed on it is a plain box.
                    let id = placement.entityID ?? placement.key
                    let nodeID = ids.id(prefix(id), id)
                    lines.append(indent + nodeID + "[\"" + MermaidRenderer.label(placement.title) + "\"]")
                    present.insert(id)
                    if let severity = model.severity[id] { nodeClasses[severity.rawValue, default: []].append(nodeID) }
                    return
                }
                let id = placement.entityID ?? placement.key
                let subgraphID = ids.id(prefix(id), id)
                lines.append(indent + "subgraph \(subgraphID) [\"\(MermaidRenderer.label(placement.title))\"]")
                if let entity = placement.entityID {
                    present.insert(entity)
                    if let severity = model.severity[entity] { subgraphSeverity.append((subgraphID, severity)) }
                }
                for item in placement.items { node(item, indent: indent + "  ") }
                lines.append(indent + "end")
            }

            for environment in model.environments {
                let domains = environment.domains.filter { $0.placements.contains { chosen.contains($0.key) } }
                let spread = environment.spread.filter { chosen.contains($0.key) }
                guard !domains.isEmpty || !spread.isEmpty else { continue }
                lines.append("  subgraph \(ids.id("env", environment.id)) [\"\(MermaidRenderer.label(environment.title))\"]")
                for domain in domains {
                    lines.append("    subgraph \(ids.id("dom", environment.id + ":" + domain.providerID)) [\"\(MermaidRenderer.label(domain.title))\"]")
                    for zone in domain.zones {
                        let placements = zone.placements.filter { chosen.contains($0.key) }
                        guard !placements.isEmpty else { continue }
                        if let name = zone.zone {
                            lines.append("      subgraph \(ids.id("zone", domain.key + "/" + name)) [\"\(MermaidRenderer.label("zone " + name))\"]")
                            for entry in placements { placement(entry, indent: "        ") }
                            lines.append("      end")
                        } else {
                            for entry in placements { placement(entry, indent: "      ") }
                        }
                    }
                    lines.append("    end")
                }
                for entry in spread { placement(entry, indent: "    ") }
                lines.append("  end")
            }

            // DNS zones: all of them in the whole diagram, those pointing into a part otherwise.
            let whole = part == nil
            for zone in model.dnsZones where whole || model.edges.contains(where: { $0.from == zone.id && present.contains($0.to) }) {
                node(zone.id, indent: "  ")
            }

            // Edges that touch this part; an end drawn in another diagram becomes a stub.
            var edgeLines: [String] = []
            var dashed: [Int] = []
            var stubs: [String] = []
            for edge in model.edges where present.contains(edge.from) || present.contains(edge.to) {
                for end in [edge.from, edge.to] where !present.contains(end) && !stubs.contains(end) { stubs.append(end) }
                let arrow = edge.plaintextAcrossDomains ? "-.->" : "-->"
                let label = edge.label.map { "|\"\(MermaidRenderer.label($0))\"|" } ?? ""
                if edge.plaintextAcrossDomains { dashed.append(edgeLines.count) }
                edgeLines.append("  \(ids.id(prefix(edge.from), edge.from)) \(arrow)\(label) \(ids.id(prefix(edge.to), edge.to))")
            }
            for stub in stubs {
                let nodeID = ids.id(prefix(stub), stub)
                let elsewhere = environmentOf[stub].map { "in environment \($0)" } ?? "in another diagram"
                lines.append("  " + nodeID + shape(stub, extra: elsewhere))
                nodeClasses["stub", default: []].append(nodeID)
            }
            lines += edgeLines
            if !dashed.isEmpty {
                lines.append("  linkStyle \(dashed.map(String.init).joined(separator: ",")) stroke:#c62828,stroke-width:2px,color:#c62828")
            }

            // Styles: classes for nodes, `style` for subgraphs (classes do not apply to them).
            let palette: [(name: String, style: String)] = [
                ("error", "fill:#fde2e1,stroke:#c62828,stroke-width:2px,color:#111"),
                ("warning", "fill:#fff3cd,stroke:#b7791f,stroke-width:2px,color:#111"),
                ("note", "fill:#e3f2fd,stroke:#1565c0,stroke-width:2px,color:#111"),
                ("stub", "fill:#f5f5f5,stroke:#9e9e9e,stroke-dasharray:4 3,color:#555"),
            ]
            for entry in palette {
                guard let members = nodeClasses[entry.name], !members.isEmpty else { continue }
                lines.append("  classDef \(entry.name) \(entry.style)")
                lines.append("  class \(members.joined(separator: ",")) \(entry.name)")
            }
            for (subgraph, severity) in subgraphSeverity {
                if let style = palette.first(where: { $0.name == severity.rawValue })?.style {
                    lines.append("  style \(subgraph) \(style)")
                }
            }
            let text = lines.joined(separator: "\n") + "\n"
            return Diagram(part: part, text: text, edgeCount: edgeLines.count)
        }

        private func prefix(_ id: String) -> String {
            switch model.nodeKinds[id] {
            case .service?: "svc"
            case .datastore?: "ds"
            case .dns?: "dns"
            case .host?: "host"
            case .cluster?: "cluster"
            case nil: "node"
            }
        }

        /// The node's shape and label: `("...")` for services, `[("...")]` for datastores, `{{"..."}}` for DNS.
        private func shape(_ id: String, extra: String? = nil) -> String {
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
            if let extra { lines.append("(\(extra))") }
            let label = "\"" + lines.map(MermaidRenderer.label).joined(separator: "<br/>") + "\""
            switch model.nodeKinds[id] {
            case .service?: return "(\(label))"
            case .datastore?: return "[(\(label))]"
            case .dns?: return "{{\(label)}}"
            default: return "[\(label)]"
            }
        }
    }
}

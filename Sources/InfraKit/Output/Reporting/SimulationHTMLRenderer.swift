import InfraModel
import InfraTopology

/// `infractl simulate --fail ... --format html`: one self-contained page, like the architecture
/// docs' (inline CSS allowed by hash, no script, nothing loaded): the architecture diagram with the
/// scenario laid over it — every affected part coloured by its state, datastores that lose data
/// dashed; an aggregated overview, past Mermaid's limits, colours each group by its worst member —
/// then a table per state with each part's chain, data, stopped work, alerts and what fails silently.
///
/// Every inventory text goes through `HTMLRenderer.text` (redacted, then `HTMLText`).
struct SimulationHTMLRenderer {
    let report: SimulationReport
    /// The day the page is made, which the architecture model carries (the drawing does not read it).
    let asOf: Day

    func render() -> String {
        let graph = report.graph
        let overlay = Self.overlay(report)
        // A drawing needs no findings and no date: the boxes are coloured by the overlay.
        let model = ArchitectureModel(inventory: graph.index.inventory, findings: [], asOf: asOf)
        let plan = DiagramPlan(model, overlay: overlay)
        let svg = LayeredSVGRenderer().render(model, plan: plan, overlay: overlay)
        let title = "Simulation: failing " + report.failures.map { "'\($0)'" }.joined(separator: ", ")
        var html = HTMLRenderer.head(title: title, policy: Self.contentSecurityPolicy, generator: "infractl simulate") + """
        <h1>\(HTMLRenderer.text(title))</h1>
        <p>Inventory <code>\(HTMLRenderer.text(report.file))</code>. \(HTMLRenderer.text(report.summaryLine())).</p>
        <figure class="diagram">
        <div class="canvas">
        \(svg)</div>
        <figcaption>\(HTMLRenderer.text(Self.caption(overview: plan.overview != nil)))</figcaption>
        </figure>

        """
        html += statesSection()
        for section in report.listSections { html += list(section) }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// The scenario as the diagram shows it: states, the parts failed by name, what data comes to.
    static func overlay(_ report: SimulationReport) -> DiagramOverlay {
        let graph = report.graph
        var states: [String: Health] = [:]
        for node in report.affected { states[graph.nodes[node].id] = report.outcome.health(node) }
        var data: [String: String] = [:]
        for datastore in report.data.datastores {
            if datastore.noSurvivingCopy {
                data[datastore.id] = "data lost"
            } else if datastore.liveCopyLost {
                data[datastore.id] = datastore.surviving.first?.gap.map { "restore: up to \(ReportDuration.text($0)) lost" } ?? "restore from backup"
            } else {
                data[datastore.id] = "backup copies lost"
            }
        }
        return DiagramOverlay(states: states, failed: Set(report.outcome.failed.map { graph.nodes[$0].id }), data: data)
    }

    static func caption(overview: Bool) -> String {
        "Coloured by state: down red, read-only purple, impaired orange, degraded yellow; dashed: a datastore whose data is lost or restored from a backup. "
            + (overview ? "Too large to draw part by part: each group is coloured by its worst member and counts those affected; infractl docs --focus draws one part in full."
                        : "Drawn by infractl's built-in layered layout.")
    }

    /// One table per state, worst first: the part, whether production, why, and its chain.
    private func statesSection() -> String {
        var html = ""
        let graph = report.graph
        for health in Health.allCases.reversed() where health != .up {
            let (title, nodes) = report.affected(in: health)
            guard !nodes.isEmpty else { continue }
            html += "<h2>\(HTMLRenderer.text(title)) (\(nodes.count))</h2>\n"
            html += "<div class=\"table\"><table>\n<thead><tr><th>Part</th><th>Production</th><th>Why</th><th>Because of</th></tr></thead>\n<tbody>\n"
            for node in nodes {
                let chain = report.chainIDs(node)
                var links = chain.links.map { "<code>\(HTMLRenderer.text($0))</code>" }
                if let cut = chain.cut { links += ["(\(cut.omitted) more)", "<code>\(HTMLRenderer.text(cut.root))</code>"] }
                html += "<tr><th scope=\"row\">\(HTMLRenderer.text(graph.nodes[node].kind.noun)) <code>\(HTMLRenderer.text(graph.nodes[node].id))</code></th>"
                    + "<td>\(graph.isProduction(node) ? "yes" : "no")</td>"
                    + "<td>\(HTMLRenderer.text(report.outcome.states[node]?.cause.reason ?? ""))</td>"
                    + "<td>\(links.joined(separator: " ← "))</td></tr>\n"
            }
            html += "</tbody>\n</table></div>\n"
        }
        return html
    }

    /// A section of list items, each our own words around quoted inventory text, escaped whole.
    private func list(_ section: SimulationReport.ListSection) -> String {
        var html = "<h2>\(HTMLRenderer.text(section.title))</h2>\n"
        if let note = section.note { html += "<p>\(HTMLRenderer.text(note))</p>\n" }
        if section.items.isEmpty { return html + "<p>\(HTMLRenderer.text(section.empty))</p>\n" }
        return html + "<ul>\n" + section.items.map { "<li>\(HTMLRenderer.text($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
    }

    /// Nothing loads or runs but the page's, the diagram's and the overlay's style blocks.
    static let contentSecurityPolicy = "default-src 'none'; style-src "
        + [HTMLRenderer.style, LayeredSVGRenderer.style, DiagramOverlay.style].map(HTMLRenderer.hashSource).joined(separator: " ")
        + "; img-src data:; base-uri 'none'; form-action 'none'"
}

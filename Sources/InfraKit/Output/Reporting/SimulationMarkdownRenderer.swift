import InfraTopology

/// `infractl simulate --fail ... --format markdown`: the scenario as GitHub-flavoured Markdown, for
/// a change request or a game-day write-up. The same content as the text: every affected part by
/// state with its chain back to the failure, data, stopped work, who is told, what fails silently.
///
/// Every inventory text (ids, reasons, purposes, the file name) goes through `MarkdownText`.
struct SimulationMarkdownRenderer {
    let report: SimulationReport

    func render() -> String {
        var lines: [String] = []
        lines.append("# Simulation: failing " + report.failures.map { MarkdownText.code($0) }.joined(separator: ", "))
        lines.append("")
        lines.append("Inventory " + MarkdownText.code(report.file) + ". " + MarkdownText.text(report.summaryLine()) + ".")
        lines += statesSection()
        for section in report.listSections { lines += list(section) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One table per state, worst first: the part, whether production, why, and its chain.
    private func statesSection() -> [String] {
        var lines: [String] = []
        let graph = report.graph
        for health in Health.allCases.reversed() where health != .up {
            let (title, nodes) = report.affected(in: health)
            guard !nodes.isEmpty else { continue }
            lines += ["", "## " + MarkdownText.text(title) + " (\(nodes.count))", ""]
            lines.append("| Part | Production | Why | Because of |")
            lines.append("|---|---|---|---|")
            for node in nodes {
                let name = graph.nodes[node].kind.noun + " " + MarkdownText.code(graph.nodes[node].id, inTable: true)
                let reason = MarkdownText.text(report.outcome.states[node]?.cause.reason ?? "", inTable: true)
                let chain = report.chainIDs(node)
                var links = chain.links.map { MarkdownText.code($0, inTable: true) }
                if let cut = chain.cut { links += ["(\(cut.omitted) more)", MarkdownText.code(cut.root, inTable: true)] }
                lines.append("| \(name) | \(graph.isProduction(node) ? "yes" : "no") | \(reason) | \(links.joined(separator: " ← ")) |")
            }
        }
        return lines
    }

    /// A section of list items, each our own words around quoted inventory text, escaped whole.
    private func list(_ section: SimulationReport.ListSection) -> [String] {
        var lines = ["", "## " + section.title, ""]
        if let note = section.note { lines += [note, ""] }
        if section.items.isEmpty { return lines + [section.empty] }
        return lines + section.items.map { "- " + MarkdownText.text($0) }
    }
}

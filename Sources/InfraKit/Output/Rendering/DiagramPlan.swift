/// What the docs' diagram shows, decided once for every format: the placements in scope (all, or
/// those a `--focus` selects) entity by entity when that drawing fits Mermaid's default limits,
/// else the aggregated overview of them at the finest grain that fits.
///
/// The same decision holds for DOT and the HTML page: a drawing within Mermaid's limits is one
/// Graphviz lays out in about a second and a browser shows without effort.
public struct DiagramPlan: Sendable {
    public enum Content: Sendable {
        /// The whole system, or the focused part, in full.
        case full
        /// Too large to draw entity by entity: groups with counts.
        case overview(ArchitectureOverview)
    }

    public let focus: FocusedPart?
    public let content: Content
    public let maxEdges: Int
    public let maxTextSize: Int

    public var overview: ArchitectureOverview? {
        if case .overview(let overview) = content { return overview }
        return nil
    }

    /// `overlay`: a simulated failure the overview's groups gather (for `simulate --format html`).
    public init(_ model: ArchitectureModel, focus: FocusedPart? = nil,
                maxEdges: Int = MermaidRenderer.defaultMaxEdges, maxTextSize: Int = MermaidRenderer.defaultMaxTextSize,
                overlay: DiagramOverlay? = nil) {
        self.focus = focus
        self.maxEdges = maxEdges
        self.maxTextSize = maxTextSize
        let keys = focus?.placementKeys
        if Self.fitsInFull(model, focus, maxEdges: maxEdges, maxTextSize: maxTextSize) {
            content = .full
            return
        }
        let mermaid = MermaidRenderer(maxEdges: maxEdges, maxTextSize: maxTextSize)
        var chosen = ArchitectureOverview(model, placementKeys: keys, grain: .zone, overlay: overlay)
        for grain in ArchitectureOverview.Grain.allCases.dropFirst() {
            let diagram = mermaid.overviewDiagram(chosen, model, focus: focus?.focus)
            if diagram.edgeCount <= maxEdges && diagram.text.utf16.count <= maxTextSize { break }
            chosen = ArchitectureOverview(model, placementKeys: keys, grain: grain, overlay: overlay)
        }
        content = .overview(chosen)
    }

    /// The shortest line a drawn node takes in Mermaid: what rules a large part out without drawing it.
    static let shortestNodeLine = 12

    /// Whether the whole system (or the focused part) drawn in full stays within the limits:
    /// counted first, drawn only when the counts allow it.
    static func fitsInFull(_ model: ArchitectureModel, _ focus: FocusedPart?, maxEdges: Int, maxTextSize: Int) -> Bool {
        var nodes = model.dnsZones.count
        for environment in model.environments {
            for placement in environment.placements where focus?.placementKeys.contains(placement.key) ?? true {
                nodes += placement.items.count + 1
            }
        }
        let edges = focus.map { focus in model.edges.reduce(0) { $0 + (focus.draws($1) ? 1 : 0) } } ?? model.edges.count
        guard edges <= maxEdges, nodes * shortestNodeLine <= maxTextSize else { return false }
        let drawing = MermaidRenderer.Drawing(model: model, focus: focus)
        return drawing.renderIfFits(units: drawing.units[...], part: focus?.focus.phrase,
                                    maxEdges: maxEdges, maxTextSize: maxTextSize) != nil
    }
}

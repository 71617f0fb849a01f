/// The formats of `infractl docs`; the switch is the registry, so a format without a renderer does not compile.
public enum DocsFormat: String, CaseIterable, Sendable {
    case markdown
    case mermaid
    case dot
    case html

    /// The docs of `model` in this format. `plan` says what the diagram shows and the tables list
    /// (default: the whole system, or its aggregated overview past Mermaid's limits). `graphvizSVG`
    /// (HTML only) is `dot -Tsvg`'s drawing of the DOT output for the same plan; without it the page
    /// carries the built-in layered drawing.
    public func render(_ model: ArchitectureModel, plan: DiagramPlan? = nil, graphvizSVG: String? = nil) -> String {
        let plan = plan ?? DiagramPlan(model)
        return switch self {
        case .markdown: MarkdownRenderer().render(model, plan: plan)
        case .mermaid: MermaidRenderer().render(model, plan: plan)
        case .dot: DOTRenderer().render(model, plan: plan)
        case .html: HTMLRenderer().render(model, plan: plan, graphvizSVG: graphvizSVG)
        }
    }
}

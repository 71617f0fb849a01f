/// The formats of `infractl docs`; the switch is the registry, so a format without a renderer does not compile.
public enum DocsFormat: String, CaseIterable, Sendable {
    case markdown
    case mermaid
    case dot
    case html

    /// The docs of `model` in this format. `graphvizSVG` (HTML only) is `dot -Tsvg`'s drawing of
    /// the DOT output; without it the page carries the built-in layered drawing.
    public func render(_ model: ArchitectureModel, graphvizSVG: String? = nil) -> String {
        switch self {
        case .markdown: MarkdownRenderer().render(model)
        case .mermaid: MermaidRenderer().render(model)
        case .dot: DOTRenderer().render(model)
        case .html: HTMLRenderer().render(model, graphvizSVG: graphvizSVG)
        }
    }
}

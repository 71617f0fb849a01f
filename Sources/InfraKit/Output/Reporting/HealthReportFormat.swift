/// The output formats of `infractl report`; the switch is the registry, so a format without a
/// renderer does not compile.
public enum HealthReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case markdown

    public func render(_ report: HealthReport, colored: Bool = false) -> String {
        switch self {
        case .text: HealthTextRenderer(colored: colored).render(report)
        case .json: HealthJSONRenderer().render(report)
        case .markdown: HealthMarkdownRenderer().render(report)
        }
    }
}

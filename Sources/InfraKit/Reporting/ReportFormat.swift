/// The output formats of `validate`; the switch is the registry, so a format without a reporter does not compile.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case junit
    case github

    public func render(_ report: ValidationReport) -> String {
        switch self {
        case .text: TextReporter().render(report)
        case .json: JSONReporter().render(report)
        case .sarif: SARIFReporter().render(report)
        case .junit: JUnitReporter().render(report)
        case .github: GitHubReporter().render(report)
        }
    }
}

/// The version of infractl, shown by `--version` and written into machine-readable reports.
public enum InfraKitVersion {
    public static let current = "0.1.0"
}

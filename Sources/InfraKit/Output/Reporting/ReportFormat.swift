import InfraRules

/// The output formats of `validate`; the switch is the registry, so a format without a reporter does not compile.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case junit
    case github
    case gitlab

    public func render(_ report: ValidationReport, options: ReportOptions = ReportOptions()) -> String {
        switch self {
        case .text: TextReporter().render(report)
        case .json: JSONReporter().render(report)
        case .sarif: SARIFReporter(options: options).render(report)
        case .junit: JUnitReporter(options: options).render(report)
        case .github: GitHubReporter().render(report)
        case .gitlab: GitLabReporter().render(report)
        }
    }
}

/// The version of infractl, shown by `--version` and written into machine-readable reports.
public enum InfraKitVersion {
    public static let current = "0.1.0"
}

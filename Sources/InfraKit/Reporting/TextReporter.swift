/// One finding per line, `path:line:col: severity: message [rule-id]`, then what each file holds
/// and a summary line. Files that could not be read are reported on standard error by the CLI.
public struct TextReporter: Sendable {
    /// Whether to colour severities with ANSI escapes (a terminal, and `NO_COLOR` unset).
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ report: ValidationReport) -> String {
        var output = ""
        for finding in report.findings {
            output += "\(paint(finding.location.description, .bold)): \(paint(finding.severity.rawValue, color(finding.severity))): "
            output += "\(finding.message) \(paint("[\(finding.ruleID)]", .dim))\n"
        }
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            output += "\(paint(finding.location.description, .bold)): \(paint("suppressed", .dim)): \(finding.message) "
            output += "\(paint("[\(finding.ruleID)]", .dim)) (waived: \(suppressed.reason))\n"
        }
        let findingsByFile = Dictionary(grouping: report.findings, by: \.location.file).mapValues(\.count)
        for file in report.files {
            guard let inventory = file.inventory else { continue }
            let count = findingsByFile[file.path] ?? 0
            let omitted = file.omittedFindings > 0 ? " (\(file.omittedFindings) more not reported: --max-findings)" : ""
            output += "\(file.path): \(inventory.countsSummary); \(Self.plural(count, "finding"))\(omitted)\n"
        }
        output += summary(report) + "\n"
        return output
    }

    func summary(_ report: ValidationReport) -> String {
        let loaded = report.files.filter { $0.inventory != nil }.count
        var line = "\(Self.plural(loaded, "file")) checked, \(Self.plural(report.entityCount, "entity", "entities")): "
        line += "\(Self.plural(report.count(.error), "error")), \(Self.plural(report.count(.warning), "warning")), \(Self.plural(report.count(.note), "note"))"
        let failed = report.files.count - loaded
        if !report.suppressed.isEmpty { line += "; \(report.suppressed.count) suppressed by waivers" }
        if let baseline = report.baseline {
            line += "; baseline hid \(Self.plural(baseline.hidden, "known finding")), \(Self.plural(baseline.fixed, "baseline entry", "baseline entries")) fixed"
        }
        if failed > 0 { line += "; \(Self.plural(failed, "file")) could not be read" }
        return line
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "1;31", yellow = "1;33", cyan = "36"
    }

    private func color(_ severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colored ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}

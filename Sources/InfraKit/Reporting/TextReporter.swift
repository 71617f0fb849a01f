/// One finding per line, `path:line:col: severity: message [rule-id]`, then what each file holds
/// and a summary line. Files that could not be read are reported on standard error by the CLI.
public struct TextReporter: Sendable {
    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var output = ""
        for finding in report.findings {
            output += "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]\n"
        }
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            output += "\(finding.location): suppressed: \(finding.message) [\(finding.ruleID)] (waived: \(suppressed.reason))\n"
        }
        let findingsByFile = Dictionary(grouping: report.findings, by: \.location.file).mapValues(\.count)
        for file in report.files {
            guard let inventory = file.inventory else { continue }
            let count = findingsByFile[file.path] ?? 0
            output += "\(file.path): \(inventory.countsSummary); \(Self.plural(count, "finding"))\n"
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
        if failed > 0 { line += "; \(Self.plural(failed, "file")) could not be read" }
        return line
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}

import InfraJSON
import InfraModel
import InfraRules

/// One finding per line, `path:line:col: severity: message [rule-id]`, then what each file holds
/// and a summary line. Files that could not be read are reported on standard error by the CLI.
public struct TextReporter: Sendable {
    /// Whether to colour severities with ANSI escapes (a terminal, and `NO_COLOR` unset).
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ report: ValidationReport) -> String {
        // Bytes, not `String` appends (`UTF8Text`): about 120 bytes a finding line.
        var output = UTF8Text(reservingCapacity: 128 * (report.findings.count + report.suppressed.count) + 1024)
        // Inventory text (messages quote it, waiver reasons are it) and file names go through
        // `TerminalText`; findings come in runs from one file, so its path is escaped once a run.
        var paths = ShownPaths()
        appendFindings(report.findings, &paths, to: &output)
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            appendPlace(finding.location, paths.shown(finding.location.file), to: &output)
            output.append(": ")
            appendPainted("suppressed", .dim, to: &output)
            output.append(": ")
            TerminalText.append(finding.message, to: &output)
            output.append(" ")
            appendRuleID(finding.ruleID, to: &output)
            output.append(" (waived: ")
            TerminalText.append(suppressed.reason, to: &output)
            output.append(")\n")
        }
        let findingsByFile = Self.countsByFile(report.findings)
        for file in report.files {
            guard let inventory = file.inventory else { continue }
            let count = findingsByFile[file.path] ?? 0
            let omitted = file.omittedFindings > 0 ? " (\(file.omittedFindings) more not reported: --max-findings)" : ""
            output.append("\(paths.shown(file.path)): \(inventory.countsSummary); \(Self.plural(count, "finding"))\(omitted)\n")
        }
        output.append(summary(report) + "\n")
        return output.text
    }

    /// The lines of `findings` alone, one a finding: `--quiet`, what `--format github` does not
    /// annotate, and the configuration's findings on standard error.
    package func findingLines(_ findings: [Finding]) -> String {
        var output = UTF8Text(reservingCapacity: 128 * findings.count + 16)
        var paths = ShownPaths()
        appendFindings(findings, &paths, to: &output)
        return output.text
    }

    private func appendFindings(_ findings: [Finding], _ paths: inout ShownPaths, to output: inout UTF8Text) {
        for finding in findings {
            appendPlace(finding.location, paths.shown(finding.location.file), to: &output)
            output.append(": ")
            appendPainted(finding.severity.rawValue, color(finding.severity), to: &output)
            output.append(": ")
            TerminalText.append(finding.message, to: &output)
            output.append(" ")
            appendRuleID(finding.ruleID, to: &output)
            output.append("\n")
        }
    }

    /// How many of `findings` each file holds. Findings in report order come in runs from one file,
    /// so the count is looked up once a run, not once a finding.
    static func countsByFile(_ findings: [Finding]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var start = findings.startIndex
        while start < findings.endIndex {
            let file = findings[start].location.file
            var end = start + 1
            while end < findings.endIndex, findings[end].location.file == file { end += 1 }
            counts[file, default: 0] += end - start
            start = end
        }
        return counts
    }

    /// File paths as shown (`TerminalText.path`), the last one remembered.
    private struct ShownPaths {
        var last: (path: String, shown: String)?

        mutating func shown(_ path: String) -> String {
            if let last, last.path == path { return last.shown }
            // Judged with the colon that follows it: a path `:` would start the line with `::`.
            let shown = String(TerminalText.path(path + ":").dropLast())
            last = (path, shown)
            return shown
        }
    }

    /// `path:line:column`, bold when coloured: `Location.description` without building the string.
    private func appendPlace(_ location: Location, _ shownPath: String, to output: inout UTF8Text) {
        if colored { output.append(Self.escape(.bold)) }
        output.append(shownPath)
        output.append(ascii: UInt8(ascii: ":"))
        output.append(location.line)
        output.append(ascii: UInt8(ascii: ":"))
        output.append(location.column)
        if colored { output.append(Self.reset) }
    }

    /// `[rule-id]`, dim when coloured.
    private func appendRuleID(_ ruleID: String, to output: inout UTF8Text) {
        if colored { output.append(Self.escape(.dim)) }
        output.append(ascii: UInt8(ascii: "["))
        output.append(ruleID)
        output.append(ascii: UInt8(ascii: "]"))
        if colored { output.append(Self.reset) }
    }

    private func appendPainted(_ text: String, _ style: Style, to output: inout UTF8Text) {
        if colored { output.append(Self.escape(style)) }
        output.append(text)
        if colored { output.append(Self.reset) }
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

    private static func escape(_ style: Style) -> String {
        "\u{1B}[\(style.rawValue)m"
    }

    private static let reset = "\u{1B}[0m"

    package static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}

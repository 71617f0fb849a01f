import InfraModel
import InfraRules

/// The Markdown a `github` run appends to `$GITHUB_STEP_SUMMARY`: counts by severity and by rule,
/// a table of the findings, and what the baseline and waivers did. Inventory text (paths, entity
/// ids, messages) reaches it only through `MarkdownText`, inside table cells; every line starts
/// with text of ours (`#`, `|`, `-`, a sentence).
///
/// Bounded: GitHub refuses a step summary over 1 MiB, so at most `maxRows` findings are listed (the
/// most severe first), each cell is cut at `maxCellLength` characters before escaping, and rows stop
/// once the table reaches `maxTableBytes`.
public struct GitHubStepSummary: Sendable {
    public static let maxRows = 500
    public static let maxCellLength = 300
    public static let maxTableBytes = 640 * 1024

    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var output = "## infractl: \(Self.headline(report))\n\n"
        output += severityTable(report)
        output += ruleTable(report)
        output += findingsTable(report)
        output += figures(report)
        return output
    }

    static func headline(_ report: ValidationReport) -> String {
        "\(TextReporter.plural(report.findings.count, "finding")) (\(TextReporter.plural(report.count(.error), "error")), "
            + "\(TextReporter.plural(report.count(.warning), "warning")), \(TextReporter.plural(report.count(.note), "note")))"
    }

    private func severityTable(_ report: ValidationReport) -> String {
        var output = "| severity | findings |\n|---|---:|\n"
        for severity in [Severity.error, .warning, .note] {
            output += "| \(severity.rawValue) | \(report.count(severity)) |\n"
        }
        return output + "\n"
    }

    private func ruleTable(_ report: ValidationReport) -> String {
        guard !report.findings.isEmpty else { return "" }
        var counts: [String: [Severity: Int]] = [:]
        for finding in report.findings { counts[finding.ruleID, default: [:]][finding.severity, default: 0] += 1 }
        var output = "### By rule\n\n| rule | errors | warnings | notes |\n|---|---:|---:|---:|\n"
        for rule in counts.keys.sorted() {
            let row = counts[rule] ?? [:]
            // Rule ids are ours, but a configuration can name a rule; escape them like any text.
            output += "| \(MarkdownText.code(rule, inTable: true)) | \(row[.error] ?? 0) | \(row[.warning] ?? 0) | \(row[.note] ?? 0) |\n"
        }
        return output + "\n"
    }

    private func findingsTable(_ report: ValidationReport) -> String {
        guard !report.findings.isEmpty else { return "" }
        // The most severe first, in report order within a severity, so a cut list keeps the errors.
        let shown = report.findings.sortedInReportOrder(mostSevereFirst: true, keeping: Self.maxRows)
        var output = "### Findings\n\n| severity | rule | location | entity | message |\n|---|---|---|---|---|\n"
        var listed = 0
        for finding in shown {
            let row = "| \(finding.severity.rawValue) | \(MarkdownText.code(Self.cut(finding.ruleID), inTable: true)) "
                + "| \(MarkdownText.code(Self.cut("\(finding.location)"), inTable: true)) "
                + "| \(finding.entityID.map { MarkdownText.code(Self.cut($0), inTable: true) } ?? "") "
                + "| \(MarkdownText.text(Self.cut(finding.message), inTable: true)) |\n"
            guard output.utf8.count + row.utf8.count <= Self.maxTableBytes else { break }
            output += row
            listed += 1
        }
        if listed < report.findings.count {
            output += "\n\(report.findings.count - listed) more findings are not listed here (at most \(Self.maxRows), the most severe first); the step's log has them all.\n"
        }
        return output + "\n"
    }

    /// `text` cut to `maxCellLength` characters, with an ellipsis when cut.
    private static func cut(_ text: String) -> String {
        text.count > maxCellLength ? String(text.prefix(maxCellLength)) + "…" : text
    }

    private func figures(_ report: ValidationReport) -> String {
        var output = "### Baseline and waivers\n\n"
        if let baseline = report.baseline {
            output += "- Baseline: \(TextReporter.plural(baseline.hidden, "known finding")) hidden, "
                + "\(TextReporter.plural(baseline.fixed, "entry", "entries")) fixed.\n"
        } else {
            output += "- Baseline: none.\n"
        }
        output += "- Waivers: \(TextReporter.plural(report.suppressed.count, "finding")) suppressed.\n"
        let unreadable = UnreadableInput.all(in: report).count
        let loaded = report.files.count - unreadable
        output += "- Files: \(loaded) checked" + (unreadable > 0 ? ", \(unreadable) could not be read" : "") + ".\n"
        return output
    }
}

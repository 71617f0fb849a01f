import InfraModel
import InfraRules

/// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=RULE::MESSAGE`
/// line per finding, which GitHub shows as an annotation on that line of the pull request, then the
/// plain summary line of the text report. Waived findings are not annotated (the summary counts them).
/// A file that could not be read is annotated as an error on the file, at the place reading stopped.
///
/// GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step (and 50 of a job)
/// and drops the rest without a word. So only the most severe findings, up to those limits, are
/// annotated, in report order within a severity; the others are listed as plain text lines (as
/// `--format text` writes them), and one notice says how many were not annotated and where they are.
/// Notes get 9 notices, so that this one is never the eleventh.
public struct GitHubReporter: Sendable {
    /// Annotations of each kind GitHub shows for one step.
    public static let annotationsPerStep = 10

    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var output = ""
        var annotated: [String: Int] = [:]
        func admits(_ command: String) -> Bool {
            let limit = command == "notice" ? Self.annotationsPerStep - 1 : Self.annotationsPerStep
            guard annotated[command, default: 0] < limit else { return false }
            annotated[command, default: 0] += 1
            return true
        }
        let failures = UnreadableInput.all(in: report)
        for failure in failures where admits("error") {
            var properties = [("file", failure.path)]
            if let location = failure.location {
                properties += [("line", String(location.line)), ("col", String(location.column))]
            }
            properties.append(("title", failure.kind))
            output += Self.command("error", properties, failure.reason)
        }
        var rest: [Finding] = []
        for finding in report.findings {
            let name = Self.command(for: finding.severity)
            guard admits(name) else {
                rest.append(finding)
                continue
            }
            output += Self.command(name, [
                ("file", finding.location.file),
                ("line", String(finding.location.line)),
                ("col", String(finding.location.column)),
                ("title", finding.ruleID),
            ], finding.message)
        }
        let unannotatedFailures = max(0, failures.count - Self.annotationsPerStep)
        if !rest.isEmpty || unannotatedFailures > 0 {
            output += TextReporter().findingLines(rest)
            output += Self.command("notice", [("title", "infractl")], Self.remainderNotice(rest, unreadable: unannotatedFailures))
        }
        output += TextReporter().summary(report) + "\n"
        return output
    }

    /// The notice for what was not annotated: how many of each severity, and where to read them.
    static func remainderNotice(_ rest: [Finding], unreadable: Int) -> String {
        var counts: [String] = []
        for severity in [Severity.error, .warning, .note] {
            let count = rest.count { $0.severity == severity }
            if count > 0 { counts.append(TextReporter.plural(count, severity.rawValue)) }
        }
        if unreadable > 0 { counts.append(TextReporter.plural(unreadable, "unreadable file")) }
        return "\(TextReporter.plural(rest.count + unreadable, "more finding")) not annotated (\(counts.joined(separator: ", "))): "
            + "GitHub shows at most \(annotationsPerStep) error, \(annotationsPerStep) warning and \(annotationsPerStep) notice annotations per step. "
            + "Every finding is listed in this step's log and in the job summary; --format sarif uploads them all to code scanning"
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// One workflow command line: `::name key=value,...::message`.
    static func command(_ name: String, _ properties: [(String, String)], _ message: String) -> String {
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(list)::\(escapeData(message))\n"
    }

    /// The message part, as `@actions/core` escapes it: `%`, CR and LF; before that, every other
    /// character that would act on the log viewer is made visible (`TerminalText`), so the command
    /// stays one line and the log shows no escape sequence from the inventory.
    static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in TerminalText.escape(text).unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A property value: as a message, and also `:` and `,`, which would end the value.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

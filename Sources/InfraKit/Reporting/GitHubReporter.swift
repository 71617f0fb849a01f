/// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,title=RULE::MESSAGE`
/// line per finding, which GitHub shows as an annotation on that line of the pull request, then the
/// plain summary line of the text report. Waived findings are not annotated (the summary counts them).
/// A file that could not be read is annotated as an error on the file, at the place reading stopped.
public struct GitHubReporter: Sendable {
    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var output = ""
        for failure in UnreadableInput.all(in: report) {
            var properties = [("file", failure.path)]
            if let location = failure.location {
                properties += [("line", String(location.line)), ("col", String(location.column))]
            }
            properties.append(("title", failure.kind))
            output += Self.command("error", properties, failure.reason)
        }
        for finding in report.findings {
            output += Self.command(Self.command(for: finding.severity), [
                ("file", finding.location.file),
                ("line", String(finding.location.line)),
                ("col", String(finding.location.column)),
                ("title", finding.ruleID),
            ], finding.message)
        }
        output += TextReporter().summary(report) + "\n"
        return output
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

import InfraJSON
import InfraModel
import InfraRules

/// GitLab Code Quality JSON, which the merge request widget and the pipeline's Code Quality tab
/// read (`artifacts: reports: codequality`): an array with one issue per active finding, each with
/// `description`, `check_name` (the rule), `fingerprint` (the same as SARIF's, so both name one
/// finding alike), `severity` and `location.path` / `location.lines.begin`.
///
/// Severities: an error is `critical` (`blocker` for a security rule scored 9.0 or more), a warning
/// `major`, a note `minor`. Waived findings are left out: GitLab has no way to show them as silenced.
/// A file that could not be read is a `blocker` issue on that file.
public struct GitLabReporter: Sendable {
    public init() {}

    public func render(_ report: ValidationReport) -> String {
        var issues: [JSONOutput] = UnreadableInput.all(in: report).map(Self.issue)
        issues += report.findings.map(Self.issue)
        return JSONOutput.array(issues).rendered() + "\n"
    }

    static func issue(_ finding: Finding) -> JSONOutput {
        .object([
            ("description", .string(finding.message)),
            ("check_name", .string(finding.ruleID)),
            ("fingerprint", .string(finding.fingerprint)),
            ("severity", .string(severity(finding))),
            ("location", .object([
                ("path", .string(finding.location.file)),
                ("lines", .object([("begin", .int(finding.location.line))])),
            ])),
        ])
    }

    static func issue(_ failure: UnreadableInput) -> JSONOutput {
        .object([
            ("description", .string(failure.reason)),
            ("check_name", .string(failure.kind)),
            ("fingerprint", .string(Fingerprint.hex(Fingerprint.fnv1a("\(failure.kind)\u{1F}\(failure.path)")))),
            ("severity", .string("blocker")),
            ("location", .object([
                ("path", .string(failure.path)),
                ("lines", .object([("begin", .int(failure.location?.line ?? 1))])),
            ])),
        ])
    }

    static func severity(_ finding: Finding) -> String {
        switch finding.severity {
        case .error: (securitySeverities[finding.ruleID] ?? 0) >= 9.0 ? "blocker" : "critical"
        case .warning: "major"
        case .note: "minor"
        }
    }

    /// The `securitySeverity` of each rule that has one.
    private static let securitySeverities: [String: Double] = {
        var scores: [String: Double] = [:]
        for rule in RuleCatalog.all {
            let description = rule.description
            if let score = description.securitySeverity { scores[description.identifier] = score }
        }
        return scores
    }()
}

import InfraJSON
import InfraModel
import InfraRules

/// JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): one
/// `<testsuite>` per file, one `<testcase>` per finding (classname = rule; name = entity, field and
/// fingerprint, so unique and stable when lines move), unreadable files as errors. A finding at or
/// above `--fail-on` is a `<failure>`; one below it passes and is listed in the suite's
/// `<system-out>`, so warnings do not fail a pipeline that does not fail on them. Waived findings
/// are skipped cases. A file with nothing to report still gets a passing `loaded` case, so a
/// consumer sees every file that was checked.
///
/// Two flavours. `ant` (the default) is valid against the Apache Ant JUnit schema: every required
/// attribute and element, and nothing else, so a `<testcase>` carries no `file`. `gitlab` adds
/// `file` and `line` to each test case, which GitLab and Jenkins (Surefire) read to link a case to
/// its file, but which the Ant schema forbids.
///
/// Times are `0`, the timestamp is the `--as-of` day at midnight and the hostname `localhost`: the
/// report is the same on every run.
public struct JUnitReporter: Sendable {
    /// The dialect: strict Ant schema, or with the `file`/`line` attributes GitLab reads.
    public enum Flavor: String, CaseIterable, Sendable {
        case ant, gitlab
    }

    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func render(_ report: ValidationReport) -> String {
        let suites = Self.suites(report, failingAt: options.failingSeverity)
        let timestamp = "\(options.asOf?.description ?? "1970-01-01")T00:00:00"
        let failOn = options.failingSeverity?.rawValue ?? "never"
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (id, suite) in suites.enumerated() {
            output += "  <testsuite package=\"infractl\" id=\"\(id)\" name=\"\(XMLText.attribute(suite.path))\" timestamp=\"\(timestamp)\""
            output += " hostname=\"localhost\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\""
            output += " skipped=\"\(suite.skipped)\" time=\"0\">\n"
            output += "    <properties>\n      <property name=\"fail-on\" value=\"\(failOn)\"/>\n    </properties>\n"
            for testCase in suite.cases { output += testCase.xml(options.junitFlavor) }
            if suite.passedFindings.isEmpty {
                output += "    <system-out/>\n"
            } else {
                output += "    <system-out>" + suite.passedFindings.map(XMLText.content).joined(separator: "\n") + "</system-out>\n"
            }
            output += "    <system-err/>\n  </testsuite>\n"
        }
        output += "</testsuites>\n"
        return output
    }

    struct Suite {
        let path: String
        var cases: [TestCase] = []
        /// Findings below `--fail-on`, one line each (`location: severity: message [rule]`).
        var passedFindings: [String] = []

        var failures: Int { cases.filter { if case .failure = $0.outcome { true } else { false } }.count }
        var errors: Int { cases.filter { if case .error = $0.outcome { true } else { false } }.count }
        var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    }

    struct TestCase {
        enum Outcome {
            case passed
            case failure(message: String, type: String, text: String)
            case skipped(message: String)
            case error(message: String, type: String, text: String)
        }

        let classname: String
        let name: String
        let outcome: Outcome
        /// Where the case points, for the `gitlab` flavour.
        var location: Location?

        func xml(_ flavor: Flavor) -> String {
            var open = "    <testcase classname=\"\(XMLText.attribute(classname))\" name=\"\(XMLText.attribute(name))\" time=\"0\""
            if flavor == .gitlab, let location {
                open += " file=\"\(XMLText.attribute(location.file))\" line=\"\(location.line)\""
            }
            switch outcome {
            case .passed:
                return open + "/>\n"
            case .failure(let message, let type, let text):
                return open + ">\n      <failure message=\"\(XMLText.attribute(message))\" type=\"\(XMLText.attribute(type))\">"
                    + XMLText.content(text) + "</failure>\n    </testcase>\n"
            case .skipped(let message):
                return open + ">\n      <skipped message=\"\(XMLText.attribute(message))\"/>\n    </testcase>\n"
            case .error(let message, let type, let text):
                return open + ">\n      <error message=\"\(XMLText.attribute(message))\" type=\"\(XMLText.attribute(type))\">"
                    + XMLText.content(text) + "</error>\n    </testcase>\n"
            }
        }
    }

    /// One suite per path, sorted: every input file, and any other file a finding points into
    /// (the configuration file).
    static func suites(_ report: ValidationReport, failingAt threshold: Severity? = .error) -> [Suite] {
        var suites: [String: Suite] = [:]
        for file in report.files { suites[file.path] = Suite(path: file.path) }
        for failure in UnreadableInput.all(in: report) {
            suites[failure.path]?.cases.append(TestCase(
                classname: "infractl", name: failure.path,
                outcome: .error(message: failure.reason, type: failure.kind, text: failure.message)))
        }
        for reported in ReportedFinding.all(in: report) {
            let finding = reported.finding
            let outcome: TestCase.Outcome
            let path = finding.location.file
            if let waiver = reported.waiver {
                outcome = .skipped(message: "waived: \(waiver.reason)")
            } else if let threshold, finding.severity >= threshold {
                outcome = .failure(message: finding.message, type: finding.severity.rawValue,
                                   text: "\(finding.location): \(finding.message)")
            } else {
                outcome = .passed
                // Each is a line of its own in `<system-out>`, starting with the file's name: shown as
                // every line that starts with input is, so a name cannot open a CI command.
                suites[path, default: Suite(path: path)].passedFindings.append(UntrustedText.line(
                    "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"))
            }
            suites[path, default: Suite(path: path)].cases.append(
                TestCase(classname: finding.ruleID, name: caseName(finding), outcome: outcome, location: finding.location))
        }
        return suites.values.sorted { $0.path < $1.path }.map { suite in
            guard suite.cases.isEmpty else { return suite }
            var loaded = suite
            loaded.cases = [TestCase(classname: "infractl", name: "loaded", outcome: .passed)]
            return loaded
        }
    }

    /// A test case's name: the entity (or the file) and the field, then the fingerprint, which
    /// makes it unique in the report and keeps it when lines move.
    static func caseName(_ finding: Finding) -> String {
        let subject = finding.entityID ?? finding.location.file
        return subject + (finding.fieldPath.map { " \($0)" } ?? "") + " [\(finding.fingerprint)]"
    }
}

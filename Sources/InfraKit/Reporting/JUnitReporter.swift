/// Ant-style JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines):
/// one `<testsuite>` per file, one `<testcase>` per finding (classname = rule, name = entity) with a
/// `<failure>`, waived findings as skipped cases, unreadable files as errors. A file with nothing to
/// report still gets a passing `loaded` case, so a consumer sees every file that was checked.
///
/// Times are `0` and there is no timestamp or hostname: the report is the same on every run.
public struct JUnitReporter: Sendable {
    public init() {}

    public func render(_ report: ValidationReport) -> String {
        let suites = Self.suites(report)
        let tests = suites.map(\.cases.count).reduce(0, +)
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"infractl\" tests=\"\(tests)\" failures=\"\(suites.map(\.failures).reduce(0, +))\""
        output += " errors=\"\(suites.map(\.errors).reduce(0, +))\" skipped=\"\(suites.map(\.skipped).reduce(0, +))\" time=\"0\">\n"
        for (id, suite) in suites.enumerated() {
            output += "  <testsuite name=\"\(XMLText.attribute(suite.path))\" id=\"\(id)\" tests=\"\(suite.cases.count)\""
            output += " failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\" time=\"0\">\n"
            for testCase in suite.cases { output += testCase.xml }
            output += "  </testsuite>\n"
        }
        output += "</testsuites>\n"
        return output
    }

    struct Suite {
        let path: String
        var cases: [TestCase] = []

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

        var xml: String {
            let open = "    <testcase classname=\"\(XMLText.attribute(classname))\" name=\"\(XMLText.attribute(name))\" time=\"0\""
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
    static func suites(_ report: ValidationReport) -> [Suite] {
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
            if let waiver = reported.waiver {
                outcome = .skipped(message: "waived: \(waiver.reason)")
            } else {
                outcome = .failure(message: finding.message, type: finding.severity.rawValue,
                                   text: "\(finding.location): \(finding.message)")
            }
            let path = finding.location.file
            suites[path, default: Suite(path: path)].cases.append(
                TestCase(classname: finding.ruleID, name: finding.entityID ?? path, outcome: outcome))
        }
        return suites.values.sorted { $0.path < $1.path }.map { suite in
            guard suite.cases.isEmpty else { return suite }
            var loaded = suite
            loaded.cases = [TestCase(classname: "infractl", name: "loaded", outcome: .passed)]
            return loaded
        }
    }
}

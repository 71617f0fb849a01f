import InfraJSON
import InfraModel
import InfraRules

/// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers): one run whose driver lists
/// every rule, structural and operational, and one result per finding. Files that could not be
/// read are tool execution notifications.
///
/// What GitHub code scanning needs, and how this meets it:
/// - Alerts are matched from one upload to the next by `partialFingerprints.primaryLocationLineHash`:
///   it is the finding's fingerprint (rule, file, entity, field; never the line), so moving a line
///   keeps the alert.
/// - Code scanning does not honour `suppressions`: a waived result stays an open alert. So waived
///   findings are left out (their alerts close as fixed, as baselined ones do); `--sarif-suppressed
///   mark` lists them with an `inSource` suppression for viewers that read it.
/// - An upload holds at most 25,000 results a run: beyond it the most severe are kept and a
///   run-level notification says how many of each severity were left out.
/// - Artifact URIs are relative to `%SRCROOT%`, the project root (`ProjectRoot`), declared in
///   `originalUriBaseIds` without an absolute `uri`, so no machine's directory is written into the report.
public struct SARIFReporter: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/infractl/infractl"
    /// The key of each result's fingerprint in `partialFingerprints`; a new recipe needs a new version.
    public static let fingerprintKey = "infractlFingerprint/v1"
    /// The fingerprint key GitHub code scanning matches alerts by.
    public static let lineHashKey = "primaryLocationLineHash"
    /// The base every relative artifact URI is resolved against.
    public static let sourceRoot = "%SRCROOT%"
    /// Most results code scanning accepts in one run.
    public static let maxResults = 25_000

    public var options: ReportOptions
    public var maxResults = SARIFReporter.maxResults

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func render(_ report: ValidationReport) -> String {
        document(report).rendered() + "\n"
    }

    public func document(_ report: ValidationReport) -> JSONOutput {
        let rules = Self.rules
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.identifier] = index }
        let failures = UnreadableInput.all(in: report)
        let (reported, leftOut) = results(report)

        var notifications = failures.map(Self.notification)
        if !leftOut.isEmpty { notifications.append(Self.leftOutNotification(leftOut, kept: reported.count)) }
        var invocation: [(String, JSONOutput)] = [("executionSuccessful", .bool(failures.isEmpty))]
        if !notifications.isEmpty {
            invocation.append(("toolExecutionNotifications", .array(notifications)))
        }
        var run: [(String, JSONOutput)] = [
            ("tool", .object([
                ("driver", .object([
                    ("name", .string("infractl")),
                    ("version", .string(InfraKitVersion.current)),
                    ("semanticVersion", .string(InfraKitVersion.current)),
                    ("informationUri", .string(Self.informationURI)),
                    ("rules", .array(rules.map(\.descriptor))),
                ])),
            ])),
            ("invocations", .array([.object(invocation)])),
        ]
        if let category = options.sarifCategory {
            // Code scanning reads the category as the id up to its last `/`.
            run.append(("automationDetails", .object([("id", .string(category.contains("/") ? category : category + "/"))])))
        }
        run += [
            ("originalUriBaseIds", .object([(Self.sourceRoot, .object([
                ("description", .object([("text", .string("The project root: the directory of the configuration file, else the git top-level, else the working directory"))])),
            ]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(reported.map { Self.result($0, ruleIndex: ruleIndex) })),
        ]
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    /// The results of the run (waived ones only with `sarifMarksSuppressed`), at most `maxResults`,
    /// the most severe first; and the findings left out.
    func results(_ report: ValidationReport) -> (kept: [ReportedFinding], leftOut: [Finding]) {
        let all = options.sarifMarksSuppressed
            ? ReportedFinding.all(in: report)
            : report.findings.map { ReportedFinding(finding: $0, waiver: nil) }
        guard all.count > maxResults else { return (all, []) }
        // Most severe first; within a severity, report order; kept findings stay in report order.
        let order = all.indices.sorted { left, right in
            let (a, b) = (all[left].finding.severity, all[right].finding.severity)
            return a != b ? a > b : left < right
        }
        let kept = Set(order.prefix(maxResults))
        return (all.indices.filter { kept.contains($0) }.map { all[$0] },
                all.indices.filter { !kept.contains($0) }.map { all[$0].finding })
    }

    static func leftOutNotification(_ leftOut: [Finding], kept: Int) -> JSONOutput {
        var counts: [String] = []
        for severity in [Severity.error, .warning, .note] {
            let count = leftOut.count { $0.severity == severity }
            if count > 0 { counts.append(TextReporter.plural(count, severity.rawValue)) }
        }
        let text = "\(TextReporter.plural(leftOut.count, "result")) left out (\(counts.joined(separator: ", "))): code scanning accepts at most "
            + "\(maxResults) results in a run; the \(kept) most severe are listed. --format json or text lists every finding."
        return .object([
            ("level", .string("warning")),
            ("message", .object([("text", .string(text))])),
            ("descriptor", .object([("id", .string("results-left-out"))])),
            ("properties", .object([("leftOut", .int(leftOut.count))])),
        ])
    }

    // MARK: - Results

    static func result(_ reported: ReportedFinding, ruleIndex: [String: Int]) -> JSONOutput {
        let finding = reported.finding
        var members: [(String, JSONOutput)] = [("ruleId", .string(finding.ruleID))]
        if let index = ruleIndex[finding.ruleID] { members.append(("ruleIndex", .int(index))) }
        members += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(finding.location))])])),
            ("partialFingerprints", .object([
                (fingerprintKey, .string(finding.fingerprint)),
                (lineHashKey, .string(finding.fingerprint)),
            ])),
        ]
        var properties: [(String, JSONOutput)] = []
        if let entity = finding.entityID { properties.append(("entity", .string(entity))) }
        if let field = finding.fieldPath { properties.append(("field", .string(field))) }
        if !properties.isEmpty { members.append(("properties", .object(properties))) }
        if let waiver = reported.waiver {
            var suppression: [(String, JSONOutput)] = [
                ("kind", .string("inSource")),
                ("status", .string("accepted")),
                ("justification", .string(waiver.reason)),
            ]
            if let owner = waiver.owner { suppression.append(("properties", .object([("owner", .string(owner))]))) }
            members.append(("suppressions", .array([.object(suppression)])))
        }
        return .object(members)
    }

    static func notification(_ failure: UnreadableInput) -> JSONOutput {
        let physical: JSONOutput = failure.location.map(physicalLocation)
            ?? .object([("artifactLocation", artifactLocation(failure.path))])
        return .object([
            ("level", .string("error")),
            ("message", .object([("text", .string(failure.reason))])),
            ("locations", .array([.object([("physicalLocation", physical)])])),
            ("properties", .object([("kind", .string(failure.kind))])),
        ])
    }

    static func physicalLocation(_ location: Location) -> JSONOutput {
        .object([
            ("artifactLocation", artifactLocation(location.file)),
            ("region", .object([("startLine", .int(location.line)), ("startColumn", .int(location.column))])),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// Where a reported path is: relative to `%SRCROOT%`, or an absolute `file://` URI for a file
    /// outside the project root.
    static func artifactLocation(_ path: String) -> JSONOutput {
        let uri: JSONOutput = .string(artifactURI(path))
        return path.hasPrefix("/") ? .object([("uri", uri)]) : .object([("uri", uri), ("uriBaseId", .string(sourceRoot))])
    }

    /// A URI reference for a reported path: relative paths stay relative (percent-encoded, so a
    /// space or `<stdin>` is still a valid URI); absolute ones become `file://` URIs.
    static func artifactURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    // MARK: - Rules

    /// One entry of `tool.driver.rules`.
    struct RuleEntry {
        let identifier: String
        let name: String
        let family: RuleFamily
        let level: Severity
        let summary: String
        let fullDescription: String
        let helpText: String
        let helpMarkdown: String
        let precision: RulePrecision
        let securitySeverity: Double?

        var descriptor: JSONOutput {
            // GitHub code scanning lists a rule tagged `security` among security alerts, ranked by
            // `security-severity`; the others are quality alerts.
            var tags: [JSONOutput] = [.string(family.rawValue)]
            if family != .security, securitySeverity != nil { tags.append(.string("security")) }
            tags.append(.string(family == .structure ? "correctness" : "infrastructure"))
            var properties: [(String, JSONOutput)] = [("tags", .array(tags)), ("precision", .string(precision.rawValue))]
            if let securitySeverity {
                properties.append(("security-severity", .string(SARIFReporter.score(securitySeverity))))
            }
            return .object([
                ("id", .string(identifier)),
                ("name", .string(name)),
                ("shortDescription", .object([("text", .string(summary))])),
                ("fullDescription", .object([("text", .string(fullDescription))])),
                ("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])),
                ("defaultConfiguration", .object([("level", .string(SARIFReporter.level(level)))])),
                ("properties", .object(properties)),
            ])
        }
    }

    /// Every rule users may see in a result: the structural checks, then the catalog, as `infractl rules`
    /// lists them (`RuleCatalog.descriptions`).
    static var rules: [RuleEntry] {
        RuleCatalog.descriptions.map { description in
            let structural = description.family == .structure
            return RuleEntry(
                identifier: description.identifier,
                name: pascalCase(description.name),
                family: description.family,
                level: description.severity.nominal,
                summary: description.summary,
                fullDescription: description.rationale,
                helpText: structural ? description.remediation : "\(description.remediation)\n\nWhy it matters: \(description.rationale)",
                helpMarkdown: structural ? structuralMarkdownHelp : markdownHelp(description),
                precision: description.precision,
                securitySeverity: description.securitySeverity
            )
        }
    }

    /// A structural check's help: the format's reference, named as Markdown code.
    private static let structuralMarkdownHelp = "Correct the value the finding points at so that it follows the inventory format; "
        + "`docs/format.md` describes every entity, field and value format."

    private static func article(_ severity: Severity) -> String {
        severity == .warning ? "a" : "an"
    }

    private static func markdownHelp(_ description: RuleDescription) -> String {
        var markdown = "**How to fix it.** \(description.remediation)\n\n**Why it matters.** \(description.rationale)\n"
        if case .inProduction(let production) = description.severity {
            markdown += "\nReported as \(Self.article(production)) \(production.rawValue) for entities in a production environment and as "
                + "\(Self.article(production.lowered)) \(production.lowered.rawValue) elsewhere.\n"
        }
        if let example = description.triggeringExamples.first {
            markdown += "\n**Example** (`↓` marks where the finding points):\n\n```json\n\(example)\n```\n"
        }
        markdown += "\n`infractl explain \(description.identifier)` prints every example."
        return markdown
    }

    /// `EndOfLifeSoftware` from `End-of-life software` (or `end-of-life-software`): the identifier-like
    /// name SARIF viewers show beside the id.
    static func pascalCase(_ words: String) -> String {
        words.split { !($0.isLetter || $0.isNumber) }
            .map { word in word.prefix(1).uppercased() + word.dropFirst() }
            .joined()
    }

    /// A `security-severity` score as code scanning reads it: a number in a string, one decimal.
    static func score(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers): one run whose driver lists
/// every rule, structural and operational, and one result per finding. Waived findings are results
/// with an in-source suppression; files that could not be read are tool execution notifications.
///
/// Artifact URIs are the paths infractl reports, relative to the working directory, with no
/// `uriBaseId`: declaring one would mean writing this machine's absolute directory into the report.
public struct SARIFReporter: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/infractl/infractl"
    /// The key of each result's fingerprint in `partialFingerprints`; a new recipe needs a new version.
    public static let fingerprintKey = "infractlFingerprint/v1"

    public init() {}

    public func render(_ report: ValidationReport) -> String {
        document(report).rendered() + "\n"
    }

    public func document(_ report: ValidationReport) -> JSONOutput {
        let rules = Self.rules
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { ruleIndex[rule.identifier] = index }
        let failures = UnreadableInput.all(in: report)

        var invocation: [(String, JSONOutput)] = [("executionSuccessful", .bool(failures.isEmpty))]
        if !failures.isEmpty {
            invocation.append(("toolExecutionNotifications", .array(failures.map(Self.notification))))
        }
        let run: JSONOutput = .object([
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
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(ReportedFinding.all(in: report).map { Self.result($0, ruleIndex: ruleIndex) })),
        ])
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
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
            ("partialFingerprints", .object([(fingerprintKey, .string(finding.fingerprint))])),
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
            ?? .object([("artifactLocation", .object([("uri", .string(artifactURI(failure.path)))]))])
        return .object([
            ("level", .string("error")),
            ("message", .object([("text", .string(failure.reason))])),
            ("locations", .array([.object([("physicalLocation", physical)])])),
            ("properties", .object([("kind", .string(failure.kind))])),
        ])
    }

    static func physicalLocation(_ location: Location) -> JSONOutput {
        .object([
            ("artifactLocation", .object([("uri", .string(artifactURI(location.file)))])),
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

        var descriptor: JSONOutput {
            var properties: [(String, JSONOutput)] = [("tags", .array([.string(family.rawValue)]))]
            // GitHub code scanning ranks alerts of rules tagged `security` by this score.
            if family == .security {
                properties.append(("security-severity", .string(SARIFReporter.securitySeverity(level))))
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

    /// Every rule users may see in a result: the structural checks, then the catalog, as `infractl rules` lists them.
    static var rules: [RuleEntry] {
        let structural = StructuralRule.allCases.map { rule in
            RuleEntry(
                identifier: rule.identifier,
                name: pascalCase(rule.identifier),
                family: .structure,
                level: .error,
                summary: rule.summary,
                fullDescription: "A structural check made while reading the inventory against its format: \(rule.summary).",
                helpText: structuralHelp("docs/format.md"),
                helpMarkdown: structuralHelp("`docs/format.md`")
            )
        }
        let operational = RuleCatalog.all.map { rule -> RuleEntry in
            let description = rule.description
            return RuleEntry(
                identifier: description.identifier,
                name: pascalCase(description.name),
                family: description.family,
                level: description.severity.nominal,
                summary: description.summary,
                fullDescription: description.rationale,
                helpText: "\(description.remediation)\n\nWhy it matters: \(description.rationale)",
                helpMarkdown: markdownHelp(description)
            )
        }
        return structural + operational
    }

    private static func structuralHelp(_ formatReference: String) -> String {
        "Correct the value the finding points at so that it follows the inventory format; \(formatReference) "
            + "describes every entity, field and value format."
    }

    private static func markdownHelp(_ description: RuleDescription) -> String {
        var markdown = "**How to fix it.** \(description.remediation)\n\n**Why it matters.** \(description.rationale)\n"
        if description.severity == .byEnvironment {
            markdown += "\nReported as an error for entities in a production environment and as a warning elsewhere.\n"
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

    /// GitHub's `security-severity` score: 7.0 and up is high, 4.0 up medium, below that low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "8.0"
        case .warning: "5.0"
        case .note: "2.0"
        }
    }
}

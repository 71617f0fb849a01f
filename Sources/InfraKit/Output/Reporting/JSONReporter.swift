import InfraJSON
import InfraModel
import InfraRules

/// The machine-readable report, shape version 1 (documented in docs/output.md):
/// `{version, tool, files[], findings[], suppressed[], summary}`. Keys keep this order; arrays are sorted.
public struct JSONReporter: Sendable {
    public static let shapeVersion = 1

    public init() {}

    public func render(_ report: ValidationReport) -> String {
        document(report).rendered() + "\n"
    }

    public func document(_ report: ValidationReport) -> JSONOutput {
        .object([
            ("version", .int(Self.shapeVersion)),
            ("tool", .object([("name", .string("infractl")), ("version", .string(InfraKitVersion.current))])),
            ("files", .array(report.files.map(file))),
            ("findings", .array(report.findings.map(Self.finding))),
            ("suppressed", .array(report.suppressed.map { suppressed in
                .object([
                    ("finding", Self.finding(suppressed.finding)),
                    ("reason", .string(suppressed.reason)),
                    ("owner", suppressed.owner.map(JSONOutput.string) ?? .null),
                ])
            })),
            ("summary", .object([
                ("files", .int(report.files.count)),
                ("unreadable", .int(report.toolErrors.count)),
                ("entities", .int(report.entityCount)),
                ("findings", .int(report.findings.count)),
                ("suppressed", .int(report.suppressed.count)),
                ("error", .int(report.count(.error))),
                ("warning", .int(report.count(.warning))),
                ("note", .int(report.count(.note))),
                ("baseline", report.baseline.map { .object([("hidden", .int($0.hidden)), ("fixed", .int($0.fixed))]) } ?? .null),
            ])),
        ])
    }

    private func file(_ file: FileResult) -> JSONOutput {
        switch file.status {
        case .loaded(let inventory):
            let counts = EntityKind.allCases.map { ($0.arrayKey, JSONOutput.int(inventory.declaredCounts[$0] ?? 0)) }
            // `omittedFindings` only when findings went over --max-findings.
            let omitted: [(String, JSONOutput)] = file.omittedFindings > 0 ? [("omittedFindings", .int(file.omittedFindings))] : []
            return .object([
                ("path", .string(file.path)),
                ("status", .string("loaded")),
                ("name", inventory.name.map(JSONOutput.string) ?? .null),
                ("entities", .object(counts)),
            ] + omitted)
        case .failed(let error):
            return .object([
                ("path", .string(file.path)),
                ("status", .string("failed")),
                ("error", .string(error.message)),
            ])
        }
    }

    static func finding(_ finding: Finding) -> JSONOutput {
        .object([
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("entity", finding.entityID.map(JSONOutput.string) ?? .null),
            ("field", finding.fieldPath.map(JSONOutput.string) ?? .null),
            ("fingerprint", .string(finding.fingerprint)),
            ("location", .object([
                ("file", .string(finding.location.file)),
                ("line", .int(finding.location.line)),
                ("column", .int(finding.location.column)),
            ])),
        ])
    }
}

import InfraJSON
import InfraModel

/// A record of known findings, by fingerprint, so CI can fail only on new ones.
///
/// ```json
/// {"version": 1, "tool": "infractl", "findings": [
///   {"fingerprint": "1a2b3c4d5e6f7a8b", "ruleId": "secret-in-source", "file": "inventories/x.json",
///    "entity": "db-password", "field": "storage", "message": "secret 'db-password' is kept in source code"}]}
/// ```
/// Only `fingerprint` is used for matching; the rest is there for people reading the file.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let fingerprint: String
        public let ruleID: String
        public let file: String
        public let entityID: String?
        public let fieldPath: String?
        public let message: String
    }

    public static let version = 1

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The baseline of a report: every unsuppressed finding, in report order.
    public init(_ report: ValidationReport) {
        entries = report.findings.map {
            Entry(fingerprint: $0.fingerprint, ruleID: $0.ruleID, file: $0.location.file,
                  entityID: $0.entityID, fieldPath: $0.fieldPath, message: $0.message)
        }
    }

    public func rendered() -> String {
        JSONOutput.object([
            ("version", .int(Self.version)),
            ("tool", .string("infractl")),
            ("findings", .array(entries.map { entry in
                .object([
                    ("fingerprint", .string(entry.fingerprint)),
                    ("ruleId", .string(entry.ruleID)),
                    ("file", .string(entry.file)),
                    ("entity", entry.entityID.map(JSONOutput.string) ?? .null),
                    ("field", entry.fieldPath.map(JSONOutput.string) ?? .null),
                    ("message", .string(entry.message)),
                ])
            })),
        ]).rendered() + "\n"
    }

    /// Reads a baseline file, or says what is wrong with it.
    public static func decode(_ document: JSONDocument) -> Result<Baseline, ToolError> {
        let root = document.root
        func fail(_ value: JSONValue, _ message: String) -> Result<Baseline, ToolError> {
            .failure(.malformedJSON(value.location, "not an infractl baseline: \(message)"))
        }
        guard root.kind == .object else { return fail(root, "expected an object, found \(root.kind)") }
        guard let version = root["version"], version.int == Self.version else {
            return fail(root["version"] ?? root, "expected \"version\": \(Self.version)")
        }
        guard let findings = root["findings"], findings.kind == .array else {
            return fail(root, "expected a \"findings\" array")
        }
        var entries: [Entry] = []
        for element in findings.elements {
            guard let fingerprint = element["fingerprint"]?.string else {
                return fail(element, "each finding needs a \"fingerprint\" string")
            }
            entries.append(Entry(
                fingerprint: fingerprint,
                ruleID: element["ruleId"]?.string ?? "",
                file: element["file"]?.string ?? "",
                entityID: element["entity"]?.string,
                fieldPath: element["field"]?.string,
                message: element["message"]?.string ?? ""))
        }
        return .success(Baseline(entries: entries))
    }

    /// Removes the findings the baseline knows from `report`, and records how many it hid and how
    /// many of its entries no longer occur (fixed).
    ///
    /// `normalize` gives a stored path in today's spelling (relative to the project root, no `./`
    /// or `..`). An entry written by an older release with another spelling (`./x.json`, an
    /// absolute path) still matches: its fingerprint is worked out again from its rule, normalised
    /// file, entity and field, numbered as the baseline lists them.
    public func apply(to report: inout ValidationReport, normalize: (String) -> String = { $0 }) {
        let fingerprints = matchingFingerprints(normalize)
        let current = Set(report.findings.map(\.fingerprint) + report.suppressed.map(\.finding.fingerprint))
        let known = Set(fingerprints.joined())
        let before = report.findings.count
        report.findings.removeAll { known.contains($0.fingerprint) }
        report.baseline = BaselineSummary(hidden: before - report.findings.count,
                                          fixed: fingerprints.filter { $0.allSatisfy { !current.contains($0) } }.count)
    }

    /// The entries whose file is not written as `normalize` writes it: a baseline to rewrite.
    public func entriesInOlderSpelling(_ normalize: (String) -> String) -> Int {
        entries.filter { !$0.file.isEmpty && normalize($0.file) != $0.file }.count
    }

    /// For each entry, the fingerprints it matches: the stored one, and the one of its normalised
    /// path when that differs.
    private func matchingFingerprints(_ normalize: (String) -> String) -> [[String]] {
        var occurrences = Fingerprint.Occurrences()
        return entries.map { entry in
            let file = entry.file.isEmpty ? entry.file : normalize(entry.file)
            guard !entry.ruleID.isEmpty else { return [entry.fingerprint] }
            let finding = Finding(ruleID: entry.ruleID, severity: .note, message: "", entityID: entry.entityID,
                                  fieldPath: entry.fieldPath, location: Location(file: file, line: 1, column: 1))
            let renumbered = Fingerprint.next(for: finding, occurrences: &occurrences)
            return file == entry.file ? [entry.fingerprint] : [entry.fingerprint, renumbered]
        }
    }
}

/// What applying a baseline did to a report.
public struct BaselineSummary: Sendable, Equatable {
    /// Findings hidden because the baseline knows them.
    public let hidden: Int
    /// Baseline entries that no longer occur.
    public let fixed: Int
}

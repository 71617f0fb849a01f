/// Stable identities for findings: the same problem keeps its fingerprint when lines move, and a
/// renamed entity gets a new one.
public enum Fingerprint {
    /// The identity a finding's fingerprint is hashed from: rule, file, entity and field path.
    static func key(_ finding: Finding) -> String {
        [finding.ruleID, finding.location.file, finding.entityID ?? "", finding.fieldPath ?? ""].joined(separator: "\u{1F}")
    }

    /// The fingerprint of the next finding in report order: the first 16 hex digits of SHA-256 over
    /// its key, with an occurrence number when earlier findings shared the key (two credentials in
    /// one description). Callers walk findings in report order, so the numbering is deterministic.
    public static func next(for finding: Finding, occurrences: inout [String: Int]) -> String {
        let key = key(finding)
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        let material = occurrence == 0 ? key : "\(key)\u{1F}\(occurrence)"
        return String(SHA256.hex(Array(material.utf8)).prefix(16))
    }
}

/// Stable identities for findings: the same problem keeps its fingerprint when lines move, and a
/// renamed entity gets a new one.
public enum Fingerprint {
    /// The identity a finding's fingerprint is hashed from: rule, file, entity and field path.
    static func key(_ finding: Finding) -> String {
        [finding.ruleID, finding.location.file, finding.entityID ?? "", finding.fieldPath ?? ""].joined(separator: "\u{1F}")
    }

    /// The fingerprint of the next finding in report order: the 64-bit FNV-1a hash of its key, in 16 hex
    /// digits, with an occurrence number when earlier findings shared the key (two credentials in
    /// one description). Callers walk findings in report order, so the numbering is deterministic.
    public static func next(for finding: Finding, occurrences: inout [String: Int]) -> String {
        let key = key(finding)
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        let material = occurrence == 0 ? key : "\(key)\u{1F}\(occurrence)"
        return hex(fnv1a(material))
    }

    /// 64-bit FNV-1a: stable across runs and platforms, and cheap enough for every finding of a
    /// large inventory. Fingerprints identify findings; they protect nothing, so no cryptographic hash.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Stable identities for findings: the same problem keeps its fingerprint when lines move, and a
/// renamed entity gets a new one.
public enum Fingerprint {
    /// The identity a finding's fingerprint is hashed from: rule, file, entity and field path.
    /// Built in one allocation of the exact size: a report fingerprints every finding it lists.
    static func key(_ finding: Finding) -> String {
        MessageText.joined(finding.ruleID, "\u{1F}", finding.location.file, "\u{1F}", finding.entityID ?? "", "\u{1F}",
                           finding.fieldPath ?? "")
    }

    /// The fingerprint of the next finding in report order: the 64-bit FNV-1a hash of its key, in 16 hex
    /// digits, with an occurrence number when earlier findings shared the key (two credentials in
    /// one description). Callers walk findings in report order, so the numbering is deterministic.
    public static func next(for finding: Finding, occurrences: inout [String: Int]) -> String {
        let key = key(finding)
        // One lookup counts the key: reading and then writing the count hashed the key twice.
        let occurrence = counted(&occurrences[key, default: 0])
        // FNV-1a goes byte by byte, so the hash of `key, separator, occurrence` goes on from the key's.
        let hash = fnv1a(key)
        return hex(occurrence == 0 ? hash : fnv1a("\u{1F}\(occurrence)", continuing: hash))
    }

    /// `count` before it is incremented.
    private static func counted(_ count: inout Int) -> Int {
        defer { count += 1 }
        return count
    }

    /// 64-bit FNV-1a: stable across runs and platforms, and cheap enough for every finding of a
    /// large inventory. Fingerprints identify findings; they protect nothing, so no cryptographic hash.
    /// `continuing` is the hash of the text before `text`.
    static func fnv1a(_ text: String, continuing start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = start
        var text = text
        // The bytes in place: walking the string's UTF-8 view cost a few times more per byte.
        text.withUTF8 { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    /// `value` in 16 lowercase hex digits, written in place.
    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { digits in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xF
                digits[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
            }
            return 16
        }
    }
}

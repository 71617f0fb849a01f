import InfraModel

/// Stable identities for findings: the same problem keeps its fingerprint when lines move, and a
/// renamed entity gets a new one.
public enum Fingerprint {
    /// The identity a finding's fingerprint is hashed from: rule, file, entity and field path.
    /// Built in one allocation of the exact size. `next` hashes the parts in place instead; this is
    /// the text that hash stands for.
    static func key(_ finding: Finding) -> String {
        MessageText.joined(finding.ruleID, "\u{1F}", finding.location.file, "\u{1F}", finding.entityID ?? "", "\u{1F}",
                           finding.fieldPath ?? "")
    }

    /// How many findings so far had each key, so that the next one with that key gets its number.
    public struct Occurrences {
        fileprivate var counts: [Key: Int] = [:]

        public init() {}
    }

    /// The fingerprint of the next finding in report order: the 64-bit FNV-1a hash of its key, in 16 hex
    /// digits, with an occurrence number when earlier findings shared the key (two credentials in
    /// one description). Callers walk findings in report order, so the numbering is deterministic.
    public static func next(for finding: Finding, occurrences: inout Occurrences) -> String {
        let key = Key(finding)
        // One lookup counts the key: reading and then writing the count hashed the key twice.
        let occurrence = counted(&occurrences.counts[key, default: 0])
        // FNV-1a goes byte by byte, so the hash of `key, separator, occurrence` goes on from the key's.
        return hex(occurrence == 0 ? key.hash : fnv1a("\u{1F}\(occurrence)", continuing: key.hash))
    }

    /// A finding's key (`key(_:)`) without joining it into one string: its parts and the FNV-1a hash
    /// of their join, which is also the key's hash in the occurrence table.
    ///
    /// Joining the key and hashing it again for the table cost 4,500 instructions a finding (45M on
    /// the 10,000 findings of hosts-10000.json); the FNV hash walks the parts' bytes once and
    /// the table hashes only its 8 bytes.
    fileprivate struct Key: Hashable {
        let ruleID: String
        let file: String
        let entityID: String
        let fieldPath: String
        /// `fnv1a(key(finding))`.
        let hash: UInt64

        init(_ finding: Finding) {
            ruleID = finding.ruleID
            file = finding.location.file
            entityID = finding.entityID ?? ""
            fieldPath = finding.fieldPath ?? ""
            func separated(_ part: String, after hash: UInt64) -> UInt64 {
                fnv1a(part, continuing: fnv1a(byte: 0x1F, continuing: hash))
            }
            hash = separated(fieldPath, after: separated(entityID, after: separated(file, after: fnv1a(ruleID))))
        }

        /// Equal when the joined keys are equal. Equal parts join equally; different parts can too
        /// when a part holds the separator itself (an entity id `a\u{1F}b` read from raw JSON), so
        /// then the joins are compared, as the numbering counted joined keys.
        static func == (lhs: Key, rhs: Key) -> Bool {
            guard lhs.hash == rhs.hash else { return false }
            if (lhs.ruleID, lhs.file, lhs.entityID, lhs.fieldPath) == (rhs.ruleID, rhs.file, rhs.entityID, rhs.fieldPath) {
                return true
            }
            return lhs.joined == rhs.joined
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(hash)
        }

        var joined: String {
            MessageText.joined(ruleID, "\u{1F}", file, "\u{1F}", entityID, "\u{1F}", fieldPath)
        }
    }

    /// `count` before it is incremented.
    private static func counted(_ count: inout Int) -> Int {
        defer { count += 1 }
        return count
    }

    /// 64-bit FNV-1a: stable across runs and platforms, and cheap enough for every finding of a
    /// large inventory. Fingerprints identify findings; they protect nothing, so no cryptographic hash.
    /// `continuing` is the hash of the text before `text`.
    package static func fnv1a(_ text: String, continuing start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
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

    /// `fnv1a` of one byte (the key's separator): a step, without a string to walk.
    static func fnv1a(byte: UInt8, continuing hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// `value` in 16 lowercase hex digits, written in place.
    package static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { digits in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xF
                digits[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
            }
            return 16
        }
    }
}

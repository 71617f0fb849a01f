/// An entity id as a dictionary key: equal when the ids are equal Strings, hashed more cheaply than
/// a String.
///
/// The index and the rules look ids up hundreds of thousands of times in a large inventory, and a
/// `[String: _]` lookup cost about 430 instructions, most of them hashing (a seeded `Hasher` over
/// the bytes, then its finalisation). This key hashes the UTF-8 bytes with FNV-1a, seeded with the
/// table's seed, and hands the table that hash directly: `_rawHashValue(seed:)` is the requirement
/// `Dictionary` and `Set` call, and implementing it skips the `Hasher` altogether.
///
/// Equal keys must hash alike, and String equality is canonical equivalence: "\u{212A}" (KELVIN
/// SIGN) == "K". An ASCII id (nearly all of them) is hashed over its bytes. A non-ASCII id is hashed
/// over the bytes of its ASCII twin when it has one (each non-ASCII scalar canonically equivalent
/// to an ASCII character, so that "\u{212A}" hashes as "K"), and otherwise by a `Hasher`, as a String:
/// then no ASCII string equals it, and the strings that do are hashed the same way.
struct IDKey: Hashable, Sendable {
    let id: String

    init(_ id: String) {
        self.id = id
    }

    static func == (lhs: IDKey, rhs: IDKey) -> Bool {
        lhs.id == rhs.id
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(_rawHashValue(seed: 0))
    }

    func _rawHashValue(seed: Int) -> Int {
        // Native and small strings are read in place; a copy only for a string that is not UTF-8 inside.
        let ascii = id.utf8.withContiguousStorageIfAvailable { Self.hash($0, seed: seed) }
            ?? { var copy = id; return copy.withUTF8 { Self.hash($0, seed: seed) } }()
        return ascii.isASCII ? ascii.hash : Self.nonASCIIHash(id, seed: seed)
    }

    /// FNV-1a over `bytes`, from `seed` mixed into the offset basis, and whether every byte is
    /// ASCII. Ids are short, so a byte at a time is cheap, and it spreads `host-1`, `host-2`, ...
    /// well; folding the upper bits down gives the table's low bits a share of all of them.
    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: Int) -> (hash: Int, isASCII: Bool) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bitPattern: Int64(seed))
        var allBits: UInt8 = 0
        for byte in bytes {
            allBits |= byte
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return (Int(truncatingIfNeeded: hash ^ hash >> 29), allBits < 0x80)
    }

    private static func nonASCIIHash(_ id: String, seed: Int) -> Int {
        var twin: [UInt8] = []
        for scalar in id.unicodeScalars {
            if scalar.isASCII {
                twin.append(UInt8(scalar.value))
            } else if let ascii = asciiEquivalent(of: scalar) {
                twin.append(ascii)
            } else {
                var hasher = Hasher()
                hasher.combine(seed)
                hasher.combine(id)
                return hasher.finalize()
            }
        }
        return hash(twin, seed: seed).hash
    }

    /// The ASCII character a non-ASCII scalar is canonically equivalent to: the scalars whose
    /// canonical decomposition is a single ASCII character. A longer decomposition holds a
    /// combining mark, never ASCII. `IDKeyTests` checks every scalar against String equality.
    static func asciiEquivalent(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x037E: UInt8(ascii: ";") // GREEK QUESTION MARK
        case 0x1FEF: UInt8(ascii: "`") // GREEK VARIA
        case 0x212A: UInt8(ascii: "K") // KELVIN SIGN
        default: nil
        }
    }
}

import Testing
@testable import InfraTopology

/// `IDKey` hashes ids by their bytes but compares them as Strings: equal Strings must hash alike,
/// canonically equivalent spellings included, and a table keyed by it must answer as one keyed by String.
struct IDKeyTests {
    /// Pairs of different spellings of equal Strings: singletons canonically equivalent to ASCII,
    /// precomposed and decomposed letters, Hangul syllables and their jamo.
    static let equivalentSpellings: [(String, String)] = [
        ("K", "\u{212A}"),
        ("host-K1", "host-\u{212A}1"),
        ("a;b", "a\u{037E}b"),
        ("`", "\u{1FEF}"),
        ("\u{212A}\u{212A}", "KK"),
        ("caf\u{E9}-1", "cafe\u{301}-1"),
        ("\u{212A}\u{E9}", "Ke\u{301}"),
        ("\u{D55C}", "\u{1112}\u{1161}\u{11AB}"),
        ("\u{212B}", "\u{C5}"),
        ("q\u{323}\u{307}", "q\u{307}\u{323}"),
    ]

    @Test(arguments: equivalentSpellings)
    func equivalentSpellingsAreOneKey(first: String, second: String) {
        #expect(first == second)
        #expect(first.utf8.elementsEqual(second.utf8) == false)
        #expect(IDKey(first) == IDKey(second))
        for seed in [0, 1, -7, 0x5EED_5EED, Int.min] {
            #expect(IDKey(first)._rawHashValue(seed: seed) == IDKey(second)._rawHashValue(seed: seed))
        }
        #expect(IDKey(first).hashValue == IDKey(second).hashValue)
        let table: [IDKey: Int] = [IDKey(first): 1]
        #expect(table[IDKey(second)] == 1)
        #expect(Set([IDKey(first), IDKey(second)]).count == 1)
    }

    /// The table of non-ASCII scalars equivalent to an ASCII character is complete and right, by
    /// String equality, for every scalar. A scalar equal to an ASCII character sorts before U+0080
    /// (String order is consistent with String equality), so only those are compared with all 128.
    @Test func asciiEquivalentsAreExactlyTheScalarsEqualToAnASCIICharacter() {
        let ascii = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        var found: [UInt32: UInt8] = [:]
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if text < "\u{80}", let equal = ascii.firstIndex(of: text) { found[value] = UInt8(equal) }
            #expect(IDKey.asciiEquivalent(of: scalar) == found[value], "U+\(String(value, radix: 16))")
        }
        #expect(found.count == 3)
    }

    /// Varied ids, ASCII and not, looked up in a table keyed by `IDKey` and in one keyed by String:
    /// the same answers, for declared ids, other spellings of them and ids nobody declared.
    @Test func tableAnswersAsAStringKeyedOne() {
        var ids = (0..<2_000).map { "host-\($0)" } + (0..<300).map { "svc-\u{E9}t\u{E9}-\($0)" }
        ids += ["", "K", "\u{212A}-only", "\u{1F600}", "\u{D55C}\u{AE00}", "a\u{0}b", String(repeating: "z", count: 200)]
        var byString: [String: Int] = [:]
        var byKey: [IDKey: Int] = [:]
        for (number, id) in ids.enumerated() {
            byString[id] = number
            byKey[IDKey(id)] = number
        }
        #expect(byKey.count == byString.count)
        let asked = ids + ["host-2000", "host-", "K-only", "svc-e\u{301}te\u{301}-7", "svc-ete-7", "k", "\u{212A}"]
        for id in asked {
            #expect(byKey[IDKey(id)] == byString[id], "\(id)")
        }
    }
}

/// Word tests for rules that read free text (an account's purpose, a metric's name).
///
/// The standard library's `contains` compares Unicode-aware, character by character: too slow for
/// every host of a large inventory. Between ASCII strings a byte search gives the same answer, so
/// only other text takes the Unicode-aware way.
enum TextSearch {
    /// Whether `text` contains `word`, as `text.contains(word)` answers.
    static func contains(_ text: String, _ word: String) -> Bool {
        // Nothing is found in nothing: an empty word matches no text (as Foundation answers).
        guard !word.isEmpty else { return false }
        var (text, word) = (text, word)
        let ascii = text.withUTF8 { haystack in
            word.withUTF8 { needle -> Bool? in
                guard !needle.isEmpty, needle.allSatisfy({ $0 < 0x80 }), haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                    if needle.indices.allSatisfy({ haystack[start + $0] == needle[$0] }) { return true }
                }
                return false
            }
        }
        return ascii ?? text.contains(word)
    }

    /// Whether `text.lowercased()` contains `word`, a word in small letters, as `contains` answers.
    /// ASCII text is searched in place, each byte folded to its small letter, instead of first
    /// building its lowercased copy (which cost more than the searches on every host's accounts).
    static func lowercasedContains(_ text: String, _ word: String) -> Bool {
        guard !word.isEmpty else { return false }
        return foldedSearch(text, word, foldingWord: false) ?? contains(text.lowercased(), word)
    }

    /// Whether `text.lowercased()` contains `word.lowercased()`, as `contains` answers, without
    /// building either lowercased copy when both are ASCII (a monitor's metric against the name of
    /// each service it watches).
    static func caseInsensitiveContains(_ text: String, _ word: String) -> Bool {
        guard !word.isEmpty else { return false }
        return foldedSearch(text, word, foldingWord: true) ?? contains(text.lowercased(), word.lowercased())
    }

    /// The byte search of `text` folded to small letters for `word` (folded too when `foldingWord`);
    /// nil when either is not ASCII, or when `word` is not folded and has a capital letter.
    private static func foldedSearch(_ text: String, _ word: String, foldingWord: Bool) -> Bool? {
        var (text, word) = (text, word)
        return text.withUTF8 { haystack in
            word.withUTF8 { needle -> Bool? in
                // Between ASCII strings lowercasing folds A-Z and nothing else; a needle with a capital
                // letter could never match a lowercased text, and goes the general way to say so.
                guard needle.allSatisfy({ $0 < 0x80 && (foldingWord || !isCapital($0)) }),
                      haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard let first = needle.first.map(folded), needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count) where folded(haystack[start]) == first {
                    if needle.indices.allSatisfy({ folded(haystack[start + $0]) == folded(needle[$0]) }) { return true }
                }
                return false
            }
        }
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func folded(_ byte: UInt8) -> UInt8 { isCapital(byte) ? byte | 0x20 : byte }
}

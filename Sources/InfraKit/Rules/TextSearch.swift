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
}

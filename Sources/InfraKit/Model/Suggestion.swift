/// "Did you mean" suggestions: the candidate closest to a mistyped word, if any is close enough.
public enum Suggestion {
    /// The best candidate for `word`: a case-insensitive match, else the nearest by edit distance
    /// within a third of the word's length (at least 1, at most 3). Ties go to the first candidate
    /// in sorted order, so the answer is deterministic.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        let limit = max(1, min(3, word.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != word {
            if candidate.lowercased() == lowered { return candidate }
            let lengthGap = abs(candidate.count - word.count)
            guard lengthGap <= limit else { continue }
            let distance = editDistance(lowered, candidate.lowercased(), limit: limit)
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.candidate) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        if let best { return best.candidate }
        // A truncated word ("linode-prod" for "linode-production"): the shortest candidate it begins.
        guard word.count >= 3 else { return nil }
        return candidates.filter { $0.lowercased().hasPrefix(lowered) }
            .min { ($0.count, $0) < ($1.count, $1) }
    }

    /// Levenshtein distance counting an adjacent swap as one edit; stops early above `limit`.
    static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// "; did you mean 'x'?" or the empty string.
    package static func clause(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}

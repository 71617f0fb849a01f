/// Glob patterns of files and directories a directory walk leaves out: `--exclude GLOB` (relative
/// to the project root) and the `exclude` list of a configuration (relative to its directory).
///
/// A pattern with a `/` matches the whole path from its base; one without matches any single name
/// on the way (`generated` leaves out every directory or file so named). `*` and `?` stay within a
/// name, `**` crosses `/`. A directory that matches is not entered.
struct Exclusions: Sendable {
    struct Pattern: Sendable {
        let glob: String
        /// The root-relative directory the pattern is relative to ("" for the root).
        let base: String
        /// Where the pattern came from, for `infractl config`.
        let origin: String
    }

    var patterns: [Pattern] = []

    func excludes(_ path: String) -> Bool {
        patterns.contains { pattern in
            var relative = Substring(path)
            if !pattern.base.isEmpty {
                guard path.hasPrefix(pattern.base + "/") else { return false }
                relative = path.dropFirst(pattern.base.count + 1)
            }
            let glob = pattern.glob.hasPrefix("./") ? String(pattern.glob.dropFirst(2)) : pattern.glob
            if glob.contains("/") {
                return Self.matches(Array(glob.hasSuffix("/") ? String(glob.dropLast()) : glob), Array(relative))
            }
            return relative.split(separator: "/").contains { Self.matches(Array(glob), Array($0)) }
        }
    }

    /// Whether `glob` matches all of `text`: dynamic programming over both, so no pattern is exponential.
    static func matches(_ glob: [Character], _ text: [Character]) -> Bool {
        // reachable[j]: the glob so far can match text[..<j].
        var reachable = [Bool](repeating: false, count: text.count + 1)
        reachable[0] = true
        var index = 0
        while index < glob.count {
            let token = glob[index]
            var next = [Bool](repeating: false, count: text.count + 1)
            if token == "*" {
                let crossesSlash = index + 1 < glob.count && glob[index + 1] == "*"
                if crossesSlash { index += 1 }
                // `**/` also matches no directory at all.
                let optionalSlash = crossesSlash && index + 1 < glob.count && glob[index + 1] == "/"
                for position in 0...text.count where reachable[position] {
                    next[position] = true
                    var end = position
                    while end < text.count, crossesSlash || text[end] != "/" {
                        end += 1
                        next[end] = true
                    }
                }
                if optionalSlash {
                    // The `/` after `**` is matched here or not at all: `a/**/b` matches `a/b` and `a/x/y/b`.
                    index += 1
                    for position in 0..<text.count where next[position] && text[position] == "/" { next[position + 1] = true }
                }
            } else {
                for position in 0..<text.count where reachable[position] {
                    if token == "?" ? text[position] != "/" : text[position] == token { next[position + 1] = true }
                }
            }
            reachable = next
            index += 1
        }
        return reachable[text.count]
    }
}

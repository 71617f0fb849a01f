/// Generated docs kept inside a hand-written file (a README) between two marker lines:
///
///     <!-- infractl:begin -->
///     ...generated, replaced on every run...
///     <!-- infractl:end -->
///
/// Each marker must be alone on its line (spaces around it allowed), appear exactly once, and the
/// begin marker must come first. A marker inside a fenced code block (a README that shows how to
/// use the markers) is text, not a marker. Everything outside the markers, the markers included,
/// is kept byte for byte.
public enum DocsInjection {
    public static let beginMarker = "<!-- infractl:begin -->"
    public static let endMarker = "<!-- infractl:end -->"

    /// Why the markers cannot be used.
    public enum Problem: Error, Equatable, Sendable {
        case missing(String)
        case repeated(String, count: Int)
        case outOfOrder
        /// The generated content itself holds a marker line, which would end or restart the section.
        case markerInContent

        public var message: String {
            switch self {
            case .missing(let marker): "no '\(marker)' line; add the lines '\(beginMarker)' and '\(endMarker)' where the generated docs go"
            case .repeated(let marker, let count): "'\(marker)' appears on \(count) lines; keep exactly one"
            case .outOfOrder: "'\(endMarker)' comes before '\(beginMarker)'; put the begin marker first"
            case .markerInContent: "the generated docs hold a line '\(beginMarker)' or '\(endMarker)'; nothing was written"
            }
        }
    }

    /// The text between the marker lines (after the begin line's line break, up to the end line).
    public static func current(in text: String) -> Result<Substring, Problem> {
        markers(in: text).map { text[$0.contentStart..<$0.contentEnd] }
    }

    /// `text` with `content` between the markers; a line break is added to content that lacks one.
    /// Content holding a marker line is refused: the next run would find the section ended early.
    public static func inject(_ content: String, into text: String) -> Result<String, Problem> {
        if holdsMarkerLine(content) { return .failure(.markerInContent) }
        return markers(in: text).map { found in
            var body = content
            if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
            return String(text[..<found.contentStart]) + body + String(text[found.contentEnd...])
        }
    }

    /// The 1-based lines of the begin and end markers, to say where docs went.
    public static func markerLines(in text: String) -> Result<(begin: Int, end: Int), Problem> {
        markers(in: text).map { ($0.beginLine, $0.endLine) }
    }

    /// Whether the content between the markers is exactly `content` (as `inject` would write it).
    public static func isCurrent(_ content: String, in text: String) -> Result<Bool, Problem> {
        var body = content
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return current(in: text).map { $0 == body[...] }
    }

    /// Whether a line of `content` would be read as a marker.
    static func holdsMarkerLine(_ content: String) -> Bool {
        guard content.contains(beginMarker) || content.contains(endMarker) else { return false }
        return content.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.contains { line in
            let trimmed = line.trimmingMarkerSpace
            return trimmed == beginMarker || trimmed == endMarker
        }
    }

    private typealias Found = (contentStart: String.Index, contentEnd: String.Index, beginLine: Int, endLine: Int)

    private static func markers(in text: String) -> Result<Found, Problem> {
        var begins: [(start: String.Index, next: String.Index, line: Int)] = []
        var ends: [(start: String.Index, next: String.Index, line: Int)] = []
        var fence = CodeFence()
        var lineStart = text.startIndex
        var number = 1
        while lineStart < text.endIndex {
            // "\r\n" is one Character in Swift, so CRLF line ends are found as such.
            let lineEnd = text[lineStart...].firstIndex { $0 == "\n" || $0 == "\r\n" } ?? text.endIndex
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            let raw = text[lineStart..<lineEnd]
            if !fence.read(raw) {
                let line = raw.trimmingMarkerSpace
                if line == beginMarker { begins.append((lineStart, next, number)) }
                if line == endMarker { ends.append((lineStart, next, number)) }
            }
            lineStart = next
            number += 1
        }
        guard let begin = begins.first else { return .failure(.missing(beginMarker)) }
        guard let end = ends.first else { return .failure(.missing(endMarker)) }
        guard begins.count == 1 else { return .failure(.repeated(beginMarker, count: begins.count)) }
        guard ends.count == 1 else { return .failure(.repeated(endMarker, count: ends.count)) }
        guard begin.start < end.start else { return .failure(.outOfOrder) }
        // A begin marker on the file's last line without a line break: content starts after it.
        return .success((begin.next, end.start, begin.line, end.line))
    }

    /// Whether the lines read so far leave us inside a fenced code block (CommonMark: a line of at
    /// least three backticks or tildes, indented at most three spaces, opens one; a line of the
    /// same character, at least as long, with nothing after it, closes it).
    private struct CodeFence {
        private var open: (character: Character, count: Int)?

        /// Reads one line; true when it is inside a fence or is a fence line itself.
        mutating func read(_ line: Substring) -> Bool {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard indent <= 3, let first = rest.first, first == "`" || first == "~" else { return open != nil }
            let count = rest.prefix { $0 == first }.count
            guard count >= 3 else { return open != nil }
            if let current = open {
                if first == current.character, count >= current.count,
                   rest.dropFirst(count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    open = nil
                }
                return true
            }
            // An info string after backticks may hold no backtick.
            if first == "`", rest.dropFirst(count).contains("`") { return false }
            open = (first, count)
            return true
        }
    }
}

extension Substring {
    /// The line without surrounding spaces and tabs.
    fileprivate var trimmingMarkerSpace: Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}

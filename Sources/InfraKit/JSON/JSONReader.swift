#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Why a text is not JSON: the byte offset of the problem and what was wrong there.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
    public var message: String
}

/// A strict RFC 8259 reader working on bytes.
///
/// It accepts any top-level value and rejects everything the RFC does not allow: comments,
/// trailing commas, single quotes, leading zeros, unescaped control characters, invalid escapes,
/// invalid UTF-8, and anything after the top-level value. Two choices go beyond the grammar:
/// a leading byte-order mark is skipped (RFC 8259 §8.1 lets a parser ignore it), and a `\u`
/// escape of a lone surrogate is rejected, since it names no character (as I-JSON, RFC 7493, requires).
///
/// The parser is iterative: nesting costs heap, not stack, and `maxDepth` turns absurd nesting
/// into an error instead of unbounded memory. `maxStringLength` (bytes between the quotes, as
/// written) stops a string that no inventory needs before the rest of it is scanned.
public struct JSONReader: Sendable {
    public static let defaultMaxDepth = 512
    public static let defaultMaxStringLength = 1 << 20

    public var maxDepth: Int
    public var maxStringLength: Int

    public init(maxDepth: Int = JSONReader.defaultMaxDepth, maxStringLength: Int = JSONReader.defaultMaxStringLength) {
        self.maxDepth = maxDepth
        self.maxStringLength = maxStringLength
    }

    /// Files at least this large are parsed in two halves side by side (`read`). Tests lower it.
    var parallelSize = 8 << 20
    /// A second half of at least this many values is moved into place by both cores. Tests lower it.
    var parallelMoveCount = 1 << 20

    public func read(_ source: SourceFile) throws(JSONSyntaxError) -> JSONDocument {
        try readTellingHalves(source).document
    }

    /// `read`, and whether the text was parsed in two halves that were joined.
    func readTellingHalves(_ source: SourceFile) throws(JSONSyntaxError) -> (document: JSONDocument, joined: Bool) {
        let bytes = source.storage
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(offset: 0, message: "file is larger than 4 GiB")
        }
        guard let tape = JSONTape(capacity: JSONTape.capacity(for: bytes.count, maxDepth: min(max(0, maxDepth), bytes.count))) else {
            throw JSONSyntaxError(offset: 0, message: "not enough memory to parse a file of \(bytes.count) bytes")
        }
        var parser = Parser(bytes: bytes, tape: tape.base, limit: JSONNode.maxNodes - 1, maxDepth: maxDepth, maxStringLength: maxStringLength)
        if source.wantsLineMarks { parser.lines = LineMarks(size: bytes.count) }
        var joined = false
        do {
            try parser.begin()
            if bytes.count >= parallelSize, let split = Parser.splitPoint(in: bytes) {
                joined = try parseInHalves(&parser, splittingAt: split, tape: tape)
            } else {
                _ = try parser.run(stoppingAt: nil)
            }
        } catch {
            // Not valid JSON: the file's lines are scanned for if a location is asked for.
            throw error
        }
        tape.count = parser.count
        if var lines = parser.lines {
            lines.finish()
            source.adoptLineMarks(lines)
        }
        return (JSONDocument(source: source, tape: tape), joined)
    }

    /// Parses the second half of the text on another core while this one parses the first.
    ///
    /// The split is where an array element starts on a new line (a raw line break is never inside a
    /// valid string, so whatever precedes it, the split is outside any string). The second half is
    /// parsed without knowing the containers it is in: it records the closing brackets it meets
    /// beyond its own values and how many values each of those containers gained. When the first
    /// half reaches the split, the two are joined if they agree — the containers still open there are
    /// the ones the second half closed, of the same kinds, within the depth and size limits — which
    /// gives exactly the tape one parser would have written. If they do not (the text is not valid
    /// JSON after the split, or an assumption failed), the first half's parser simply carries on alone
    /// from the split, so errors are found and reported as one parser finds them.
    /// Returns whether the halves were joined (false: the first half's parser did all the work).
    private func parseInHalves(_ parser: inout Parser, splittingAt split: Int, tape: JSONTape) throws(JSONSyntaxError) -> Bool {
        let bytes = parser.bytes
        // The end of the tape: room for the most values the second half can hold, two to spare (a
        // key is written before the check on the value after it).
        let region = (bytes.count - split + 1) / 2 + 4
        let regionStart = tape.capacity - region
        // No more values than a document may hold: more could never be joined, and every tape index
        // the second half writes (open containers link to the one around them) must fit in 28 bits.
        let second = SecondHalf(Parser(bytes: bytes, tape: tape.base + regionStart, limit: min(region - 2, JSONNode.maxNodes - 1),
                                       maxDepth: maxDepth, maxStringLength: maxStringLength))
        second.parser.position = split
        if let lines = parser.lines {
            // The split is the first byte after a line break and indentation.
            var lineStart = split
            while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            // The second half marks the lines of its blocks in the same tables; the first half's marks
            // take them over when the halves are joined, or else go on and mark them again.
            second.parser.lines = LineMarks(sharing: lines, startingAt: split, lineStart: lineStart)
        }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { second.parse() }
        let stopped: Bool
        do {
            stopped = try parser.run(stoppingAt: split)
        } catch {
            group.wait()  // it writes into the tape, which goes when this throws
            throw error
        }
        group.wait()
        guard stopped else { return false }
        if let frames = second.frames, parser.join(second.parser, closing: frames, from: regionStart, movingInParallelFrom: parallelMoveCount) {
            // Where the second half was written before it moved down: no longer needed.
            tape.discard(max(regionStart, parser.count)..<regionStart + second.parser.count)
            if var lines = second.parser.lines {
                lines.finish()
                parser.lines?.join(lines)
            }
            return true
        }
        tape.discard(regionStart..<regionStart + second.parser.count)
        _ = try parser.run(stoppingAt: nil)
        return false
    }

    public func read(path: String, text: String) throws(JSONSyntaxError) -> JSONDocument {
        try read(SourceFile(path: path, text: text))
    }
}

/// Where a text is split to be parsed in halves (`JSONReader.read`), for tests.
enum JSONReaderSplit {
    static func point(in bytes: UnsafeBufferPointer<UInt8>) -> Int? { Parser.splitPoint(in: bytes) }
    static var share: Int { Parser.splitShare }
}

/// The second half of a text parsed on another core: its parser and the containers it closed
/// (nil when it found the text invalid).
private final class SecondHalf: @unchecked Sendable { // buys: the second half parsed on the other core (parsing in halves)
    var parser: Parser
    var frames: [Parser.Frame]?

    init(_ parser: Parser) {
        self.parser = parser
    }

    func parse() {
        frames = try? parser.runFragment()
    }
}

private struct Parser {
    /// The text; under 4 GiB (`read` checks), so positions are written to the tape unchecked
    /// (`UInt32(truncatingIfNeeded:)`), as are tape indexes (under `JSONNode.maxNodes`).
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let maxStringLength: Int
    /// `maxStringLength`, or the text's size if smaller: a string's start plus it cannot overflow.
    let longestString: Int
    /// The last position a word (eight bytes) can be read at; negative when the text is shorter.
    let lastWord: Int
    var position = 0
    /// Where this parser writes its values, and how many it has written.
    let tape: UnsafeMutablePointer<JSONNode>
    var count = 0
    /// Most values this parser may write (the document's limit, or a fragment's region).
    let limit: Int
    /// Containers open, and the tape index of the innermost. While a container is open, its node's
    /// `count` is the values it has had so far and its `end` the tape index of the container around
    /// it: the open containers are a list through the tape, with no stack to grow or check.
    var depth = 0
    var innermost = 0
    /// The byte that closes the innermost container, `}` or `]`, so the next byte is compared
    /// with it without reading the container's kind back from the tape.
    var closer: UInt8 = 0
    /// The most containers open at once since `deepest` was last reset.
    var deepest = 0
    /// The lines this parser met, when it records them (`SourceFile.adoptLineMarks`): every line
    /// break of valid JSON is whitespace between values, so skipping whitespace finds them all, and
    /// the file need not be scanned for them again.
    var lines: LineMarks?

    init(bytes: UnsafeBufferPointer<UInt8>, tape: UnsafeMutablePointer<JSONNode>, limit: Int, maxDepth: Int, maxStringLength: Int) {
        self.bytes = bytes
        self.tape = tape
        self.limit = limit
        self.maxDepth = maxDepth
        self.maxStringLength = maxStringLength
        longestString = min(maxStringLength, bytes.count)
        lastWord = bytes.count - 8
    }

    mutating func append(_ node: JSONNode) {
        tape[count] = node
        count += 1
    }

    /// Skips a byte-order mark and leading whitespace; refuses a text with no value.
    mutating func begin() throws(JSONSyntaxError) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        if position == bytes.count {
            throw fail(bytes.isEmpty ? "file is empty: expected a JSON value"
                : bytes.count == 3 && position == 3 ? "file holds only a byte-order mark: expected a JSON value"
                : "expected a JSON value, found only whitespace")
        }
    }

    /// Parses to the end of the text, or until a value would start at `stop`; returns whether it
    /// stopped there. Called again with nil, it carries on from where it stopped.
    mutating func run(stoppingAt stop: Int?) throws(JSONSyntaxError) -> Bool {
        let stop = stop ?? -1
        valueLoop: while true {
            if position == stop { return true }
            // A non-empty container was opened: its first value comes next.
            if try parseValue() { continue valueLoop }
            // After a value: close containers or move to the next element or member.
            while true {
                skipWhitespace()
                guard depth > 0 else {
                    if position != bytes.count {
                        throw fail("expected end of file after the top-level value, found \(describeHere())")
                    }
                    return false
                }
                if try continueContainer() { continue valueLoop }
            }
        }
    }

    /// After a value inside the innermost open container: moves past a `,` (and the next key) and
    /// returns true, the next value coming; or closes the container and returns false, the container
    /// being itself a value that has just ended.
    mutating func continueContainer() throws(JSONSyntaxError) -> Bool {
        tape[innermost].count += 1
        let isObject = closer == UInt8(ascii: "}")
        guard position < bytes.count else {
            let opened = isObject ? "object" : "array"
            throw fail("unexpected end of file: expected ',' or '\(isObject ? "}" : "]")' to close the \(opened) that starts at \(here(Int(tape[innermost].offset)))")
        }
        let byte = bytes[position]
        if byte == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            if isObject {
                try parseKey()
            } else if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                throw fail("expected a value after ',', found ']' (trailing commas are not allowed)")
            }
            return true
        }
        if byte == closer {
            position += 1
            close()
            return false
        }
        throw fail(isObject
            ? "expected ',' or '}' after an object member, found \(describeHere())"
            : "expected ',' or ']' after an array element, found \(describeHere())")
    }

    // MARK: Parsing in halves

    /// Where the second half starts, in percent of the text: the middle. (The move after the join is
    /// shared between the cores; split at 46%, on 100,000 hosts the first half finished 20-40 ms
    /// before the second and its core waited.)
    static let splitShare = 50

    /// A container around the split that the second half closed (or, last, the level above the
    /// top-level value): values it gained after the split, whether they were members, where it ended.
    struct Frame {
        var count: UInt32 = 0
        /// Members (`true`), elements (`false`), or not known yet.
        var isObject: Bool?
        /// Tape index, in the fragment's region, just past the container's last value.
        var end = 0
        /// The most containers the fragment had open at once (0: it opened none) inside this container.
        var deepest = 0
        /// Whether a `,` followed a value at this level.
        var sawComma = false
    }

    /// Where the second half may start: the first array element at or after `splitShare` of the text
    /// that begins a line and is an object or an array, after a `,`. Nil when no such line comes soon after.
    static func splitPoint(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var from = bytes.count * splitShare / 100
        let last = min(bytes.count, from + (1 << 20))
        while from < last, let found = memchr(base + from, 0x0A, last - from) {
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var start = newline + 1
            while start < bytes.count, isSpace(bytes[start]) { start += 1 }
            var before = newline - 1
            while before >= 0, isSpace(bytes[before]) { before -= 1 }
            if start < bytes.count, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["),
               before >= 0, bytes[before] == UInt8(ascii: ",") {
                return start
            }
            from = newline + 1
        }
        return nil
    }

    /// Parses from `position` (an array element) to the end of the text, without knowing the
    /// containers around it: returns them as it closes them, innermost first, the last being the
    /// level of the top-level value. Throws at anything not valid in some context.
    mutating func runFragment() throws(JSONSyntaxError) -> [Frame] {
        var frames = [Frame(isObject: false)]
        valueLoop: while true {
            if try parseValue() { continue valueLoop }
            while true {
                skipWhitespace()
                guard depth > 0 else {
                    // A value ended at the level of a container opened before the split.
                    frames[frames.count - 1].count += 1
                    guard position < bytes.count else {
                        frames[frames.count - 1].deepest = deepest
                        return frames
                    }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                        frames[frames.count - 1].sawComma = true
                        // A string and a colon: a member; anything else: an element.
                        var isMember = false
                        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                            let (start, written) = (position, count)
                            try parseString()
                            skipWhitespace()
                            if position < bytes.count, bytes[position] == UInt8(ascii: ":") {
                                isMember = true
                                position += 1
                                skipWhitespace()
                            } else {
                                (position, count) = (start, written)
                            }
                        }
                        guard frames[frames.count - 1].isObject ?? isMember == isMember else {
                            throw fail("members and elements in one container")
                        }
                        frames[frames.count - 1].isObject = isMember
                        continue valueLoop
                    }
                    guard byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") else {
                        throw fail("expected ',' or a closing bracket, found \(describeHere())")
                    }
                    let isObject = byte == UInt8(ascii: "}")
                    guard frames[frames.count - 1].isObject ?? isObject == isObject else {
                        throw fail("a container closed by the wrong bracket")
                    }
                    position += 1
                    frames[frames.count - 1].isObject = isObject
                    frames[frames.count - 1].end = count
                    frames[frames.count - 1].deepest = deepest
                    deepest = 0
                    frames.append(Frame())
                    continue
                }
                if try continueContainer() { continue valueLoop }
            }
        }
    }

    /// Joins the second half (`fragment`, written at `regionStart` of the tape, which closed `frames`)
    /// to this parser, stopped at the split. Returns false, changing nothing, unless one parser
    /// would have written exactly the same tape.
    mutating func join(_ fragment: Parser, closing frames: [Frame], from regionStart: Int, movingInParallelFrom parallelCount: Int) -> Bool {
        let written = fragment.count
        // Every container open here is closed by the second half, in order, and nothing follows the
        // top-level value but whitespace.
        guard frames.count == depth + 1, let level = frames.last, level.count == 1, !level.sawComma,
              count + written <= JSONNode.maxNodes - 2 else { return false }
        // The frames go outwards from the innermost container, as the list of open containers does.
        var container = innermost
        for (closed, frame) in frames.dropLast().enumerated() {
            let isObject = tape[container].kind == .object
            guard frame.isObject == isObject,
                  // One parser would have had the containers still open around this one as well.
                  frame.deepest == 0 || depth - closed + frame.deepest <= maxDepth else { return false }
            container = Int(tape[container].end)
        }
        // The fragment's values move down to follow this parser's; their tape indexes shift with them.
        let shift = UInt32(count)
        nonisolated(unsafe) let (source, destination) = (tape + regionStart, tape + count) // buys: the second half's nodes moved on both cores
        let move = { @Sendable (range: Range<Int>) in
            for index in range {
                var node = source[index]
                if node.isContainer { node.end += shift }
                destination[index] = node
            }
        }
        // Most of the moving is page faults on the destination: a large move is shared between the
        // cores, in two halves that cannot overlap when the whole destination ends before the source.
        if written >= parallelCount, count + written <= regionStart {
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                move(half == 0 ? 0..<written / 2 : written / 2..<written)
            }
        } else {
            move(0..<written)
        }
        container = innermost
        for frame in frames.dropLast() {
            let around = Int(tape[container].end)
            tape[container].count += frame.count
            tape[container].end = shift + UInt32(frame.end)
            container = around
        }
        count += written
        depth = 0
        position = fragment.position
        return true
    }

    /// Parses one value. A container is opened and, if empty, closed again; returns true when
    /// a non-empty container was opened, so its first element (or member value) comes next.
    /// Inlined into the two loops that call it, once for each value.
    @inline(__always)
    mutating func parseValue() throws(JSONSyntaxError) -> Bool {
        guard position < bytes.count else { throw fail("unexpected end of file: expected a value") }
        // A key and its value are appended after this check; close() stores indexes in 28 bits.
        guard count < limit else {
            throw fail("more than \(JSONNode.maxNodes - 2) values in one file")
        }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try openContainer(.object)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                close()
                return false
            }
            try parseKey()
            return true
        case UInt8(ascii: "["):
            try openContainer(.array)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                close()
                return false
            }
            return true
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
        case UInt8(ascii: "t"):
            try parseLiteral("true", node: JSONNode(kind: .bool, flag: true, offset: UInt32(truncatingIfNeeded: start), count: 0, end: 0))
        case UInt8(ascii: "f"):
            try parseLiteral("false", node: JSONNode(kind: .bool, flag: false, offset: UInt32(truncatingIfNeeded: start), count: 0, end: 0))
        case UInt8(ascii: "n"):
            try parseLiteral("null", node: JSONNode(kind: .null, flag: false, offset: UInt32(truncatingIfNeeded: start), count: 0, end: 0))
        case UInt8(ascii: "'"):
            throw fail("expected a value, found \"'\" (strings must use double quotes)")
        case UInt8(ascii: "/"):
            throw fail("expected a value, found '/' (comments are not allowed in JSON)")
        default:
            throw fail("expected a value, found \(describeWord())")
        }
        return false
    }

    /// Parses `"key"` and the `:` after it, leaving the position at the member's value.
    mutating func parseKey() throws(JSONSyntaxError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw missingKey() }
        try parseString()
        // The colon mostly follows the key at once, and one space (or none) the colon.
        if position < bytes.count, bytes[position] == UInt8(ascii: ":") {
            position += 1
        } else {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("expected ':' after an object key, found \(describeHere())")
            }
            position += 1
        }
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: " "), bytes[position + 1] > 0x20 {
            position += 1
        } else {
            skipWhitespace()
        }
    }

    /// Why no key starts at the position. A key is read after `{` only when no `}` follows, so a
    /// `}` here comes after a `,`.
    @inline(never)
    func missingKey() -> JSONSyntaxError {
        guard position < bytes.count else { return fail("unexpected end of file: expected a string key") }
        if bytes[position] == UInt8(ascii: "}") {
            return fail("expected a string key after ',', found '}' (trailing commas are not allowed)")
        }
        let hint = bytes[position] == UInt8(ascii: "'") ? " (keys must use double quotes)" : ""
        return fail("expected a string key, found \(describeHere())\(hint)")
    }

    mutating func openContainer(_ kind: JSONKind) throws(JSONSyntaxError) {
        guard depth < maxDepth else {
            throw fail("nesting is deeper than \(maxDepth) levels")
        }
        // Count and end hold, until it closes, its values so far and the container around it.
        append(JSONNode(kind: kind, flag: false, offset: UInt32(truncatingIfNeeded: position), count: 0, end: UInt32(truncatingIfNeeded: innermost)))
        innermost = count - 1
        depth += 1
        deepest = max(deepest, depth)
        closer = kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        position += 1
    }

    mutating func close() {
        let node = innermost
        innermost = Int(tape[node].end)
        tape[node].end = UInt32(truncatingIfNeeded: count)
        depth -= 1
        if depth > 0 {
            closer = tape[innermost].kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
        }
    }

    /// Most calls find no whitespace (a value or punctuation comes at once), and no byte above 0x20
    /// is whitespace: that test is made where the call is, and only a run goes on to the loop.
    @inline(__always)
    mutating func skipWhitespace() {
        if position < bytes.count, bytes[position] > 0x20 { return }
        skipWhitespaceRun()
    }

    mutating func skipWhitespaceRun() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09:
                if bytes[position] == 0x0A { lines?.lineBreak(at: position) }
                position += 1
                // Indentation comes in runs of spaces: eight at a time, then straight to the first
                // other byte (the lowest byte of the word that differs from a space), mostly the
                // end of the run.
                while position <= lastWord {
                    let others = word(at: position) ^ Self.spaces
                    if others != 0 {
                        position &+= others.trailingZeroBitCount >> 3
                        if bytes[position] > 0x20 { return }
                        break
                    }
                    position &+= 8
                }
            default: return
            }
        }
    }

    // MARK: Eight bytes at a time

    private static let spaces: UInt64 = 0x2020_2020_2020_2020
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` (which must have eight bytes after it), first byte lowest.
    func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is below `limit` (at most 0x80). Bits above the
    /// lowest one may be wrong (a borrow carries up), so only the lowest one and "none" are exact.
    static func bytes(of word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }

    /// The bytes of `word` that may not appear in a string unexamined (a quote, a backslash, a
    /// control character or part of a multi-byte character), as high bits: zero when there is none,
    /// and the lowest is exact (`bytes(of:below:)`).
    static func specialStringBytes(in word: UInt64) -> UInt64 {
        bytes(of: word, below: 0x20)
            | bytes(of: word ^ (ones &* UInt64(UInt8(ascii: "\""))), below: 1)
            | bytes(of: word ^ (ones &* UInt64(UInt8(ascii: "\\"))), below: 1)
            | word & highBits
    }

    mutating func parseLiteral(_ word: StaticString, node: JSONNode) throws(JSONSyntaxError) {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (offset, byte) in text.enumerated() {
            guard position + offset < bytes.count, bytes[position + offset] == byte else {
                throw fail("expected a value, found \(describeWord())")
            }
        }
        position += text.count
        append(node)
    }

    mutating func parseNumber() throws(JSONSyntaxError) {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw fail("expected a digit after '-', found \(describeHere())")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw fail("leading zeros are not allowed in numbers")
            }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw fail("expected a digit after the decimal point, found \(describeHere())")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw fail("expected a digit in the exponent, found \(describeHere())")
            }
            skipDigits()
        }
        append(JSONNode(kind: .number, flag: isInteger, offset: UInt32(truncatingIfNeeded: start), count: UInt32(truncatingIfNeeded: position), end: 0))
    }

    mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Which error a string gives (the end of the text, the length limit, a byte) depends on the
    /// positions the scan stops at, as the end and the limit are checked at each: these are the
    /// positions eight bytes apart over plain ASCII, every special byte, and every position from
    /// eight bytes before the end of the text. They must not change.
    ///
    /// Most strings are short and plain: the first words reach the closing quote. That scan is
    /// inlined where strings are read; anything else goes on in `parseStringRest`.
    @inline(__always)
    mutating func parseString() throws(JSONSyntaxError) {
        let start = position
        // At a position past this one the string is longer than the limit.
        let longest = start + 1 + longestString
        // Up to here a word can be read, and neither the end of the text nor the limit has been
        // reached: the word scan needs no other check.
        let lastPlainWord = min(lastWord, longest)
        var scanned = start + 1
        while scanned <= lastPlainWord {
            let special = Self.specialStringBytes(in: word(at: scanned))
            if special == 0 {
                scanned &+= 8
                continue
            }
            scanned &+= special.trailingZeroBitCount >> 3
            if bytes[scanned] == UInt8(ascii: "\""), scanned <= longest {
                append(JSONNode(kind: .string, flag: false, offset: UInt32(truncatingIfNeeded: start),
                                count: UInt32(truncatingIfNeeded: scanned), end: 0))
                position = scanned &+ 1
                return
            }
            break
        }
        position = scanned
        try parseStringRest(from: start)
    }

    /// The rest of the string that starts at `start`, from the position: the same scan, with every
    /// check, at the same positions.
    mutating func parseStringRest(from start: Int) throws(JSONSyntaxError) {
        let longest = start + 1 + longestString
        let lastPlainWord = min(lastWord, longest)
        var hasEscapes = false
        scan: while true {
            while position <= lastPlainWord {
                let special = Self.specialStringBytes(in: word(at: position))
                if special == 0 {
                    position += 8
                    continue
                }
                position += special.trailingZeroBitCount >> 3
                // The closing quote ends the string here; the limit is checked after the loop.
                if bytes[position] == UInt8(ascii: "\"") { break scan }
                break
            }
            guard position < bytes.count else {
                throw fail("unexpected end of file: the string that starts at \(here(start)) is not closed")
            }
            guard position <= longest else { throw stringTooLong(start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try parseEscape()
            } else if byte < 0x20 {
                throw fail("unescaped control character \(scalarName(UInt32(byte))) in a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        guard position <= longest else { throw stringTooLong(start) }
        append(JSONNode(kind: .string, flag: hasEscapes, offset: UInt32(truncatingIfNeeded: start),
                        count: UInt32(truncatingIfNeeded: position), end: 0))
        position += 1
    }

    @inline(never)
    func stringTooLong(_ start: Int) -> JSONSyntaxError {
        fail(at: start, "string longer than \(maxStringLength) bytes (limit: --max-string-length)")
    }

    mutating func parseEscape() throws(JSONSyntaxError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw fail("unexpected end of file in an escape sequence") }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let scalar = try hex4()
            if (0xDC00...0xDFFF).contains(scalar) {
                throw fail(at: escapeStart, "lone low surrogate \\u\(hexString(scalar)) in a string")
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw fail(at: escapeStart, "lone high surrogate \\u\(hexString(scalar)) in a string: expected a \\uDC00-\\uDFFF escape after it")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail(at: escapeStart, "lone high surrogate \\u\(hexString(scalar)) in a string: expected a \\uDC00-\\uDFFF escape after it")
                }
            }
        default:
            throw fail(at: escapeStart, "invalid escape \(describeEscape()) in a string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = JSONStringDecoder.hexValue(bytes[position]) else {
                throw fail("expected four hexadecimal digits after \\u, found \(describeHere())")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw fail("invalid UTF-8: byte 0x\(hexByte(lead)) cannot start a character")
        }
        for offset in 1..<length {
            let index = position + offset
            let range: ClosedRange<UInt8> = offset == 1 ? secondRange : 0x80...0xBF
            guard index < bytes.count, range.contains(bytes[index]) else {
                throw fail("invalid UTF-8: malformed \(length)-byte sequence starting with byte 0x\(hexByte(lead))")
            }
        }
        position += length
    }

    // MARK: Messages

    /// The error at the position. The message is built only when thrown, and out of line, so its
    /// code does not weigh on the frames of the parsing functions.
    @inline(never)
    func fail(_ message: @autoclosure () -> String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message())
    }

    @inline(never)
    func fail(at offset: Int, _ message: @autoclosure () -> String) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset, message: message())
    }

    /// "line 3, column 5" for an offset, used to point back at an opening token.
    func here(_ offset: Int) -> String {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return "line \(line), column \(column)"
    }

    func describeHere() -> String {
        guard position < bytes.count else { return "end of file" }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "'"): return "\"'\""
        case 0x21...0x7E: return "'\(Character(UnicodeScalar(byte)))'"
        case 0x20: return "' '"
        case 0x00..<0x20, 0x7F: return "control character \(scalarName(UInt32(byte))) (is this a binary file?)"
        default:
            return "byte 0x\(hexByte(byte)) (not valid outside a string; is this a binary file?)"
        }
    }

    /// The word at the position, for messages such as "found 'NaN'". A longer word is only measured,
    /// never quoted: it may be a credential written without quotes, and these messages reach CI logs.
    func describeWord() -> String {
        var end = position
        while end < bytes.count, end - position < 100 {
            let byte = bytes[end]
            let isWordByte = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || byte == UInt8(ascii: "_") || isDigit(byte)
            guard isWordByte else { break }
            end += 1
        }
        guard end > position else { return describeHere() }
        guard end - position <= 12 else { return "an unquoted word of \(end - position)\(end - position == 100 ? " or more" : "") characters" }
        return "'\(String(decoding: bytes[position..<end], as: UTF8.self))'"
    }

    func describeEscape() -> String {
        guard position < bytes.count else { return "'\\'" }
        let byte = bytes[position]
        if byte >= 0x21 && byte <= 0x7E { return "'\\\(Character(UnicodeScalar(byte)))'" }
        return "'\\' followed by byte 0x\(hexByte(byte))"
    }

    func scalarName(_ value: UInt32) -> String { "U+\(hexString(value))" }

    func hexString(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}

@testable import InfraJSON

/// The JSON parser as it was before its hot paths were tuned (byte at a time around each SWAR
/// word, an Array of open containers, messages built inline), one parser, no halves. Kept as the
/// oracle the reader is compared with (`ParserEquivalenceTests`): for any text, both must write
/// the same tape or throw the same error. Not used by the tool.
struct PlainJSONParser {
    /// The tape as "kind flag offset count end" lines, or the error as "offset message".
    static func tapeOrError(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth,
                            maxStringLength: Int = JSONReader.defaultMaxStringLength) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            let capacity = JSONTape.capacity(for: buffer.count, maxDepth: min(max(0, maxDepth), buffer.count))
            let tape = UnsafeMutablePointer<JSONNode>.allocate(capacity: capacity)
            defer { tape.deallocate() }
            var parser = PlainJSONParser(bytes: buffer, tape: tape, limit: JSONNode.maxNodes - 1, maxDepth: maxDepth, maxStringLength: maxStringLength)
            do throws(JSONSyntaxError) {
                try parser.begin()
                _ = try parser.run(stoppingAt: nil)
            } catch {
                return ["\(error.offset) \(error.message)"]
            }
            return UnsafeBufferPointer(start: tape, count: parser.count).map { "\($0.kind) \($0.flag) \($0.offset) \($0.count) \($0.end)" }
        }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    let maxStringLength: Int
    var position = 0
    /// Where this parser writes its values, and how many it has written.
    let tape: UnsafeMutablePointer<JSONNode>
    var count = 0
    /// Most values this parser may write (the document's limit, or a fragment's region).
    let limit: Int
    /// Open containers: tape index and children seen so far.
    var open: [(node: Int, count: UInt32)] = []
    /// The most containers open at once since `deepest` was last reset.
    var deepest = 0

    init(bytes: UnsafeBufferPointer<UInt8>, tape: UnsafeMutablePointer<JSONNode>, limit: Int, maxDepth: Int, maxStringLength: Int) {
        self.bytes = bytes
        self.tape = tape
        self.limit = limit
        self.maxDepth = maxDepth
        self.maxStringLength = maxStringLength
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
                guard let top = open.last else {
                    if position != bytes.count {
                        throw fail("expected end of file after the top-level value, found \(describeHere())")
                    }
                    return false
                }
                if try continueContainer(top) { continue valueLoop }
            }
        }
    }

    /// After a value inside the open container `top`: moves past a `,` (and the next key) and
    /// returns true, the next value coming; or closes the container and returns false, the container
    /// being itself a value that has just ended.
    mutating func continueContainer(_ top: (node: Int, count: UInt32)) throws(JSONSyntaxError) -> Bool {
        open[open.count - 1].count = top.count + 1
        let isObject = tape[top.node].kind == .object
        guard position < bytes.count else {
            let opened = isObject ? "object" : "array"
            throw fail("unexpected end of file: expected ',' or '\(isObject ? "}" : "]")' to close the \(opened) that starts at \(here(Int(tape[top.node].offset)))")
        }
        let byte = bytes[position]
        if byte == UInt8(ascii: ",") {
            position += 1
            skipWhitespace()
            if isObject {
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    throw fail("expected a string key after ',', found '}' (trailing commas are not allowed)")
                }
                try parseKey()
            } else if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                throw fail("expected a value after ',', found ']' (trailing commas are not allowed)")
            }
            return true
        }
        if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            position += 1
            close()
            return false
        }
        throw fail(isObject
            ? "expected ',' or '}' after an object member, found \(describeHere())"
            : "expected ',' or ']' after an array element, found \(describeHere())")
    }


    /// Parses one value. A container is opened and, if empty, closed again; returns true when
    /// a non-empty container was opened, so its first element (or member value) comes next.
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
            try parseLiteral("true", node: JSONNode(kind: .bool, flag: true, offset: UInt32(start), count: 0, end: 0))
        case UInt8(ascii: "f"):
            try parseLiteral("false", node: JSONNode(kind: .bool, flag: false, offset: UInt32(start), count: 0, end: 0))
        case UInt8(ascii: "n"):
            try parseLiteral("null", node: JSONNode(kind: .null, flag: false, offset: UInt32(start), count: 0, end: 0))
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
        guard position < bytes.count else { throw fail("unexpected end of file: expected a string key") }
        guard bytes[position] == UInt8(ascii: "\"") else {
            let hint = bytes[position] == UInt8(ascii: "'") ? " (keys must use double quotes)" : ""
            throw fail("expected a string key, found \(describeHere())\(hint)")
        }
        try parseString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw fail("expected ':' after an object key, found \(describeHere())")
        }
        position += 1
        skipWhitespace()
    }

    mutating func openContainer(_ kind: JSONKind) throws(JSONSyntaxError) {
        guard open.count < maxDepth else {
            throw fail("nesting is deeper than \(maxDepth) levels")
        }
        open.append((node: count, count: 0))
        deepest = max(deepest, open.count)
        append(JSONNode(kind: kind, flag: false, offset: UInt32(position), count: 0, end: 0))
        position += 1
    }

    mutating func close() {
        guard let top = open.popLast() else { return }
        tape[top.node].count = top.count
        tape[top.node].end = UInt32(count)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09:
                position += 1
                // Indentation comes in runs of spaces: eight at a time.
                while position + 8 <= bytes.count, word(at: position) == Self.spaces { position += 8 }
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

    /// The number of bytes at the start of `word` that may appear in a string unexamined: none is a
    /// quote, a backslash, a control character or part of a multi-byte character.
    static func plainStringBytes(in word: UInt64) -> Int {
        let special = bytes(of: word, below: 0x20)
            | bytes(of: word ^ (ones &* UInt64(UInt8(ascii: "\""))), below: 1)
            | bytes(of: word ^ (ones &* UInt64(UInt8(ascii: "\\"))), below: 1)
            | word & highBits
        return special.trailingZeroBitCount >> 3
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
        append(JSONNode(kind: .number, flag: isInteger, offset: UInt32(start), count: UInt32(position), end: 0))
    }

    mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    mutating func parseString() throws(JSONSyntaxError) {
        let start = position
        position += 1
        var hasEscapes = false
        while true {
            guard position < bytes.count else {
                throw JSONSyntaxError(offset: position, message: "unexpected end of file: the string that starts at \(here(start)) is not closed")
            }
            guard position - start - 1 <= maxStringLength else {
                throw JSONSyntaxError(offset: start, message: "string longer than \(maxStringLength) bytes (limit: --max-string-length)")
            }
            // Most of a string is plain ASCII: skip it eight bytes at a time (back to the top after
            // each skip, so the length limit is checked at every position it was before).
            if position + 8 <= bytes.count {
                let plain = Self.plainStringBytes(in: word(at: position))
                if plain > 0 {
                    position += plain
                    continue
                }
            }
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
        append(JSONNode(kind: .string, flag: hasEscapes, offset: UInt32(start), count: UInt32(position), end: 0))
        position += 1
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
                throw JSONSyntaxError(offset: escapeStart, message: "lone low surrogate \\u\(hexString(scalar)) in a string")
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw JSONSyntaxError(offset: escapeStart, message: "lone high surrogate \\u\(hexString(scalar)) in a string: expected a \\uDC00-\\uDFFF escape after it")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONSyntaxError(offset: escapeStart, message: "lone high surrogate \\u\(hexString(scalar)) in a string: expected a \\uDC00-\\uDFFF escape after it")
                }
            }
        default:
            throw JSONSyntaxError(offset: escapeStart, message: "invalid escape \(describeEscape()) in a string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
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

    func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
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

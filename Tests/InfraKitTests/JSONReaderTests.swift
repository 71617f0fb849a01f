import Foundation
import Testing
@testable import InfraJSON

@Suite("JSON reader")
struct JSONReaderTests {
    func read(_ text: String) throws -> JSONDocument {
        try JSONReader().read(path: "t.json", text: text)
    }

    func error(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) -> (location: Location, message: String)? {
        do {
            _ = try JSONReader(maxDepth: maxDepth).read(path: "t.json", text: text)
            return nil
        } catch {
            let source = SourceFile(path: "t.json", text: text)
            return (source.location(at: error.offset), error.message)
        }
    }

    @Test("accepts every top-level value RFC 8259 allows",
          arguments: ["0", "-0", "1.5e10", "-12.25E-3", "\"text\"", "true", "false", "null", "[]", "{}", " [ 1 , { } ] \n"])
    func acceptsTopLevelValues(_ text: String) throws {
        let document = try read(text)
        #expect(document.valueCount >= 1)
    }

    @Test func decodesStringsWithEscapes() throws {
        let document = try read(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "plain é 😀"]"#)
        let strings = document.root.elements.compactMap(\.string)
        #expect(strings == ["a\"b\\c/d\u{08}\u{0C}\n\r\t", "é€", "😀", "plain é 😀"])
    }

    @Test func readsNumbers() throws {
        let document = try read("[0, -7, 12.5, 1e3, 123456789012345678901234567890, 1e999999]")
        let values = document.root.elements
        #expect(values[0].int == 0)
        #expect(values[1].int == -7)
        #expect(values[2].double == 12.5)
        #expect(values[2].int == nil)
        #expect(values[3].double == 1000)
        #expect(values[4].int == nil)  // too large for Int, but no crash
        #expect(values[4].numberText == "123456789012345678901234567890")
        #expect(values[5].double == .infinity)
    }

    @Test func numbersReadAsTheStandardLibraryParsesTheirText() throws {
        let literals = ["0", "-0", "7", "-7", "42", "100000", "123456789012345", "-123456789012345",
                        "1234567890123456", "999999999999999999", "-999999999999999999", "9223372036854775807",
                        "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890",
                        "1.5", "-0.0", "1e3", "2E-2", "0.1"]
        let document = try JSONReader().read(path: "numbers.json", text: "[" + literals.joined(separator: ", ") + "]")
        let values = document.root.elements
        #expect(values.count == literals.count)
        for (literal, value) in zip(literals, values) {
            let expected = try #require(Double(literal))
            let double = try #require(value.double)
            // Bit for bit, so negative zero stays negative.
            #expect(double.bitPattern == expected.bitPattern, "\(literal)")
            #expect(value.int == (literal.contains(where: { ".eE".contains($0) }) ? nil : Int(literal)), "\(literal)")
        }
    }

    @Test func keepsKeyOrderAndDuplicates() throws {
        let document = try read(#"{"b": 1, "a": 2, "b": 3}"#)
        let members = document.root.members
        #expect(members.map(\.name) == ["b", "a", "b"])
        #expect(document.root["b"]?.int == 1)
        #expect(document.root["a"]?.int == 2)
    }

    @Test func locatesValuesAndKeysInCharacters() throws {
        let text = "{\n  \"café\": [true,\n    \"x\"],\n\t\"k\": null}"
        let document = try read(text)
        let members = document.root.members
        #expect(members[0].key.location == Location(file: "t.json", line: 2, column: 3))
        #expect(members[0].value.location == Location(file: "t.json", line: 2, column: 11))
        #expect(members[0].value.elements[1].location == Location(file: "t.json", line: 3, column: 5))
        #expect(members[1].key.location == Location(file: "t.json", line: 4, column: 2))
        #expect(members[1].value.location == Location(file: "t.json", line: 4, column: 7))
    }

    @Test func columnsOnVeryLongLinesCountScalars() {
        // One 40,000-byte line mixing one-, two- and four-byte characters, as in a minified file.
        let text = "x\n" + String(repeating: "aé😀", count: 5_714)
        let source = SourceFile(path: "t", text: text)
        let bytes = Array(text.utf8)
        for offset in [2, 3, 4_097, 8_191, 20_000, bytes.count] {
            let naive = 1 + bytes[2..<offset].filter { $0 & 0xC0 != 0x80 }.count
            #expect(source.location(at: offset) == Location(file: "t", line: 2, column: naive))
        }
    }

    @Test func skipsALeadingByteOrderMark() throws {
        let source = SourceFile(path: "t.json", bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        let document = try JSONReader().read(source)
        #expect(document.root.elements.first?.int == 1)
    }

    struct Rejection: Sendable, CustomStringConvertible {
        let text: String
        let line: Int
        let column: Int
        let message: String
        var description: String { text }
    }

    @Test("rejects what RFC 8259 does not allow, at the right place", arguments: [
        Rejection(text: "[1, 2,]", line: 1, column: 7, message: "expected a value after ',', found ']' (trailing commas are not allowed)"),
        Rejection(text: "{\"a\": 1,}", line: 1, column: 9, message: "expected a string key after ',', found '}' (trailing commas are not allowed)"),
        Rejection(text: "// c\n1", line: 1, column: 1, message: "expected a value, found '/' (comments are not allowed in JSON)"),
        Rejection(text: "['a']", line: 1, column: 2, message: "expected a value, found \"'\" (strings must use double quotes)"),
        Rejection(text: "{'a': 1}", line: 1, column: 2, message: "expected a string key, found \"'\" (keys must use double quotes)"),
        Rejection(text: "[01]", line: 1, column: 3, message: "leading zeros are not allowed in numbers"),
        Rejection(text: "[1.]", line: 1, column: 4, message: "expected a digit after the decimal point, found ']'"),
        Rejection(text: "[-]", line: 1, column: 3, message: "expected a digit after '-', found ']'"),
        Rejection(text: "[1e]", line: 1, column: 4, message: "expected a digit in the exponent, found ']'"),
        Rejection(text: "[+1]", line: 1, column: 2, message: "expected a value, found '+'"),
        Rejection(text: "[NaN]", line: 1, column: 2, message: "expected a value, found 'NaN'"),
        Rejection(text: "[tru]", line: 1, column: 2, message: "expected a value, found 'tru'"),
        Rejection(text: "\"a\tb\"", line: 1, column: 3, message: "unescaped control character U+0009 in a string"),
        Rejection(text: "\"a\\xb\"", line: 1, column: 3, message: "invalid escape '\\x' in a string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
        Rejection(text: "\"\\u12G4\"", line: 1, column: 6, message: "expected four hexadecimal digits after \\u, found 'G'"),
        Rejection(text: "\"\\ud800\"", line: 1, column: 2, message: "lone high surrogate \\uD800 in a string: expected a \\uDC00-\\uDFFF escape after it"),
        Rejection(text: "\"\\udc00\"", line: 1, column: 2, message: "lone low surrogate \\uDC00 in a string"),
        Rejection(text: "[1] [2]", line: 1, column: 5, message: "expected end of file after the top-level value, found '['"),
        Rejection(text: "{\"a\" 1}", line: 1, column: 6, message: "expected ':' after an object key, found '1'"),
        Rejection(text: "[1 2]", line: 1, column: 4, message: "expected ',' or ']' after an array element, found '2'"),
        Rejection(text: "{\"a\": 1 \"b\": 2}", line: 1, column: 9, message: "expected ',' or '}' after an object member, found '\"'"),
        Rejection(text: "{\"a\": [1,\n  2", line: 2, column: 4, message: "unexpected end of file: expected ',' or ']' to close the array that starts at line 1, column 7"),
        Rejection(text: "{\"a\": \"tex", line: 1, column: 11, message: "unexpected end of file: the string that starts at line 1, column 7 is not closed"),
        Rejection(text: "", line: 1, column: 1, message: "file is empty: expected a JSON value"),
        Rejection(text: " \n\t ", line: 2, column: 3, message: "expected a JSON value, found only whitespace"),
    ])
    func rejects(_ case: Rejection) {
        let found = error(`case`.text)
        #expect(found?.message == `case`.message)
        #expect(found?.location.line == `case`.line)
        #expect(found?.location.column == `case`.column)
    }

    @Test("rejects invalid UTF-8", arguments: [
        ([0x22, 0xFF, 0x22], "invalid UTF-8: byte 0xFF cannot start a character"),
        ([0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8: byte 0xC0 cannot start a character"),  // overlong '/'
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8: malformed 3-byte sequence starting with byte 0xE0"),  // overlong
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8: malformed 3-byte sequence starting with byte 0xED"),  // surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8: malformed 4-byte sequence starting with byte 0xF4"),  // > U+10FFFF
        ([0x22, 0xC3, 0x22], "invalid UTF-8: malformed 2-byte sequence starting with byte 0xC3"),  // truncated
        ([0x5B, 0xC3, 0xA9, 0x5D], "expected a value, found byte 0xC3 (not valid outside a string; is this a binary file?)"),
    ] as [([UInt8], String)])
    func rejectsInvalidUTF8(_ bytes: [UInt8], _ message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONReader().read(SourceFile(path: "t", bytes: bytes)) }
        do {
            _ = try JSONReader().read(SourceFile(path: "t", bytes: bytes))
        } catch {
            #expect(error.message == message)
            #expect(error.offset == 1)
        }
    }

    @Test func acceptsValidMultibyteUTF8() throws {
        let document = try read("\"ß€😀\u{10FFFF}\"")
        #expect(document.root.string == "ß€😀\u{10FFFF}")
    }

    @Test func limitsNestingDepth() {
        let atLimit = String(repeating: "[", count: 8) + String(repeating: "]", count: 8)
        #expect(error(atLimit, maxDepth: 8) == nil)
        let beyond = String(repeating: "[", count: 9) + String(repeating: "]", count: 9)
        let found = error(beyond, maxDepth: 8)
        #expect(found?.message == "nesting is deeper than 8 levels")
        #expect(found?.location.column == 9)
    }

    @Test func survivesAMillionOpenBrackets() {
        let found = error(String(repeating: "[", count: 1_000_000))
        #expect(found?.message == "nesting is deeper than 512 levels")
        let objects = error(String(repeating: "{\"a\":", count: 1_000_000))
        #expect(objects?.message == "nesting is deeper than 512 levels")
    }

    @Test func deepButAllowedNestingDoesNotOverflowTheStack() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let document = try JSONReader(maxDepth: depth).read(path: "t", text: text)
        #expect(document.valueCount == depth)
    }

    /// The error of reading `bytes`, alone or in halves (nil when they read).
    static func failure(_ bytes: [UInt8], halves: Bool = false, maxDepth: Int = JSONReader.defaultMaxDepth) -> JSONSyntaxError? {
        var reader = JSONReader(maxDepth: maxDepth)
        reader.parallelSize = halves ? 0 : .max
        do {
            _ = try reader.read(SourceFile(path: "t.json", bytes: bytes))
            return nil
        } catch {
            return error
        }
    }

    /// Every file an inventory author might hand over, cut off anywhere: the cut file is rejected
    /// (an object is never complete before its last byte), at or before the cut, and read in
    /// halves it gives the same error.
    @Test func everyCutOfAnInventoryIsRejectedAtOrBeforeTheCut() throws {
        let directories = ["inventories", "Tests/InfraKitTests/Fixtures/valid"]
        var files: [[UInt8]] = []
        for directory in directories {
            let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/" + directory)
            for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
                files.append(Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + directory + "/" + name))))
            }
        }
        #expect(files.count > 5)
        for bytes in files {
            #expect(Self.failure(bytes) == nil && Self.failure(bytes, halves: true) == nil)
            let cuts = Set(Array(0..<min(bytes.count, 200)) + Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200))))
            for cut in cuts.sorted() {
                let error = Self.failure(Array(bytes[..<cut]))
                #expect(error != nil && error.map { $0.offset <= cut } == true, "cut at \(cut): \(String(describing: error))")
                #expect(Self.failure(Array(bytes[..<cut]), halves: true)?.message == error?.message, "cut at \(cut)")
            }
        }
    }

    /// A string whose content ends, or holds an escape or a multibyte character, at every offset of
    /// the eight-byte words the reader scans: it reads back as written, and a mistake in it is
    /// reported at the mistake's byte.
    @Test func stringsReadBackWhereverTheirContentFallsInAWord() throws {
        let valid: [(written: [UInt8], text: String)] = [
            ([], ""), (Array("\\n".utf8), "\n"), (Array("\\u00e9".utf8), "é"), (Array("\\ud83d\\ude00".utf8), "😀"),
            ([0xC3, 0xA9], "é"), ([0xE2, 0x82, 0xAC], "€"), ([0xF0, 0x9F, 0x98, 0x80], "😀"),
        ]
        let invalid: [[UInt8]] = [Array("\\x".utf8), [0xC3], [0x80], [0x01], [0x1F], [0xFF]]
        for before in 0..<18 {
            let lead = Array(repeating: UInt8(ascii: "a"), count: before)
            for special in valid {
                for tail in [Array("\"]".utf8), Array("\"    ]".utf8), Array("\" , 1]".utf8)] {
                    let text = Array("[\"".utf8) + lead + special.written + Array("bc".utf8) + tail
                    let document = try JSONReader().read(SourceFile(path: "t.json", bytes: text))
                    #expect(document.root.elements.first?.string == String(repeating: "a", count: before) + special.text + "bc")
                    // Cut off inside the string: rejected inside it (not closed, or a cut escape or character).
                    for cut in 2..<(text.count - tail.count) {
                        let error = Self.failure(Array(text[..<cut]))
                        #expect(error.map { (1...cut).contains($0.offset) } == true, "\(before) \(special.text) cut \(cut)")
                    }
                }
            }
            for special in invalid {
                let text = Array("[\"".utf8) + lead + special + Array("bc\"]".utf8)
                #expect(Self.failure(text)?.offset == 2 + before, "\(special) after \(before)")
            }
        }
    }

    /// Runs of each of JSON's four whitespace bytes, of every length up to past two words, wherever
    /// whitespace may stand; any other byte there (vertical tab, form feed, NUL) is rejected at itself.
    @Test func whitespaceIsTheFourBytesOfRFC8259Anywhere() {
        let places = ["_[_1_,_{_\"k\"_:_\"v\"_,_\"l\"_:_[_]_}_]_", "_{_}_", "_\"s\"_", "{\"a\":_1_}"]
        for byte in Array(" \t\r\n".utf8) + [0x0B, 0x0C, 0x00] {
            let isWhitespace = byte != 0x0B && byte != 0x0C && byte != 0x00
            for length in 1..<20 {
                let run = Array(repeating: byte, count: length)
                for place in places {
                    var text: [UInt8] = []
                    for character in place.utf8 { text += character == UInt8(ascii: "_") ? run : [character] }
                    let error = Self.failure(text)
                    if isWhitespace {
                        #expect(error == nil, "\(place) with \(length) of \(byte): \(String(describing: error))")
                    } else {
                        #expect(error?.offset == Array(place.utf8).firstIndex(of: UInt8(ascii: "_")), "\(place) with \(byte)")
                    }
                }
            }
        }
    }

    /// Containers nested exactly to the limit read, one deeper is rejected at the opening that
    /// goes too deep, read alone or in halves.
    @Test func nestingIsLimitedAtTheContainerThatGoesTooDeep() {
        for maxDepth in [1, 2, 3, 7, 64] {
            for depth in [maxDepth, maxDepth + 1] {
                let arrays = Array(repeating: UInt8(ascii: "["), count: depth) + Array("1".utf8) + Array(repeating: UInt8(ascii: "]"), count: depth)
                let objects = Array(String(repeating: "{\"k\": ", count: depth).utf8) + Array("1".utf8) + Array(repeating: UInt8(ascii: "}"), count: depth)
                for (text, opening) in [(arrays, 1), (objects, 6)] {
                    for halves in [false, true] {
                        let error = Self.failure(text, halves: halves, maxDepth: maxDepth)
                        if depth == maxDepth {
                            #expect(error == nil)
                        } else {
                            #expect(error?.message == "nesting is deeper than \(maxDepth) levels")
                            #expect(error?.offset == maxDepth * opening)
                        }
                    }
                }
            }
        }
    }
}

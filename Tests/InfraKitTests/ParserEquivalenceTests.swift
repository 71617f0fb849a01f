import Foundation
import Testing
@testable import InfraJSON

/// The reader must write exactly the tape, or throw exactly the error, that the plain parser
/// (`PlainJSONParser`) gives: for whole files, every truncation and many mutations of them, and
/// texts built around the places where reading eight bytes at a time could go wrong (a string or
/// a run of whitespace ending at every offset within a word, near the end of the text, at the
/// string length limit), read by one parser and in halves.
@Suite("Parser equivalence")
struct ParserEquivalenceTests {
    func readerTapeOrError(_ bytes: [UInt8], maxDepth: Int, maxStringLength: Int, inHalves: Bool) -> [String] {
        var reader = JSONReader(maxDepth: maxDepth, maxStringLength: maxStringLength)
        reader.parallelSize = inHalves ? 0 : .max
        do {
            let document = try reader.read(SourceFile(path: "t.json", bytes: bytes))
            return document.tape.map { "\($0.kind) \($0.flag) \($0.offset) \($0.count) \($0.end)" }
        } catch {
            return ["\(error.offset) \(error.message)"]
        }
    }

    func expectSame(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth,
                    maxStringLength: Int = JSONReader.defaultMaxStringLength, halves: Bool = false,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = PlainJSONParser.tapeOrError(bytes, maxDepth: maxDepth, maxStringLength: maxStringLength)
        for inHalves in halves ? [false, true] : [false] {
            let actual = readerTapeOrError(bytes, maxDepth: maxDepth, maxStringLength: maxStringLength, inHalves: inHalves)
            guard actual != expected else { continue }
            let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            Issue.record("\(inHalves ? "in halves" : "one parser"), depth \(maxDepth), string limit \(maxStringLength): \(actual.prefix(3)) != \(expected.prefix(3)) for \(text.debugDescription)",
                         sourceLocation: sourceLocation)
            return
        }
    }

    static func jsonFiles() throws -> [[UInt8]] {
        var paths: [String] = []
        for directory in ["inventories", "Tests/InfraKitTests/Fixtures/hostile", "Tests/InfraKitTests/Fixtures/valid", "Tests/InfraKitTests/Fixtures/broken"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/" + directory)
            paths += names.filter { $0.hasSuffix(".json") }.sorted().map { repositoryRoot + "/" + directory + "/" + $0 }
        }
        return try paths.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
    }

    @Test func wholeFilesAndTheirTruncations() throws {
        for bytes in try Self.jsonFiles() {
            expectSame(bytes, halves: true)
            expectSame(bytes, maxDepth: 3, maxStringLength: 9, halves: true)
            // Cut at every byte of the head and the tail, and at 300 places in between.
            let cuts = Set(Array(0..<min(bytes.count, 300)) + Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)))
                           + Array(max(0, bytes.count - 40)..<bytes.count))
            for cut in cuts.sorted() {
                expectSame(Array(bytes[..<cut]))
            }
        }
    }

    @Test func mutatedFiles() throws {
        var random = SeededGenerator(seed: 0x1DF0_05EE)
        let replacements: [UInt8] = Array(" \t\r\n\"\\/:,{}[]0-.eEtfnu".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        for bytes in try Self.jsonFiles() where !bytes.isEmpty {
            for round in 0..<60 {
                var mutated = bytes
                for _ in 0..<(1 + round % 3) {
                    let at = Int(random.next() % UInt64(mutated.count))
                    let byte = replacements[Int(random.next() % UInt64(replacements.count))]
                    switch random.next() % 3 {
                    case 0: mutated[at] = byte
                    case 1: mutated.insert(byte, at: at)
                    default: mutated.remove(at: at)
                    }
                    if mutated.isEmpty { break }
                }
                let limit = [JSONReader.defaultMaxStringLength, 1 + Int(random.next() % 40)][round % 2]
                expectSame(mutated, maxDepth: round % 4 == 0 ? 2 : JSONReader.defaultMaxDepth, maxStringLength: limit)
            }
        }
    }

    /// A string's content from each kind of byte the word scan stops at, or none, placed at every
    /// offset, with the string closed or cut off at every length near the end of the text, under
    /// limits around its length.
    @Test func stringsEndingAtEveryOffsetOfAWord() {
        let specials: [[UInt8]] = [[], Array("\\n".utf8), Array("\\u00e9".utf8), Array("\\ud83d\\ude00".utf8), Array("\\x".utf8),
                                   Array("\\u12".utf8), [0xC3, 0xA9], [0xC3], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0x80],
                                   [0x01], [0x1F], Array("\\".utf8)]
        for special in specials {
            for before in 0..<18 {
                let content = Array(repeating: UInt8(ascii: "a"), count: before) + special + Array("bc".utf8)
                for tail in [Array("\"]".utf8), Array("\"".utf8), [], Array("\"    ]".utf8), Array("\" , 1]".utf8)] {
                    let text = Array("[\"".utf8) + content + tail
                    for limit in Set([JSONReader.defaultMaxStringLength, before, before + 1, content.count - 1, content.count, content.count + 1]) where limit > 0 {
                        expectSame(text, maxStringLength: limit)
                    }
                    // Cut off at every length, so the text ends inside the string at every offset.
                    for cut in 1..<text.count {
                        expectSame(Array(text[..<cut]), maxStringLength: content.count - 1)
                        expectSame(Array(text[..<cut]))
                    }
                }
            }
        }
    }

    /// Keys and values with runs of every whitespace byte, of every length up to past two words,
    /// at every place whitespace may stand, and once in a place it may not.
    @Test func whitespaceOfEveryByteInEveryPosition() {
        let places = ["_[_1_,_{_\"k\"_:_\"v\"_,_\"l\"_:_[_]_}_]_", "_{_}_", "_\"s\"_", "_t_", "{\"a\":_1_}", "[1_2]", "{\"a\"_1}"]
        for byte in Array(" \t\r\n".utf8) + [0x0B, 0x0C, 0x00] {
            for length in 0..<20 {
                let run = Array(repeating: byte, count: length)
                for place in places {
                    var text: [UInt8] = []
                    for character in place.utf8 { text += character == UInt8(ascii: "_") ? run : [character] }
                    expectSame(text)
                }
                // Spaces then another whitespace byte: the word scan stops inside a run.
                let mixed = Array(repeating: UInt8(ascii: " "), count: length) + [byte] + Array(repeating: UInt8(ascii: " "), count: 19 - length)
                expectSame(Array("[".utf8) + mixed + Array("1,".utf8) + mixed + Array("2]".utf8) + mixed)
                expectSame(Array("{\"k\":".utf8) + mixed + Array("{".utf8) + mixed)
            }
        }
    }

    /// Containers nested to the depth limit and one past it, closed, cut off or with a member after.
    @Test func nestingAtTheDepthLimit() {
        for maxDepth in [1, 2, 3, 7, 64] {
            for depth in max(0, maxDepth - 2)...(maxDepth + 1) {
                let arrays = Array(repeating: UInt8(ascii: "["), count: depth) + Array("1".utf8) + Array(repeating: UInt8(ascii: "]"), count: depth)
                let objects = Array(String(repeating: "{\"k\": ", count: depth).utf8) + Array("[]".utf8)
                    + Array(String(repeating: ", \"z\": {}}", count: depth).utf8)
                let mixedNesting = Array(String(repeating: "[{\"a\":", count: depth).utf8) + Array("0".utf8) + Array(String(repeating: "}]", count: depth).utf8)
                for text in [arrays, objects, mixedNesting] {
                    expectSame(text, maxDepth: maxDepth, halves: true)
                    expectSame(Array(text.dropLast(1)), maxDepth: maxDepth)
                    expectSame(Array(text.dropLast(text.count / 2)), maxDepth: maxDepth)
                    expectSame(text + Array(",".utf8), maxDepth: maxDepth)
                }
            }
        }
    }
}

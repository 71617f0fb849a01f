import Foundation
import Synchronization
import Dispatch
import Testing
@testable import InfraJSON

/// Parsing in two halves side by side writes the tape one parser writes, and fails exactly as one
/// parser fails, whatever the text does around the split.
@Suite("JSON reader in halves")
struct JSONReaderHalvesTests {
    /// Every value on the tape, in a form that compares.
    static func tape(_ document: JSONDocument) -> [String] {
        document.tape.map { "\($0.kind) \($0.flag) \($0.offset) \($0.count) \($0.end)" }
    }

    /// The outcome of reading `bytes` alone or in halves: the tape, or the error's offset and message.
    static func outcome(_ bytes: [UInt8], halves: Bool, maxDepth: Int = JSONReader.defaultMaxDepth) -> [String] {
        joinedOutcome(bytes, halves: halves, maxDepth: maxDepth).outcome
    }

    /// `outcome`, and whether the halves were parsed side by side and joined.
    static func joinedOutcome(_ bytes: [UInt8], halves: Bool, maxDepth: Int = JSONReader.defaultMaxDepth,
                              parallelMove: Bool = false) -> (outcome: [String], joined: Bool) {
        var reader = JSONReader(maxDepth: maxDepth)
        reader.parallelSize = halves ? 0 : .max
        if parallelMove { reader.parallelMoveCount = 0 }
        do {
            let (document, joined) = try reader.readTellingHalves(SourceFile(path: "t.json", bytes: bytes))
            return (tape(document), joined)
        } catch {
            return (["error at \(error.offset): \(error.message)"], false)
        }
    }

    /// A pretty-printed document with arrays of objects nested a few levels, so there are places to split.
    static func document(seed: UInt64, items: Int) -> String {
        var numbers = SourceFileTests.Numbers(state: seed)
        func scalar() -> String {
            ["0", "-12.5e3", "true", "false", "null", "\"plain\"", "\"esc\\\"aped\\n\"", "\"é😀\"", "\"\\u00e9\""][numbers.next(9)]
        }
        func value(_ depth: Int) -> String {
            guard depth < 4 else { return scalar() }
            switch numbers.next(5) {
            case 0: return "[\n" + (0..<numbers.next(4)).map { _ in value(depth + 1) }.joined(separator: ",\n") + "\n]"
            case 1, 2:
                let members = (0..<numbers.next(4)).map { "\"k\($0)\": " + value(depth + 1) }
                return "{\n" + members.joined(separator: ",\n  ") + "\n}"
            default: return scalar()
            }
        }
        let list = (0..<items).map { number in "  {\"id\": \"item-\(number)\", \"v\": " + value(1) + "}" }
        return "{\"infractl\": 2,\n \"items\": [\n" + list.joined(separator: ",\n") + "\n],\n \"more\": [\n" + list.prefix(3).joined(separator: ",\n") + "\n]}\n"
    }

    /// A large file's line breaks come from the reader, which records them as it skips whitespace
    /// (in two halves, or one): the locations are those counted byte by byte, whatever the line
    /// breaks, indentation and surroundings; an invalid file is scanned for them instead.
    @Test(arguments: [false, true])
    func linesTheReaderRecordsAreTheFilesLines(halves: Bool) throws {
        let pretty = Self.document(seed: 7, items: 18_000)
        let variants = [
            pretty,
            pretty.replacingOccurrences(of: "\n", with: "\r\n"),
            "\u{FEFF}\n\n \t" + pretty.replacingOccurrences(of: "  ", with: "\t") + "\n\n  \n",
            pretty.replacingOccurrences(of: "\n", with: " "),
        ]
        var reader = JSONReader()
        reader.parallelSize = halves ? 0 : .max
        for (number, text) in variants.enumerated() {
            let bytes = Array(text.utf8)
            #expect(bytes.count >= SourceFile.recordedLinesSize)
            let counted = SourceFileTests.countedLocations(bytes)
            var offsets = [0, 1, bytes.count - 1, bytes.count]
            for (offset, byte) in bytes.enumerated() where byte == 0x0A && offset % 7 == 0 { offsets += [offset - 1, offset, offset + 1] }
            var numbers = SourceFileTests.Numbers(state: UInt64(number))
            offsets += (0..<500).map { _ in numbers.next(bytes.count) }

            let source = SourceFile(path: "t.json", bytes: bytes)
            let (_, joined) = try reader.readTellingHalves(source)
            #expect(joined == (halves && number != 3), "variant \(number): a text without line breaks has nowhere to split")
            #expect(source.lineCount == bytes.count { $0 == 0x0A } + 1, "variant \(number)")
            for offset in offsets where offset >= 0 && offset <= bytes.count {
                let found = source.location(at: offset)
                #expect(found.line == counted[offset].line && found.column == counted[offset].column, "variant \(number), offset \(offset)")
            }
            // Each line's text, found from the same marks.
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for line in [1, 2, lines.count / 2, lines.count - 1, lines.count] + (0..<200).map({ _ in 1 + numbers.next(lines.count) }) where (1...lines.count).contains(line) {
                var expected = String(decoding: lines[line - 1], as: UTF8.self)
                if expected.hasSuffix("\r") { expected.removeLast() }
                #expect(source.text(ofLine: line) == expected, "variant \(number), line \(line)")
            }

            // Cut short, it is not JSON: the error's location is found by scanning the file.
            let cut = Array(bytes.prefix(bytes.count - 40))
            let invalid = SourceFile(path: "t.json", bytes: cut)
            do {
                _ = try reader.read(invalid)
                Issue.record("variant \(number): a truncated text was read")
            } catch {
                let expected = SourceFileTests.countedLocations(cut)[error.offset]
                let found = invalid.location(at: error.offset)
                #expect(found.line == expected.line && found.column == expected.column, "variant \(number)")
            }
        }
    }

    /// Locations asked for on many threads at once of a large file nobody handed line breaks to:
    /// one scan, the same answers.
    @Test func locationsAskedSideBySideAreTheCountedOnes() {
        let bytes = Array(Self.document(seed: 8, items: 18_000).utf8)
        #expect(bytes.count >= SourceFile.recordedLinesSize)
        let counted = SourceFileTests.countedLocations(bytes)
        let source = SourceFile(path: "t.json", bytes: bytes)
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var numbers = SourceFileTests.Numbers(state: UInt64(thread))
            for _ in 0..<300 {
                let offset = numbers.next(bytes.count + 1)
                let found = source.location(at: offset)
                if found.line != counted[offset].line || found.column != counted[offset].column { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    @Test func validTextsGiveTheSameTape() {
        for seed in 1...20 {
            let bytes = Array(Self.document(seed: UInt64(seed), items: 40).utf8)
            let alone = Self.outcome(bytes, halves: false)
            #expect(alone.count > 100)
            let halves = Self.joinedOutcome(bytes, halves: true)
            #expect(halves.outcome == alone, "seed \(seed)")
            // Really parsed in halves, not by the first half's parser carrying on alone.
            #expect(halves.joined, "seed \(seed)")
        }
    }

    /// A tape of megabytes is mapped, and the pages the second half was first written to are given
    /// back after the join — none of the values still in use.
    @Test func aLargeTextGivesTheSameTape() {
        let bytes = Array(Self.document(seed: 99, items: 12_000).utf8)
        #expect(JSONTape.capacity(for: bytes.count, maxDepth: JSONReader.defaultMaxDepth) * MemoryLayout<JSONNode>.stride > 4 << 20)
        let alone = Self.outcome(bytes, halves: false)
        let halves = Self.joinedOutcome(bytes, halves: true)
        #expect(halves.joined)
        #expect(halves.outcome == alone)
        // The second half's values moved into place by both cores: possible when all the values fit
        // before where the second half was written, about the first half's share of half the bytes.
        #expect(alone.count * 100 < bytes.count * JSONReaderSplit.share / 2)
        let moved = Self.joinedOutcome(bytes, halves: true, parallelMove: true)
        #expect(moved.joined)
        #expect(moved.outcome == alone)
    }

    @Test func theSplitIsFoundInPrettyPrintedTexts() {
        let bytes = Array(Self.document(seed: 3, items: 40).utf8)
        let split = bytes.withUnsafeBufferPointer { JSONReaderSplit.point(in: $0) }
        #expect(split != nil)
        if let split {
            #expect(split >= bytes.count * JSONReaderSplit.share / 100)
            #expect(bytes[split] == UInt8(ascii: "{") || bytes[split] == UInt8(ascii: "["))
        }
        // One line, no split: the text is parsed by one parser.
        #expect(Array("[{\"a\": 1}, {\"b\": 2}]".utf8).withUnsafeBufferPointer { JSONReaderSplit.point(in: $0) } == nil)
    }

    @Test func brokenTextsFailTheSameWay() {
        let original = Array(Self.document(seed: 7, items: 30).utf8)
        let replacements: [[UInt8]] = [[], Array("]".utf8), Array("}".utf8), Array(",".utf8), Array("\"".utf8),
                                       Array(":".utf8), Array("x".utf8), Array("[".utf8), Array("{".utf8), [0x0A], [0x01]]
        var numbers = SourceFileTests.Numbers(state: 11)
        var positions = (0..<300).map { _ in numbers.next(original.count) }
        positions += [original.count - 1, original.count - 2, original.count - 3]
        var (failures, joins) = (0, 0)
        for position in positions {
            let replacement = replacements[numbers.next(replacements.count)]
            var bytes = original
            bytes.replaceSubrange(position..<position + 1, with: replacement)
            let alone = Self.outcome(bytes, halves: false)
            if alone.count == 1 { failures += 1 }
            let halves = Self.joinedOutcome(bytes, halves: true)
            #expect(halves.outcome == alone, "byte \(position) replaced by \(replacement)")
            if halves.joined { joins += 1 }
        }
        #expect(failures > 100)
        // Many a change leaves the text valid (inside a string, say): those are still joined.
        #expect(joins > 20)
        // Junk after the top-level value, and a missing last bracket.
        for tail in ["]", ",", " 1", "}}"] {
            let bytes = original + Array(tail.utf8)
            #expect(Self.outcome(bytes, halves: true) == Self.outcome(bytes, halves: false), "tail \(tail)")
        }
        let cut = Array(original.dropLast(2))
        #expect(Self.outcome(cut, halves: true) == Self.outcome(cut, halves: false))
    }

    @Test func theDepthLimitCountsTheContainersOpenAtTheSplit() {
        // Shallow elements, then (all after the split) elements nested eight deep, inside an array
        // nested five deep: thirteen levels in all, which only the second half sees.
        let deep = String(repeating: "[", count: 8) + "1" + String(repeating: "]", count: 8)
        let list = (Array(repeating: "[1]", count: 200) + Array(repeating: deep, count: 10)).joined(separator: ",\n")
        let text = String(repeating: "[", count: 4) + "[\n" + list + "\n]" + String(repeating: "]", count: 4)
        let bytes = Array(text.utf8)
        for maxDepth in 10...15 {
            let alone = Self.outcome(bytes, halves: false, maxDepth: maxDepth)
            let halves = Self.joinedOutcome(bytes, halves: true, maxDepth: maxDepth)
            #expect(halves.outcome == alone, "max depth \(maxDepth)")
            #expect((alone.count == 1) == (maxDepth < 13))
            #expect(halves.joined == (maxDepth >= 13))
        }
    }
}

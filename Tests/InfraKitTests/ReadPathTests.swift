import Foundation
import Testing
import Synchronization
import Dispatch
@testable import InfraJSON
@testable import InfraModel
@testable import InfraCLI

/// The shortcuts on the way in and out give what the plain way gives: files read in halves,
/// strings scanned eight bytes at a time, locations found through the block table (built in the
/// background for large files), findings sorted by packed keys.
@Suite("Read path: reading, string scanning, locations, report order")
struct ReadPathTests {
    /// A deterministic stream of numbers (a linear congruential generator), so failures reproduce.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Lines of many lengths — empty, short, over 512 bytes, over a 4 KiB block — with two- and
    /// four-byte characters and an occasional `\r\n`.
    static func text(lines: Int, seed: UInt64) -> String {
        var numbers = Numbers(state: seed)
        let pieces = ["a", "bc", "é", "😀", " ", "{\"k\": 1}", "€"]
        var text = ""
        for _ in 0..<lines {
            let length = [0, 1, 7, 40, 90, 600, 5_000][numbers.next(7)]
            for _ in 0..<length { text += pieces[numbers.next(pieces.count)] }
            text += numbers.next(10) == 0 ? "\r\n" : "\n"
        }
        return text
    }

    /// The line and column of every offset (and of the end), counted from the start of the file in
    /// one pass, the obvious way.
    static func countedLocations(_ bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var locations: [(line: Int, column: Int)] = []
        locations.reserveCapacity(bytes.count + 1)
        var (line, column) = (1, 1)
        for byte in bytes {
            locations.append((line, column))
            if byte == 0x0A {
                (line, column) = (line + 1, 1)
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        locations.append((line, column))
        return locations
    }

    @Test("locations through the block table are the counted ones",
          arguments: [(lines: 200, seed: UInt64(1)), (lines: 3_000, seed: 2)])
    func locationsMatchCounting(lines: Int, seed: UInt64) {
        let bytes = Array(Self.text(lines: lines, seed: seed).utf8)
        // The second text is over a megabyte: no reader hands its line breaks over, so they are
        // scanned for when the first location is asked for.
        #expect((bytes.count >= SourceFile.recordedLinesSize) == (lines > 1_000))
        let source = SourceFile(path: "t.json", bytes: bytes)
        var numbers = Numbers(state: seed)
        var offsets = [-3, 0, 1, bytes.count - 1, bytes.count, bytes.count + 9]
        // Around block boundaries (the table's blocks are 256 bytes; they were 4,096).
        for block in [256, 4_096] {
            offsets += (1..<20).flatMap { [$0 * block - 1, $0 * block, $0 * block + 1] }
        }
        offsets += (0..<400).map { _ in numbers.next(bytes.count) }
        let counted = Self.countedLocations(bytes)
        for offset in offsets where offset <= bytes.count + 9 {
            let expected = counted[max(0, min(offset, bytes.count))]
            let found = source.location(at: offset)
            #expect(found.line == expected.line && found.column == expected.column, "offset \(offset)")
        }
        #expect(source.lineCount == bytes.filter { $0 == 0x0A }.count + 1)
    }

    /// Line breaks are found eight bytes at a time: every line length from 0 to 17 bytes, after
    /// every offset of a first short line, so breaks fall at each place of a word, side by side
    /// and at the very end.
    @Test func lineBreaksAtEveryPlaceOfAWordAreFound() {
        for shift in 0..<8 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: shift)
            for length in (0...17) + (0...17).reversed() {
                bytes += Array(repeating: UInt8(ascii: "b"), count: length) + [0x0A]
            }
            let source = SourceFile(path: "t.json", bytes: bytes)
            let counted = Self.countedLocations(bytes)
            for offset in 0...bytes.count {
                let found = source.location(at: offset)
                #expect(found.line == counted[offset].line && found.column == counted[offset].column, "shift \(shift), offset \(offset)")
            }
            #expect(source.lineCount == bytes.filter { $0 == 0x0A }.count + 1)
        }
    }

    @Test func lineTextComesFromTheIndex() {
        let text = Self.text(lines: 2_500, seed: 3)
        let source = SourceFile(path: "t.json", text: text)
        // Split as bytes: as Characters, "\r\n" is one and would not split at "\n".
        let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        for line in [1, 2, 500, 1_777, 2_500] {
            var expected = String(decoding: lines[line - 1], as: UTF8.self)
            if expected.hasSuffix("\r") { expected.removeLast() }
            #expect(source.text(ofLine: line) == expected)
        }
        #expect(source.text(ofLine: 0) == "")
        #expect(source.text(ofLine: lines.count + 1) == "")
    }

    @Test func emptyFileHasOneLine() {
        let source = SourceFile(path: "t.json", bytes: [])
        #expect(source.lineCount == 1)
        #expect(source.location(at: 5) == Location(file: "t.json", line: 1, column: 1))
    }

    // MARK: Strings eight bytes at a time

    @Test func everySpecialByteIsFoundWhereverItFallsInAWord() throws {
        let specials: [(text: String, valid: Bool)] = [("\\\"", true), ("\\\\", true), ("\\u00e9", true), ("é", true), ("😀", true), ("\u{01}", false), ("\t", false)]
        for (special, valid) in specials {
            for before in 0..<18 {
                let content = String(repeating: "a", count: before) + special + String(repeating: "b", count: 11)
                let text = "[\"" + content + "\"]"
                let document: JSONDocument
                do {
                    document = try JSONReader().read(path: "t.json", text: text)
                } catch {
                    #expect(!valid, "rejected \(content.debugDescription): \(error.message)")
                    // Reported at the control character itself: after `["` and the plain bytes.
                    #expect(error.offset == 2 + before)
                    continue
                }
                #expect(valid, "accepted \(content.debugDescription)")
                let decoded = try #require(document.root.elements.first?.string)
                #expect(decoded.hasPrefix(String(repeating: "a", count: before)))
                #expect(decoded.hasSuffix(String(repeating: "b", count: 11)))
            }
        }
    }

    @Test func invalidUTF8IsReportedAtItsByte() {
        for before in 0..<18 {
            let bytes = Array("[\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: before) + [0xC3, 0x28] + Array("yyyyyyyyyy\"]".utf8)
            #expect(throws: JSONSyntaxError.self) { try JSONReader().read(SourceFile(path: "t.json", bytes: bytes)) }
            do {
                _ = try JSONReader().read(SourceFile(path: "t.json", bytes: bytes))
            } catch {
                #expect(error.offset == 2 + before)
            }
        }
    }

    @Test func theStringLengthLimitHoldsAtEveryLength() {
        for limit in [5, 8, 13, 16] {
            for length in max(0, limit - 9)...(limit + 9) {
                let text = "[\"" + String(repeating: "z", count: length) + "\", 1]"
                let reader = JSONReader(maxStringLength: limit)
                let accepted = (try? reader.read(path: "t.json", text: text)) != nil
                #expect(accepted == (length <= limit), "limit \(limit), length \(length)")
            }
        }
    }

    @Test func indentationOfAnyWidthIsWhitespace() throws {
        for width in 0..<20 {
            let pad = String(repeating: " ", count: width)
            let text = "{\n\(pad)\"a\":\n\(pad)[\n\(pad)1,\t\(pad)2\r\n\(pad)]\n\(pad)}\(pad)"
            let document = try JSONReader().read(path: "t.json", text: text)
            #expect(document.root.member(named: "a")?.elements.compactMap(\.int) == [1, 2])
        }
    }

    // MARK: Reading files in halves

    @Test(arguments: [false, true])
    func largeFilesAreReadWhole(mapping: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("infractl-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for size in [InputFiles.largeFileSize - 1, InputFiles.largeFileSize, InputFiles.largeFileSize + 4_097] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
            let path = directory.appendingPathComponent("f\(size).json").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            switch InputFiles.readFile(path, maxSize: .max, mapsLargeFiles: mapping) {
            case .success(.read(let read)):
                #expect(!mapping || size < InputFiles.largeFileSize, "a large file is mapped")
                #expect(read == bytes)
            case .success(.mapped(let mapped)):
                #expect(mapping && size >= InputFiles.largeFileSize, "only large files are mapped, and only when asked")
                #expect(mapped.bytes.elementsEqual(bytes))
                let source = SourceFile(path: path, mapping: mapped)
                #expect(source.bytes == bytes)
                #expect(source.location(at: size).line == 1 + bytes.count { $0 == 0x0A })
                // Letting the pages leave the resident set changes nothing a reader sees.
                source.releaseResidentPages()
                #expect(source.bytes == bytes)
                #expect(source.location(at: size).line == 1 + bytes.count { $0 == 0x0A })
            case .failure:
                Issue.record("could not read \(size) bytes")
            }
        }
    }

    // MARK: Report order

    static func findings(_ count: Int, seed: UInt64) -> [Finding] {
        var numbers = Numbers(state: seed)
        let files = ["b.json", "a.json", "c/d.json"]
        let rules = ["unknown-key", "dangling-reference", "secret-in-source"]
        let severities: [Severity] = [.note, .warning, .error]
        return (0..<count).map { number in
            Finding(ruleID: rules[numbers.next(3)], severity: severities[numbers.next(3)],
                    message: "message \(numbers.next(3))", entityID: "e\(number)",
                    location: Location(file: files[numbers.next(3)], line: 1 + numbers.next(40), column: 1 + numbers.next(3)))
        }
    }

    /// A stable sort by `order`, done the plain way: ties keep their original order.
    static func stablySorted(_ findings: [Finding], by order: (Finding, Finding) -> Bool) -> [String] {
        findings.enumerated().sorted { lhs, rhs in
            if order(lhs.element, rhs.element) { return true }
            if order(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map { $0.element.entityID ?? "" }
    }

    @Test func packedKeysSortIntoReportOrder() {
        let findings = Self.findings(3_000, seed: 4)
        var sorted = findings
        sorted.sortInReportOrder()
        #expect(sorted.map { $0.entityID ?? "" } == Self.stablySorted(findings, by: Finding.reportOrder))
    }

    @Test func movingPartsGivesWhatAppendingGives() {
        let findings = Self.findings(500, seed: 6)
        var parts = [Array(findings[0..<120]), [], Array(findings[120..<121]), Array(findings[121...])]
        let sizes = parts.map(\.count)
        var moved = Array(findings.prefix(3))
        moved.appendMoving(&parts)
        #expect(moved.map { $0.entityID ?? "" } == (Array(findings.prefix(3)) + findings).map { $0.entityID ?? "" })
        #expect(moved == Array(findings.prefix(3)) + findings)
        // The parts keep their sizes, each finding now an empty one.
        #expect(parts.map(\.count) == sizes)
        #expect(parts.joined().allSatisfy { $0.ruleID.isEmpty && $0.message.isEmpty && $0.entityID == nil })
    }

    @Test func mostSevereFirstKeepsTheFirstOnes() {
        let findings = Self.findings(3_000, seed: 5)
        let expected = Self.stablySorted(findings) { lhs, rhs in
            lhs.severity != rhs.severity ? lhs.severity > rhs.severity : Finding.reportOrder(lhs, rhs)
        }
        for limit in [0, 1, 999, 1_500, 2_999, 3_000] {
            let kept = findings.sortedInReportOrder(mostSevereFirst: true, keeping: limit)
            #expect(kept.map { $0.entityID ?? "" } == Array(expected.prefix(limit)))
        }
    }
}

/// Parsing in two halves side by side writes the tape one parser writes, and fails exactly as one
/// parser fails, whatever the text does around the split.
@Suite("Read path: parsing in halves")
struct HalvesParsingTests {
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
        var numbers = ReadPathTests.Numbers(state: seed)
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
        return "{\"infractl\": 1,\n \"items\": [\n" + list.joined(separator: ",\n") + "\n],\n \"more\": [\n" + list.prefix(3).joined(separator: ",\n") + "\n]}\n"
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
            let counted = ReadPathTests.countedLocations(bytes)
            var offsets = [0, 1, bytes.count - 1, bytes.count]
            for (offset, byte) in bytes.enumerated() where byte == 0x0A && offset % 7 == 0 { offsets += [offset - 1, offset, offset + 1] }
            var numbers = ReadPathTests.Numbers(state: UInt64(number))
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
                let expected = ReadPathTests.countedLocations(cut)[error.offset]
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
        let counted = ReadPathTests.countedLocations(bytes)
        let source = SourceFile(path: "t.json", bytes: bytes)
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var numbers = ReadPathTests.Numbers(state: UInt64(thread))
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
        var numbers = ReadPathTests.Numbers(state: 11)
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

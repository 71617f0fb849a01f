import Foundation
import Testing
import Synchronization
import Dispatch
@testable import InfraJSON
@testable import InfraModel
@testable import InfraCLI

/// A file as the tool reads it: line and column of every offset (through the block table, built
/// in the background for large files), its lines' text, its bytes read or mapped, and the
/// reader's string and whitespace scanning at every place of an eight-byte word.
@Suite("Source files")
struct SourceFileTests {
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
            #expect(document.root["a"]?.elements.compactMap(\.int) == [1, 2])
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
}

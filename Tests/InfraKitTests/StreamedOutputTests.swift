import Foundation
import Testing
@testable import InfraCLI
@testable import InfraJSON

/// Large outputs leave in pieces: a JSON document written to a sink as it is made, and a long
/// text written to a file descriptor from its own storage. What arrives is what the whole text is.
@Suite("Streamed output: JSON written as it is made, long texts to a descriptor")
struct StreamedOutputTests {
    /// A document with nesting, escapes, non-ASCII text and enough members to spill many times.
    static func document(rows: Int) -> JSONOutput {
        .object([
            ("version", .int(2)),
            ("name", .string("quote \" backslash \\ tab \t é 😀 \u{1B}[31m")),
            ("rows", .array((0..<rows).map { row in
                .object([
                    ("id", .string("host-\(row)")),
                    ("ids", .array((0..<(row % 7)).map { .string("svc-\(row)-\($0)") })),
                    ("share", .double(Double(row) / 3)),
                    ("up", .bool(row % 2 == 0)),
                    ("nothing", .null),
                    ("empty", .array([])),
                    ("deep", .object([("deeper", .object([("deepest", .int(row))]))])),
                ])
            })),
        ])
    }

    @Test(arguments: [0, 1, 50, 20_000])
    func streamedJSONIsTheRenderedText(rows: Int) {
        let document = Self.document(rows: rows)
        for pretty in [true, false] {
            let sink = PieceCounter()
            document.write(pretty: pretty, inPieces: sink.write)
            #expect(sink.text == document.rendered(pretty: pretty) + "\n")
            // A large document arrives in several pieces, none much over the spill size.
            if rows == 20_000 {
                #expect(sink.pieces > 10)
                #expect(sink.largest < 1 << 17)
            }
        }
    }

    @Test func longTextsReachTheDescriptorWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("infractl-sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        let sink = FileDescriptorSink(descriptor: descriptor)
        let short = "short line é\n"
        let long = String(repeating: "0123456789abcdé\n", count: 20_000)
        var expected = ""
        for text in [short, long, short, short, long, "", long] {
            sink.write(text)
            expected += text
        }
        sink.flush()
        close(descriptor)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
}

/// A sink that keeps the text and counts the pieces it arrived in.
private final class PieceCounter: TextSink {
    var text = ""
    var pieces = 0
    var largest = 0

    func write(_ piece: String) {
        text += piece
        pieces += 1
        largest = max(largest, piece.utf8.count)
    }
}

/// A JSON value to write: our outputs are built as these and printed deterministically.
public indirect enum JSONOutput: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONOutput])
    /// Members in the order given; writers never reorder them.
    case object([(String, JSONOutput)])

    public static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool {
        lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
    }

    /// The JSON text: two-space indentation when `pretty`, else compact. No trailing newline.
    public func rendered(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        return output
    }

    /// Hands the JSON text and a line break to `write` as it is made, a piece of about 64 KB at a
    /// time: a large output (a 100,000-host N-1 table) is never held whole as text as well as a tree.
    public func write(pretty: Bool = true, inPieces write: (String) -> Void) {
        var output = ""
        output.reserveCapacity(Self.spillSize + 4_096)
        withoutActuallyEscaping(write) { write in
            self.write(to: &output, indent: pretty ? 0 : nil, spill: write)
        }
        output += "\n"
        write(output)
    }

    /// Text this long is handed on by `write(pretty:inPieces:)`.
    private static let spillSize = 1 << 16

    private func write(to output: inout String, indent: Int?, spill: ((String) -> Void)? = nil) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value):
            if value.isFinite {
                output += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            } else {
                output += "null"
            }
        case .string(let value): JSONOutput.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                JSONOutput.newline(&output, indent.map { $0 + 1 })
                element.write(to: &output, indent: indent.map { $0 + 1 }, spill: spill)
                JSONOutput.spill(&output, to: spill)
            }
            JSONOutput.newline(&output, indent)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                JSONOutput.newline(&output, indent.map { $0 + 1 })
                JSONOutput.writeString(key, to: &output)
                output += indent == nil ? ":" : ": "
                value.write(to: &output, indent: indent.map { $0 + 1 }, spill: spill)
                JSONOutput.spill(&output, to: spill)
            }
            JSONOutput.newline(&output, indent)
            output += "}"
        }
    }

    /// Hands `output` on once it holds a piece worth writing, and starts it again.
    private static func spill(_ output: inout String, to write: ((String) -> Void)?) {
        guard let write, output.utf8.count >= spillSize else { return }
        write(output)
        output.removeAll(keepingCapacity: true)
    }

    /// A line break and the indentation of each of the first 32 levels, made once.
    private static let lineStarts: [String] = (0..<32).map { "\n" + String(repeating: "  ", count: $0) }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        if indent < lineStarts.count {
            output += lineStarts[indent]
        } else {
            output += "\n"
            output += String(repeating: "  ", count: indent)
        }
    }

    /// Writes a JSON string literal, escaping quotes, backslashes and every character that could act
    /// on whoever reads the file (`UntrustedText.isActive`: controls, DEL, C1, line separators,
    /// bidirectional controls) as `\uXXXX`. The escapes keep the text exact for a JSON reader, and
    /// the bytes hold none of those characters, for a person who looks at them.
    package static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Printable ASCII other than a quote or a backslash is written as it is, in one append.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if UntrustedText.isActive(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

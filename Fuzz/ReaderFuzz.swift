// libFuzzer target for the JSON reader, compiled by `scripts/fuzz reader` together with the
// InfraKit sources (as module InfraKit, so internal API is in reach). Not part of the package.
//
// Besides "no crash, no hang, no leak", it checks two properties of every input:
// - a rejection points inside the input (0...count) and can be located;
// - an accepted document survives a round trip: written back as compact JSON (numbers as their
//   literal text, strings decoded and re-escaped) and read again, it gives the same text;
// - parsing in two halves side by side (forced here at any size) gives exactly the tape, or the
//   error, that one parser gives.

@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceFile(path: "fuzz.json", bytes: bytes)
    // A small string limit too, so the limit's own path is exercised with short inputs.
    var reader = JSONReader(maxDepth: 64, maxStringLength: 1 + Int(size % 97) * 64)
    var halves = reader
    reader.parallelSize = .max
    halves.parallelSize = 0
    let inHalves = fuzzTapeOrError(halves, source)
    let document: JSONDocument
    do {
        document = try reader.read(source)
    } catch {
        precondition(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside the input (\(size) bytes)")
        precondition(!error.message.isEmpty)
        _ = source.location(at: error.offset).description
        precondition(inHalves == ["\(error.offset) \(error.message)"], "in halves: \(inHalves.prefix(3)), one parser: \(error.message)")
        return 0
    }
    precondition(inHalves == fuzzTape(document), "parsing in halves gave another tape")
    let canonical = FuzzCanonicalJSON.render(document.root)
    let again: JSONDocument
    do {
        again = try JSONReader(maxDepth: 64).read(SourceFile(path: "again.json", text: canonical))
    } catch {
        preconditionFailure("the canonical form of an accepted document is rejected: \(error.message) at \(error.offset) in \(canonical)")
    }
    let canonicalAgain = FuzzCanonicalJSON.render(again.root)
    precondition(canonical == canonicalAgain, "round trip changed the document: \(canonical) != \(canonicalAgain)")
    return 0
}

func fuzzTape(_ document: JSONDocument) -> [String] {
    document.tape.map { "\($0.kind) \($0.flag) \($0.offset) \($0.count) \($0.end)" }
}

func fuzzTapeOrError(_ reader: JSONReader, _ source: SourceFile) -> [String] {
    do {
        return fuzzTape(try reader.read(source))
    } catch {
        return ["\(error.offset) \(error.message)"]
    }
}

/// Compact JSON with numbers as written, iterative so deep nesting costs no stack.
enum FuzzCanonicalJSON {
    enum Step {
        case value(JSONValue)
        case text(String)
    }

    static func render(_ root: JSONValue) -> String {
        var output = ""
        var stack: [Step] = [.value(root)]
        while let step = stack.popLast() {
            switch step {
            case .text(let text):
                output += text
            case .value(let value):
                _ = value.location
                switch value.kind {
                case .null: output += "null"
                case .bool: output += value.bool == true ? "true" : "false"
                case .number:
                    output += value.numberText ?? "?"
                    _ = value.double
                    _ = value.int
                case .string:
                    JSONOutput.writeString(value.string ?? "", to: &output)
                    _ = value.withRawStringBytes { $0.count }
                case .array:
                    output += "["
                    var steps: [Step] = [.text("]")]
                    for (index, element) in value.elements.enumerated().reversed() {
                        steps.append(.value(element))
                        if index > 0 { steps.append(.text(",")) }
                    }
                    stack += steps
                case .object:
                    output += "{"
                    var steps: [Step] = [.text("}")]
                    let members = value.members
                    for (index, member) in members.enumerated().reversed() {
                        steps.append(.value(member.value))
                        var key = ""
                        JSONOutput.writeString(member.name, to: &key)
                        steps.append(.text(key + ":"))
                        if index > 0 { steps.append(.text(",")) }
                        // The byte-wise lookup and the decoded one agree.
                        let found = value.member(named: member.name)
                        precondition(found != nil, "member(named:) misses key \(member.name)")
                    }
                    stack += steps
                }
            }
        }
        return output
    }
}

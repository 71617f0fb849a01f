import InfraJSON

/// The fields of one entity as an importer builds them: a field whose value the source does not
/// give is left out, so the rules ask a person for it instead of trusting a guess.
struct FieldList {
    private(set) var members: [(String, JSONOutput)] = []

    init() {}

    mutating func add(_ name: String, _ value: JSONOutput?) {
        guard let value else { return }
        if case .object(let inner) = value, inner.isEmpty { return }
        members.append((name, value))
    }

    mutating func add(_ name: String, _ value: String?) { add(name, value.map(JSONOutput.string)) }
    mutating func add(_ name: String, _ value: Bool?) { add(name, value.map(JSONOutput.bool)) }
    mutating func add(_ name: String, _ value: Int?) { add(name, value.map(JSONOutput.int)) }

    /// An array of ids or words, left out when empty.
    mutating func add(_ name: String, strings: [String]) {
        guard !strings.isEmpty else { return }
        members.append((name, .array(strings.map(JSONOutput.string))))
    }

    /// A nested object, left out when it has no field.
    mutating func add(_ name: String, object build: (inout FieldList) -> Void) {
        var inner = FieldList()
        build(&inner)
        guard !inner.members.isEmpty else { return }
        members.append((name, .object(inner.members)))
    }

    var output: JSONOutput { .object(members) }

    /// A port as the format writes it: `{"port": 443, "protocol": "https"}`.
    static func port(_ number: Int, _ protocolName: String?) -> JSONOutput {
        var port = FieldList()
        port.add("port", number)
        port.add("protocol", protocolName?.lowercased())
        return port.output
    }
}

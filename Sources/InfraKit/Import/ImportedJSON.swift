import InfraJSON

/// Reading a tool's JSON, where a value may be absent, `null`, empty or of another type than
/// expected: each accessor gives nil (or nothing) rather than fail, and the importer leaves the
/// field out.
extension JSONValue {
    /// The non-empty string at `key`.
    func text(_ key: String) -> String? {
        guard let value = self[key]?.string, !value.isEmpty else { return nil }
        return value
    }

    /// The boolean at `key`.
    func flag(_ key: String) -> Bool? { self[key]?.bool }

    /// The whole number at `key`, written as a number or as a string of digits.
    func integer(_ key: String) -> Int? {
        guard let value = self[key] else { return nil }
        if let number = value.int { return number }
        if let number = value.double, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        return value.string.flatMap { Int($0) }
    }

    /// The number at `key` (a JSON number, or a string holding one).
    func number(_ key: String) -> Double? {
        guard let value = self[key] else { return nil }
        return value.double ?? value.string.flatMap { Double($0) }
    }

    /// The first element of the array at `key` (Terraform writes a nested block as an array of one
    /// object), or the object itself.
    func block(_ key: String) -> JSONValue? {
        guard let value = self[key] else { return nil }
        switch value.kind {
        case .array: return value.elements.first { $0.kind == .object }
        case .object: return value
        default: return nil
        }
    }

    /// The objects of the array at `key`.
    func blocks(_ key: String) -> [JSONValue] {
        self[key]?.elements.filter { $0.kind == .object } ?? []
    }

    /// The non-empty strings of the array at `key`.
    func strings(_ key: String) -> [String] {
        self[key]?.elements.compactMap { $0.string }.filter { !$0.isEmpty } ?? []
    }

    /// The members of the object at `key`, in document order.
    func entries(_ key: String) -> [JSONMember] {
        self[key]?.members ?? []
    }
}

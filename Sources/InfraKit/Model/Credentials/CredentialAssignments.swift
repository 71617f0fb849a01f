/// Literals assigned to a secret-named key in free text: `DB_PASSWORD=hunter2`, `token: abc123`,
/// `ansible_become_pass: hunter2`, and `{"password": "hunter2"}` written in a description; and the
/// assignments whose key says which credential the value is: a container registry's
/// `"auth": "<base64 of user:password>"` and Azure storage's `AccountKey=…`.
enum CredentialAssignments {
    typealias Match = CredentialScanner.Match

    /// Every assignment of a literal credential in `bytes`, in order.
    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [Match] {
        // Every assignment has a separator; most texts that pass the prefilter for a long run have none.
        guard bytes.contains(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") }) else { return [] }
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // A key: a run of word bytes.
            guard CredentialScanner.isWordByte(bytes[index]), index == 0 || !CredentialScanner.isWordByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd < bytes.count, CredentialScanner.isWordByte(bytes[nameEnd]) { nameEnd += 1 }
            // Only a key followed by '=' or ':' is an assignment; test that before reading the key. A
            // word behind a ':' is a segment of an ARN or a URN (`arn:aws:secretsmanager:…`), not a key.
            guard index == 0 || bytes[index - 1] != UInt8(ascii: ":"), let valueStart = separatorEnd(after: index..<nameEnd, in: bytes),
                  let kind = kind(named: UnsafeBufferPointer(rebasing: bytes[index..<nameEnd])) else {
                index = nameEnd
                continue
            }
            let (value, valueEnd) = self.value(at: valueStart, in: bytes)
            if accepts(bytes[value], as: kind) {
                let label = String(decoding: bytes[index..<value.lowerBound], as: UTF8.self)
                matches.append(Match(kind: kind, range: index..<value.upperBound,
                                     redacted: CredentialScanner.redacted(bytes[value], showing: label)))
            }
            index = max(valueEnd, nameEnd)
        }
        return matches
    }

    /// What a literal under the key `name` is: a credential for a secret-named key, a registry auth
    /// blob for `auth`, an Azure storage key for `AccountKey`; nil for other keys.
    private static func kind(named name: UnsafeBufferPointer<UInt8>) -> CredentialScanner.Kind? {
        if CredentialScanner.isCredentialName(ascii: name) { return .assignment }
        let lowered = name.map(CredentialScanner.lowercased)
        if lowered.elementsEqual("auth".utf8) { return .registryAuth }
        if lowered.elementsEqual("accountkey".utf8) || lowered.elementsEqual("sharedaccesskey".utf8) { return .azureStorageKey }
        return nil
    }

    /// Where the value starts when the key at `name` is followed by `=` or `:` (after a closing quote
    /// for a quoted key, and spaces): just past the separator and the spaces after it.
    private static func separatorEnd(after name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor = name.upperBound
        // `"password": …`: the key's closing quote, when the same quote opened it.
        if name.lowerBound > 0, cursor < bytes.count, isQuote(bytes[cursor]), bytes[name.lowerBound - 1] == bytes[cursor] { cursor += 1 }
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") || bytes[cursor] == UInt8(ascii: ":") else { return nil }
        cursor += 1
        while cursor < bytes.count, isBlank(bytes[cursor]) { cursor += 1 }
        return cursor
    }

    /// The value starting at `start` (inside its quotes, when quoted), and where the scan goes on.
    private static func value(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: Range<Int>, end: Int) {
        var valueStart = start
        var quote: UInt8?
        if start < bytes.count, isQuote(bytes[start]) {
            quote = bytes[start]
            valueStart += 1
        }
        var valueEnd = valueStart
        while valueEnd < bytes.count {
            let byte = bytes[valueEnd]
            if let quote, byte == quote { break }
            if quote == nil, valueEnds.contains(byte) { break }
            valueEnd += 1
        }
        return (valueStart..<valueEnd, valueEnd)
    }

    /// Whether `value` is a credential of `kind` written out.
    private static func accepts(_ value: Slice<UnsafeBufferPointer<UInt8>>, as kind: CredentialScanner.Kind) -> Bool {
        switch kind {
        case .registryAuth: isBasicAuthBlob(value)
        case .azureStorageKey: value.count >= 20 && value.allSatisfy(CredentialScanner.isTokenByte) && CredentialValues.isLiteral(value)
        default: value.count >= 4 && CredentialValues.isLiteral(value)
        }
    }

    /// Base64 of `user:password`, as a registry's `auth` holds (Docker's `config.json`, `.dockerconfigjson`).
    static func isBasicAuthBlob(_ value: some Collection<UInt8>) -> Bool {
        guard value.count >= 8, let decoded = Base64.decode(value),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < decoded.count - 1 else { return false }
        return decoded.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Bytes that end a value written without quotes.
    private static let valueEnds: Set<UInt8> = Set(" \t\r\n,;)&\"'}]".utf8)

    private static func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

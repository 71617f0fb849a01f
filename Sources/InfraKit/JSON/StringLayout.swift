/// Small text helpers for tables and parsing, so no layer needs Foundation for them.
extension StringProtocol {
    /// The text cut or padded with spaces to exactly `width` characters, for table columns.
    package func padded(to width: Int) -> String {
        let length = count
        return length >= width ? String(prefix(width)) : String(self) + String(repeating: " ", count: width - length)
    }

    /// The text without leading and trailing spaces and tabs (Unicode space separators included).
    package var trimmingSpaces: String {
        func isSpace(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

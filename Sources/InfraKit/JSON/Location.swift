/// A place in an input file: the file's display path and a 1-based line and column.
///
/// Columns count Unicode scalars (code points) from the start of the line, so a line
/// holding `"café": 1` puts the `1` at column 9 whatever the encoding width of `é`.
public struct Location: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

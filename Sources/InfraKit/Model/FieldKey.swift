/// The key of a field an `EntityReader` reads.
///
/// Nearly every key is written in the source (`reader.string("zone")`): it stays a static string,
/// whose UTF-8 is read where the compiler put it, while a `String`'s must be copied out before each
/// lookup (about half the cost of finding a field). A key made at run time (`"k\(index)"`, in tests)
/// is kept as a string.
public enum FieldKey: ExpressibleByStringInterpolation, Sendable {
    case literal(StaticString)
    case text(String)

    public init(stringLiteral value: StaticString) {
        self = .literal(value)
    }

    public init(stringInterpolation: Interpolation) {
        self = .text(stringInterpolation.text)
    }

    /// The key as a string (for the paths of nested objects).
    var string: String {
        switch self {
        case .literal(let name): name.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        case .text(let name): name
        }
    }

    /// Builds a key made at run time, as a string interpolation builds a string.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            text += literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        }

        public mutating func appendInterpolation<T>(_ value: T) {
            text += String(describing: value)
        }
    }
}

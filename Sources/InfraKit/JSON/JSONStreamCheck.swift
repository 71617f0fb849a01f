/// Watches a JSON document arrive in pieces (standard input) and says when what came so far can no
/// longer begin a valid document, so that reading can stop there: an endless `[[[[` is too deep
/// after a kilobyte, an endless `{}{}{}` has content after its value. It never judges a document
/// valid and gives no message; the reader, run on what was read, reports the mistake at its place.
///
/// It follows only strings (so brackets inside them do not count), nesting and the end of the
/// top-level value, and it errs towards reading on: nesting must pass `maxDepth` by two levels.
public struct JSONStreamCheck: Sendable {
    let maxDepth: Int
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// The top-level value has ended.
    private var closed = false
    /// A top-level number or word (`1`, `true`) is being read: the next blank ends it.
    private var inTopLevelWord = false

    public init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    /// Reads the next piece; false once the document read so far is certainly invalid.
    public mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { closed = true }
                } else if byte < 0x20 {
                    return false  // a raw control character in a string
                }
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if inTopLevelWord { (inTopLevelWord, closed) = (false, true) }
                continue
            }
            if closed || byte == 0 { return false }  // content after the value; NUL is never JSON
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if inTopLevelWord { return false }  // a word runs into a bracket or a quote
                if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    depth += 1
                    if depth > maxDepth + 1 { return false }
                } else {
                    depth -= 1
                    if depth < 0 { return false }
                    if depth == 0 { closed = true }
                }
            default:
                // Letters, digits, signs and points start a top-level word; other bytes (a
                // byte-order mark) are left to the reader.
                if depth == 0, byte < 0x80, byte != UInt8(ascii: ",") && byte != UInt8(ascii: ":") { inTopLevelWord = true }
            }
        }
        return true
    }
}

/// Output text built as UTF-8 bytes and turned into a `String` once, for the reports that write a
/// line or an object per finding.
///
/// Appending to a `String` part by part cost about 800 instructions a part (capacity checks and
/// growth of the string's storage on every append); a text report of 10,000 findings has about ten
/// parts a line, so rendering took 109M instructions on hosts-10000.json. Appending the parts' bytes
/// to one array is a copy of each.
package struct UTF8Text {
    private(set) var bytes: [UInt8] = []

    package init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ text: String) {
        // Native and small strings hand over their bytes in place; others (bridged) go through the view.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    mutating func append(_ text: Substring) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if done == nil { bytes.append(contentsOf: text.utf8) }
    }

    package mutating func append(ascii byte: UInt8) {
        bytes.append(byte)
    }

    /// `value` in decimal, as `String(value)` writes it.
    package mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // At most 20 digits, written from the right into a fixed buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}

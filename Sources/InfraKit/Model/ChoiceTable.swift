#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A string enum of the format whose cases the reader tells from the bytes of a value in the file
/// (`EntityReader.choice`).
protocol ByteChoice: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The cases by the UTF-8 of their raw values, built once per type.
    static var byteTable: ChoiceTable<Self> { get }
}

/// The cases of a string enum by the UTF-8 of their raw values: a choice is read from the bytes in
/// the file, with no string made and no switch over strings run, as `init(rawValue:)` would.
struct ChoiceTable<Choice: RawRepresentable & CaseIterable & Sendable>: Sendable where Choice.RawValue == String {
    /// The raw values' UTF-8, one after another; `spans` says where each case's is.
    private let text: [UInt8]
    private let spans: [Range<Int>]
    private let choices: [Choice]

    init() {
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        for choice in Choice.allCases {
            spans.append(text.count..<text.count + choice.rawValue.utf8.count)
            text += choice.rawValue.utf8
        }
        self.text = text
        self.spans = spans
        self.choices = Array(Choice.allCases)
    }

    /// The case whose raw value's UTF-8 is `bytes`; nil when none is, which leaves other ways of
    /// writing the same text (escapes, other normalisations) to `init(rawValue:)`.
    func choice(_ bytes: UnsafeBufferPointer<UInt8>) -> Choice? {
        text.withUnsafeBufferPointer { text in
            for (position, span) in spans.enumerated() where span.count == bytes.count {
                if span.isEmpty || memcmp(text.baseAddress! + span.lowerBound, bytes.baseAddress!, span.count) == 0 {
                    return choices[position]
                }
            }
            return nil
        }
    }
}

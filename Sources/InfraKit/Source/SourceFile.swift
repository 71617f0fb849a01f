#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file and the index that turns byte offsets into locations.
///
/// Locations are computed on demand: values keep only a byte offset, and a line/column is
/// worked out when a finding needs one. The line index is built once, when the file is made.
public final class SourceFile: Sendable {
    /// The path shown to users (relative when the user gave a relative path).
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`. 32 bits: the reader refuses
    /// files of 4 GiB or more, and a line index of a quarter the size keeps memory down.
    private let lineStarts: [UInt32]
    /// Number of Unicode scalars that start before each multiple of `stride` bytes, so a column
    /// on a very long line (a minified file) costs at most `stride` bytes of counting. Only files
    /// with a line longer than `stride` need them; for the others the array is empty.
    private let scalarCheckpoints: [Int]
    private static let stride = 512

    /// The address of `bytes`' storage, for reading without counting a reference on the array at every
    /// access (threads reading one file side by side would otherwise contend for that count).
    /// `bytes` is a constant that is never mutated, so its contiguous storage neither moves nor is
    /// freed while this file lives; nothing may use the pointer beyond that.
    nonisolated(unsafe) let storage: UnsafeBufferPointer<UInt8>

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.storage = self.bytes.withUnsafeBufferPointer { $0 }
        var starts: [UInt32] = [0]
        var longestLine = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let indexed = min(buffer.count, Int(UInt32.max))
            // Generously: pages never written are never resident, and growing would copy the index.
            starts.reserveCapacity(indexed / 16 + 1)
            var lineStart = 0
            // memchr finds line breaks many bytes at a time.
            while lineStart < indexed, let found = memchr(base + lineStart, 0x0A, indexed - lineStart) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                longestLine = max(longestLine, newline - lineStart)
                lineStart = newline + 1
                starts.append(UInt32(lineStart))
            }
            longestLine = max(longestLine, indexed - lineStart)
        }
        var checkpoints: [Int] = []
        if longestLine > Self.stride {
            checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
            checkpoints.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                var scalars = 0
                for index in buffer.indices {
                    if index % Self.stride == 0, index > 0 { checkpoints.append(scalars) }
                    if buffer[index] & 0xC0 != 0x80 { scalars += 1 }
                }
            }
        }
        self.lineStarts = starts
        self.scalarCheckpoints = checkpoints
    }

    /// Unicode scalars that start in `bytes[0..<offset]`.
    private func scalars(before offset: Int) -> Int {
        let checkpoint = min(offset / Self.stride, scalarCheckpoints.count - 1)
        var count = scalarCheckpoints[checkpoint]
        // Through a buffer pointer: a million findings on one long line must not retain the array per byte.
        bytes.withUnsafeBufferPointer { buffer in
            var index = checkpoint * Self.stride
            while index < offset {
                if buffer[index] & 0xC0 != 0x80 { count += 1 }
                index += 1
            }
        }
        return count
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// The location of the byte at `offset` (clamped to the file).
    public func location(at offset: Int) -> Location {
        let clamped = max(0, min(offset, bytes.count))
        // Binary search for the last line starting at or before `clamped`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(lineStarts[middle]) <= clamped { low = middle } else { high = middle - 1 }
        }
        let start = Int(lineStarts[low])
        // Short distances are counted directly; long lines use the checkpoints.
        var column = 1
        if clamped - start <= Self.stride {
            bytes.withUnsafeBufferPointer { buffer in
                for index in start..<clamped where buffer[index] & 0xC0 != 0x80 { column += 1 }
            }
        } else {
            column += scalars(before: clamped) - scalars(before: start)
        }
        return Location(file: path, line: low + 1, column: column)
    }

    /// The text of the 1-based line `line`, without its line break, for excerpts.
    public func text(ofLine line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = Int(lineStarts[line - 1])
        var end = line < lineStarts.count ? Int(lineStarts[line]) - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

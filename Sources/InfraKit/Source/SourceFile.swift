#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The bytes of one input file and the index that turns byte offsets into locations.
///
/// Locations are computed on demand: values keep only a byte offset, and a line/column is
/// worked out when a finding needs one. The line index of a large file is built on another core
/// while this one parses the JSON; the first location asked for waits for it.
public final class SourceFile: Sendable {
    /// The path shown to users (relative when the user gave a relative path).
    public let path: String
    /// The bytes when they were given as an array; empty when the file is mapped.
    private let array: [UInt8]
    /// The mapping of the file when it was mapped rather than read (large files, `FileMapping`).
    private let mapping: FileMapping?

    /// The address of the file's bytes (`array`'s storage or `mapping`'s pages), for reading without
    /// counting a reference on an array at every access (threads reading one file side by side would
    /// otherwise contend for that count). Both owners are constants, so the bytes neither move nor
    /// are freed while this file lives; nothing may use the pointer beyond that.
    nonisolated(unsafe) let storage: UnsafeBufferPointer<UInt8>

    /// The bytes as an array (a copy for a mapped file: only for small reads such as `docs --inject`).
    public var bytes: [UInt8] { mapping == nil ? array : Array(storage) }

    /// Files at least this large get their line index built in the background.
    static let backgroundIndexSize = 1 << 20

    /// Both set once, before `indexReady`, and never changed after: read only through `lines`.
    nonisolated(unsafe) private var lineTables: LineTables?
    nonisolated(unsafe) private var lineIndex = LineIndex.empty
    /// Signalled when `lineIndex` is built; nil when it was built in the initialiser.
    private let indexed: DispatchGroup?
    private let indexReady = Atomic<Bool>(false)

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.array = bytes
        self.mapping = nil
        self.storage = self.array.withUnsafeBufferPointer { $0 }
        indexed = storage.count >= Self.backgroundIndexSize ? DispatchGroup() : nil
        buildIndex()
    }

    /// A file whose bytes are `mapping`'s, which it keeps (and unmaps when it goes).
    init(path: String, mapping: FileMapping) {
        self.path = path
        self.array = []
        self.mapping = mapping
        self.storage = mapping.bytes
        indexed = storage.count >= Self.backgroundIndexSize ? DispatchGroup() : nil
        buildIndex()
    }

    /// Builds the line index now, or on another core when `indexed` is there to signal it is done.
    private func buildIndex() {
        guard let indexed else {
            let tables = LineTables(storage)
            (lineTables, lineIndex) = (tables, tables.index)
            indexReady.store(true, ordering: .releasing)
            return
        }
        DispatchQueue.global().async(group: indexed) { [self] in
            let tables = LineTables(storage)
            (lineTables, lineIndex) = (tables, tables.index)
            indexReady.store(true, ordering: .releasing)
        }
    }

    /// The line index, once built (waiting for it the first time, when it is built in the background).
    private var lines: LineIndex {
        if !indexReady.load(ordering: .acquiring) { indexed?.wait() }
        return lineIndex
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lines.starts.count }

    /// The location of the byte at `offset` (clamped to the file).
    public func location(at offset: Int) -> Location {
        let clamped = max(0, min(offset, storage.count))
        let (line, column) = lines.position(of: clamped, in: storage)
        return Location(file: path, line: line, column: column)
    }

    /// The text of the 1-based line `line`, without its line break, for excerpts.
    public func text(ofLine line: Int) -> String {
        let lineStarts = lines.starts
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = Int(lineStarts[line - 1])
        var end = line < lineStarts.count ? Int(lineStarts[line]) - 1 : storage.count
        if end > start, storage[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: storage[start..<max(start, end)]), as: UTF8.self)
    }
}

/// Where each line of a file starts, and two shortcuts from a byte offset to its line and column.
///
/// Only addresses: the arrays they point into belong to a `LineTables` that lives as long as the
/// file and never changes after it is built, so copying the index counts no references, and threads
/// asking for locations side by side do not contend for them.
private struct LineIndex: @unchecked Sendable {
    /// Byte offset at which each line starts; `starts[0] == 0`. 32 bits: the reader refuses files of
    /// 4 GiB or more, and a line index of a quarter the size keeps memory down.
    let starts: UnsafeBufferPointer<UInt32>
    /// For each block of 4,096 bytes (`1 << blockShift`), the line its first byte is on (0-based): a location is
    /// then a search among the few lines of one block instead of among every line of the file.
    let blockLines: UnsafeBufferPointer<UInt32>
    /// Number of Unicode scalars that start before each multiple of `stride` bytes, so a column
    /// on a very long line (a minified file) costs at most `stride` bytes of counting. Only files
    /// with a line longer than `stride` need them; for the others it is empty.
    let scalarCheckpoints: UnsafeBufferPointer<Int>

    static let stride = 512
    static let blockShift = 12
    static let empty = LineIndex(starts: .init(start: nil, count: 0), blockLines: .init(start: nil, count: 0),
                                 scalarCheckpoints: .init(start: nil, count: 0))

    /// The 1-based line and column of the byte at `offset` (already clamped to the file).
    func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        // The line is the last one starting at or before `offset`: at or after the line of this
        // block's first byte, and at or before the line of the next block's.
        let block = offset >> Self.blockShift
        var low = Int(blockLines[block])
        var high = block + 1 < blockLines.count ? Int(blockLines[block + 1]) : starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(starts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        let start = Int(starts[low])
        // Short distances are counted directly; long lines use the checkpoints.
        var column = 1
        if offset - start <= Self.stride {
            for index in start..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        } else {
            column += scalars(before: offset, in: bytes) - scalars(before: start, in: bytes)
        }
        return (low + 1, column)
    }

    /// Unicode scalars that start in `bytes[0..<offset]`.
    private func scalars(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let checkpoint = min(offset / Self.stride, scalarCheckpoints.count - 1)
        var count = scalarCheckpoints[checkpoint]
        var index = checkpoint * Self.stride
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}

/// The arrays a `LineIndex` points into, built once from a file's bytes.
private final class LineTables: Sendable {
    let starts: [UInt32]
    let blockLines: [UInt32]
    let scalarCheckpoints: [Int]

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        var starts: [UInt32] = [0]
        var longestLine = 0
        if let base = buffer.baseAddress {
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
        var blocks = [UInt32]()
        blocks.reserveCapacity(buffer.count >> LineIndex.blockShift + 1)
        var line = 0
        for block in 0...(buffer.count >> LineIndex.blockShift) {
            let blockStart = block << LineIndex.blockShift
            while line + 1 < starts.count, Int(starts[line + 1]) <= blockStart { line += 1 }
            blocks.append(UInt32(line))
        }
        var checkpoints: [Int] = []
        if longestLine > LineIndex.stride {
            checkpoints.reserveCapacity(buffer.count / LineIndex.stride + 1)
            checkpoints.append(0)
            var scalars = 0
            for index in buffer.indices {
                if index % LineIndex.stride == 0, index > 0 { checkpoints.append(scalars) }
                if buffer[index] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
        self.starts = starts
        self.blockLines = blocks
        self.scalarCheckpoints = checkpoints
    }

    /// Addresses into the arrays, valid while this object lives (its arrays are constants).
    var index: LineIndex {
        LineIndex(starts: starts.withUnsafeBufferPointer { $0 }, blockLines: blockLines.withUnsafeBufferPointer { $0 },
                  scalarCheckpoints: scalarCheckpoints.withUnsafeBufferPointer { $0 })
    }
}

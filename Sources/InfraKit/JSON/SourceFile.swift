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
/// worked out when a finding needs one. The line index of a small file is built at once. A large
/// file's lines are recorded by the JSON reader as it skips whitespace (every line break of valid
/// JSON is whitespace between values), and handed over (`adoptLineMarks`); its tables are then
/// finished on another core. A large file that was not read as valid JSON is scanned for line
/// breaks when a location is first asked for.
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
    package nonisolated(unsafe) let storage: UnsafeBufferPointer<UInt8> // buys: threads read the file's bytes without contending for a reference count

    /// The bytes as an array (a copy for a mapped file: only for small reads such as `docs --inject`).
    public var bytes: [UInt8] { mapping == nil ? array : Array(storage) }

    /// Files at least this large get their line breaks from the reader (`adoptLineMarks`).
    static let recordedLinesSize = 1 << 20

    /// Both set once, before `indexReady`, and never changed after: read only through `lines`.
    nonisolated(unsafe) private var lineTables: LineTables? // buys: the line index built in the background, published once through `indexReady`
    nonisolated(unsafe) private var lineIndex = LineIndex.empty // buys: as `lineTables`; locations asked side by side read it without a lock
    private let indexReady = Atomic<Bool>(false)

    /// Where a large file's line index is in the making.
    private enum IndexState {
        /// Nothing yet: the reader may hand its line breaks over, or the first location scans for them.
        case waiting
        /// Being finished on another core from the line breaks the reader recorded.
        case finishing(DispatchGroup)
        case built
    }
    private let indexState: Mutex<IndexState>

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.array = bytes
        self.mapping = nil
        self.storage = self.array.withUnsafeBufferPointer { $0 }
        indexState = Mutex(.waiting)
        if storage.count < Self.recordedLinesSize { publish(LineTables(storage)) }
    }

    /// A file whose bytes are `mapping`'s, which it keeps (and unmaps when it goes).
    package init(path: String, mapping: FileMapping) {
        self.path = path
        self.array = []
        self.mapping = mapping
        self.storage = mapping.bytes
        indexState = Mutex(.waiting)
        if storage.count < Self.recordedLinesSize { publish(LineTables(storage)) }
    }

    /// Whether the reader should record the file's lines (`LineMarks`) and hand them over: a large
    /// file whose index is not built yet.
    var wantsLineMarks: Bool {
        storage.count >= Self.recordedLinesSize && indexState.withLock { if case .waiting = $0 { true } else { false } }
    }

    /// Takes the line marks the reader made over the whole file (`LineMarks.finish` called), and
    /// finishes the index from them on another core. Ignored once the index is made or being made.
    func adoptLineMarks(_ marks: LineMarks) {
        let group = DispatchGroup()
        let adopted = indexState.withLock { state in
            guard case .waiting = state else { return false }
            state = .finishing(group)
            return true
        }
        guard adopted else { return }
        DispatchQueue.global().async(group: group) { [self] in
            publish(LineTables(storage, marks: marks))
        }
    }

    private func publish(_ tables: LineTables) {
        (lineTables, lineIndex) = (tables, tables.index)
        indexReady.store(true, ordering: .releasing)
    }

    /// The line index, once built: waiting for it to be finished, or scanning the file for line
    /// breaks here when nothing handed them over.
    private var lines: LineIndex {
        if !indexReady.load(ordering: .acquiring) {
            let finishing = indexState.withLock { state -> DispatchGroup? in
                switch state {
                case .built: return nil
                case .finishing(let group): return group
                case .waiting:
                    // Under the lock, so a second thread asking waits for this scan.
                    if !indexReady.load(ordering: .acquiring) { publish(LineTables(storage)) }
                    state = .built
                    return nil
                }
            }
            finishing?.wait()
        }
        return lineIndex
    }

    /// Lets a mapped file's pages leave the resident set once the work that reads all of it is
    /// done (`FileMapping.releaseResidentPages`); a file read into an array keeps its bytes.
    package func releaseResidentPages() {
        mapping?.releaseResidentPages()
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lines.lineCount }

    /// The location of the byte at `offset` (clamped to the file).
    public func location(at offset: Int) -> Location {
        let clamped = max(0, min(offset, storage.count))
        let (line, column) = lines.position(of: clamped, in: storage)
        return Location(file: path, line: line, column: column)
    }

    /// The text of the 1-based line `line`, without its line break, for excerpts.
    public func text(ofLine line: Int) -> String {
        let index = lines
        guard line >= 1, line <= index.lineCount, let start = index.start(ofLine: line - 1, in: storage) else { return "" }
        let rest = UnsafeBufferPointer(rebasing: storage[start...])
        var end = rest.firstIndex(of: 0x0A).map { start + $0 } ?? storage.count
        if end > start, storage[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: storage[start..<end]), as: UTF8.self)
    }
}

/// Turns a byte offset into its line and column from a few numbers kept for every block of 256
/// bytes (`1 << blockShift`): the line the block's first byte is on and where that line starts.
/// The line breaks between a block's start and the offset are counted when a location is asked for.
///
/// Earlier the index kept where every line starts and searched those of the offset's block. On a
/// large file that search was a chain of cache misses, and the starts took a fifth of the file's
/// size (4 bytes for a pretty-printed line of some 20), written by the reader, copied where the
/// halves of a parse joined, and read again to build the block table: on 100,000 hosts 25 MiB and
/// some 9,500 page faults. These tables take 1/32 of the file, and the reader writes them once.
///
/// Only addresses: the arrays they point into belong to a `LineTables` that lives as long as the
/// file and never changes after it is built, so copying the index counts no references, and threads
/// asking for locations side by side do not contend for them.
private struct LineIndex: @unchecked Sendable { // buys: locations looked up side by side without counting references
    /// For each block, the 0-based line its first byte is on.
    let blockLines: UnsafeBufferPointer<UInt32>
    /// For each block, the byte offset at which that line starts (at or before the block).
    let blockLineStarts: UnsafeBufferPointer<UInt32>
    /// Number of Unicode scalars that start before each multiple of `stride` bytes, so a column
    /// on a very long line (a minified file) costs at most `stride` bytes of counting. Only files
    /// with a line longer than `stride` need them; for the others it is empty.
    let scalarCheckpoints: UnsafeBufferPointer<Int>
    let lineCount: Int

    static let stride = 512
    static let blockShift = LineMarks.blockShift
    static let empty = LineIndex(blockLines: .init(start: nil, count: 0), blockLineStarts: .init(start: nil, count: 0),
                                 scalarCheckpoints: .init(start: nil, count: 0), lineCount: 1)

    /// The 1-based line and column of the byte at `offset` (already clamped to the file).
    func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let offset = min(offset, (blockLines.count << Self.blockShift) - 1)
        let block = offset >> Self.blockShift
        let blockStart = block << Self.blockShift
        var line = Int(blockLines[block])
        var start = Int(blockLineStarts[block])
        // The last line break before the offset in its block, if any, ends the line before the
        // offset's; it and those before it in the block count lines.
        var index = offset
        while index > blockStart {
            index -= 1
            if bytes[index] == 0x0A {
                start = index + 1
                line += 1
                for earlier in blockStart..<index where bytes[earlier] == 0x0A { line += 1 }
                break
            }
        }
        // Short distances are counted directly; long lines use the checkpoints.
        var column = 1
        if offset - start <= Self.stride {
            for index in start..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        } else {
            column += scalars(before: offset, in: bytes) - scalars(before: start, in: bytes)
        }
        return (line + 1, column)
    }

    /// The byte offset at which the 0-based line `line` starts, nil beyond the last line.
    func start(ofLine line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line >= 0, line < lineCount, !blockLines.isEmpty else { return line == 0 ? 0 : nil }
        // The last block whose first byte is on this line or an earlier one.
        var (low, high) = (0, blockLines.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(blockLines[middle]) <= line { low = middle } else { high = middle - 1 }
        }
        var current = Int(blockLines[low])
        guard current < line else { return Int(blockLineStarts[low]) }
        // The line starts after a line break in this block.
        for index in (low << Self.blockShift)..<bytes.count where bytes[index] == 0x0A {
            current += 1
            if current == line { return index + 1 }
        }
        return nil
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
private final class LineTables: @unchecked Sendable { // buys: the tables `LineIndex` points into, built once and shared
    let marks: LineMarks
    let scalarCheckpoints: [Int]

    /// Scans `buffer` for line breaks.
    convenience init(_ buffer: UnsafeBufferPointer<UInt8>) {
        let indexed = min(buffer.count, Int(UInt32.max))
        var marks = LineMarks(size: indexed)
        if let base = buffer.baseAddress {
            var position = 0
            // memchr finds line breaks many bytes at a time.
            while position < indexed, let found = memchr(base + position, 0x0A, indexed - position) {
                let lineBreak = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                marks.lineBreak(at: lineBreak)
                position = lineBreak + 1
            }
        }
        marks.finish()
        self.init(buffer, marks: marks)
    }

    /// The tables for `buffer` from `marks` over the whole of it (finished), which they keep.
    init(_ buffer: UnsafeBufferPointer<UInt8>, marks: LineMarks) {
        self.marks = marks
        // A column further in than `LineIndex.stride` on a longer line is counted from the checkpoints.
        var checkpoints: [Int] = []
        if marks.longestLine > LineIndex.stride {
            checkpoints.reserveCapacity(buffer.count / LineIndex.stride + 1)
            checkpoints.append(0)
            var scalars = 0
            for index in buffer.indices {
                if index % LineIndex.stride == 0, index > 0 { checkpoints.append(scalars) }
                if buffer[index] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
        self.scalarCheckpoints = checkpoints
    }

    /// Addresses into the arrays, valid while this object lives (its arrays are constants).
    var index: LineIndex {
        LineIndex(blockLines: marks.blocks.lines, blockLineStarts: marks.blocks.starts,
                  scalarCheckpoints: scalarCheckpoints.withUnsafeBufferPointer { $0 }, lineCount: marks.lineBreaks + 1)
    }
}

/// Records a text's lines as its line breaks are met in order (`lineBreak(at:)`): for every block of
/// 256 bytes, the line its first byte is on and where that line starts (`LineIndex`).
///
/// Two marks can share one set of tables: the reader's second half starts a mark of its own at the
/// split (`startingAt`), counting lines from there, and the first half's takes it over when the
/// halves join (`join`), adding its own line count to the second half's blocks.
struct LineMarks: @unchecked Sendable { // buys: each half of a parse records its own line breaks (no second scan of the file)
    static let blockShift = 8

    /// The tables, one entry a block (the last block is the one the end of the text falls in).
    final class Blocks: @unchecked Sendable { // buys: as `LineMarks`, the blocks both halves write
        let lines: UnsafeBufferPointer<UInt32>
        let starts: UnsafeBufferPointer<UInt32>

        init(count: Int) {
            lines = UnsafeBufferPointer(UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count))
            starts = UnsafeBufferPointer(UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count))
        }

        deinit {
            lines.deallocate()
            starts.deallocate()
        }
    }

    let blocks: Blocks
    /// Where the tables are written (the same memory as `blocks`').
    private let lines: UnsafeMutablePointer<UInt32>
    private let starts: UnsafeMutablePointer<UInt32>
    /// The text's size.
    private let size: Int
    /// The first block this mark records, and the next one it has not recorded yet.
    private let firstBlock: Int
    private var nextBlock: Int
    /// The offset of `nextBlock`'s first byte: a line break at or past it records blocks.
    private var nextBoundary: Int
    /// Line breaks met, and where the line after the last one starts.
    private(set) var lineBreaks = 0
    private var lineStart: Int
    /// The longest line that ended (or, after `finish`, any line), without its line break.
    private(set) var longestLine = 0

    /// Marks for a text of `size` bytes, from its start.
    init(size: Int) {
        blocks = Blocks(count: size >> Self.blockShift + 1)
        (lines, starts) = (UnsafeMutablePointer(mutating: blocks.lines.baseAddress!), UnsafeMutablePointer(mutating: blocks.starts.baseAddress!))
        self.size = size
        (firstBlock, nextBlock, nextBoundary, lineStart) = (0, 0, 0, 0)
    }

    /// Marks of the same text in `other`'s tables from `offset`, whose line starts at `lineStart`,
    /// counting lines from there.
    init(sharing other: LineMarks, startingAt offset: Int, lineStart: Int) {
        blocks = other.blocks
        (lines, starts, size) = (other.lines, other.starts, other.size)
        firstBlock = (offset + (1 << Self.blockShift) - 1) >> Self.blockShift
        nextBlock = firstBlock
        nextBoundary = firstBlock << Self.blockShift
        self.lineStart = lineStart
    }

    /// The line break at `offset`, the next after those already met.
    @inline(__always)
    mutating func lineBreak(at offset: Int) {
        if offset >= nextBoundary { record(through: offset) }
        longestLine = max(longestLine, offset - lineStart)
        lineBreaks += 1
        lineStart = offset + 1
    }

    /// Records the blocks that start at or before `offset` on the current line.
    private mutating func record(through offset: Int) {
        let last = min(offset, size) >> Self.blockShift
        while nextBlock <= last {
            lines[nextBlock] = UInt32(truncatingIfNeeded: lineBreaks)
            starts[nextBlock] = UInt32(truncatingIfNeeded: lineStart)
            nextBlock += 1
        }
        nextBoundary = nextBlock << Self.blockShift
    }

    /// Records the blocks up to the end of the text, all on the last line: the text has no more
    /// line breaks after those met.
    mutating func finish() {
        record(through: size)
        longestLine = max(longestLine, size - lineStart)
    }

    /// Takes over `second`, the marks from the split up to the end of the text (finished there):
    /// this mark has met every line break before the split.
    mutating func join(_ second: LineMarks) {
        record(through: second.firstBlock << Self.blockShift - 1)
        let shift = UInt32(truncatingIfNeeded: lineBreaks)
        for block in second.firstBlock..<second.nextBlock { lines[block] += shift }
        nextBlock = second.nextBlock
        nextBoundary = second.nextBoundary
        lineBreaks += second.lineBreaks
        lineStart = second.lineStart
        longestLine = max(longestLine, second.longestLine)
    }
}

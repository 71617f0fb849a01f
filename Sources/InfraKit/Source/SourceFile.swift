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
/// JSON is whitespace between values), and handed over (`adoptLineStarts`); its tables are then
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
    nonisolated(unsafe) let storage: UnsafeBufferPointer<UInt8>

    /// The bytes as an array (a copy for a mapped file: only for small reads such as `docs --inject`).
    public var bytes: [UInt8] { mapping == nil ? array : Array(storage) }

    /// Files at least this large get their line breaks from the reader (`adoptLineStarts`).
    static let recordedLinesSize = 1 << 20

    /// Both set once, before `indexReady`, and never changed after: read only through `lines`.
    nonisolated(unsafe) private var lineTables: LineTables?
    nonisolated(unsafe) private var lineIndex = LineIndex.empty
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
    init(path: String, mapping: FileMapping) {
        self.path = path
        self.array = []
        self.mapping = mapping
        self.storage = mapping.bytes
        indexState = Mutex(.waiting)
        if storage.count < Self.recordedLinesSize { publish(LineTables(storage)) }
    }

    /// Whether the reader should record where lines start (`LineStarts`) and hand them over: a large
    /// file whose index is not built yet.
    var wantsLineStarts: Bool {
        storage.count >= Self.recordedLinesSize && indexState.withLock { if case .waiting = $0 { true } else { false } }
    }

    /// Takes the starts of every line, as the reader found them in the whole file (the first, 0,
    /// included), and finishes the index from them on another core. Ignored, and freed, once the
    /// index is made or being made.
    func adoptLineStarts(_ starts: LineStarts) {
        let group = DispatchGroup()
        let adopted = indexState.withLock { state in
            guard case .waiting = state else { return false }
            state = .finishing(group)
            return true
        }
        guard adopted else {
            starts.free()
            return
        }
        DispatchQueue.global().async(group: group) { [self] in
            publish(LineTables(storage, starts: starts.finish()))
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
    /// For each block of 256 bytes (`1 << blockShift`), the line its first byte is on (0-based): a location is
    /// then a search among the few lines of one block instead of among every line of the file.
    ///
    /// The search is a chain of cache misses on a large file. Blocks of 4,096 bytes held some 200
    /// lines of a pretty-printed inventory, eight probes spread over 800 bytes of `starts`; 256 bytes
    /// hold a dozen, in one or two cache lines. 122,000 locations at random in 100,000 hosts (the
    /// findings it gives) took 55 ms at 4,096 and 32 ms at 256, for a table of 2 MiB instead of 128 KiB.
    let blockLines: UnsafeBufferPointer<UInt32>
    /// Number of Unicode scalars that start before each multiple of `stride` bytes, so a column
    /// on a very long line (a minified file) costs at most `stride` bytes of counting. Only files
    /// with a line longer than `stride` need them; for the others it is empty.
    let scalarCheckpoints: UnsafeBufferPointer<Int>

    static let stride = 512
    static let blockShift = 8
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
private final class LineTables: @unchecked Sendable {
    /// Owned: freed in `deinit`, never changed.
    let starts: UnsafeMutableBufferPointer<UInt32>
    let blockLines: [UInt32]
    let scalarCheckpoints: [Int]

    /// Scans `buffer` for line breaks.
    convenience init(_ buffer: UnsafeBufferPointer<UInt8>) {
        let indexed = min(buffer.count, Int(UInt32.max))
        // Generously: pages never written are never resident, and growing would copy the index.
        var starts = LineStarts(capacity: indexed / 16 + 1)
        if let base = buffer.baseAddress {
            var lineStart = 0
            // memchr finds line breaks many bytes at a time.
            while lineStart < indexed, let found = memchr(base + lineStart, 0x0A, indexed - lineStart) {
                lineStart = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(UInt32(lineStart))
            }
        }
        self.init(buffer, starts: starts.finish())
    }

    /// The tables for `buffer` whose lines start at `starts` (0 first; taken, and freed with these tables).
    init(_ buffer: UnsafeBufferPointer<UInt8>, starts: UnsafeMutableBufferPointer<UInt32>) {
        self.starts = starts
        var blocks = [UInt32]()
        blocks.reserveCapacity(buffer.count >> LineIndex.blockShift + 1)
        var line = 0
        for block in 0...(buffer.count >> LineIndex.blockShift) {
            let blockStart = block << LineIndex.blockShift
            while line + 1 < starts.count, Int(starts[line + 1]) <= blockStart { line += 1 }
            blocks.append(UInt32(line))
        }
        // The longest line, its line break left out: a column further in than `LineIndex.stride`
        // is counted from the checkpoints.
        var longestLine = buffer.count - Int(starts.last ?? 0)
        for next in starts.indices.dropFirst() { longestLine = max(longestLine, Int(starts[next]) - Int(starts[next - 1]) - 1) }
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
        self.blockLines = blocks
        self.scalarCheckpoints = checkpoints
    }

    deinit {
        starts.deallocate()
    }

    /// Addresses into the arrays, valid while this object lives (its arrays are constants).
    var index: LineIndex {
        LineIndex(starts: UnsafeBufferPointer(starts), blockLines: blockLines.withUnsafeBufferPointer { $0 },
                  scalarCheckpoints: scalarCheckpoints.withUnsafeBufferPointer { $0 })
    }
}

/// The starts of lines as they are found, in an unsafe buffer that grows by doubling: appending one
/// is a compare and a store (an array's append also checks, at every line, that it is not shared).
/// Whoever ends up with it frees it: `finish` hands the buffer over, `free` frees it.
struct LineStarts: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private(set) var count = 0

    /// Room for `capacity` starts to begin with; the first line's start, 0, is in.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        base[0] = 0
        count = 1
    }

    @inline(__always)
    mutating func append(_ start: UInt32) {
        if count == capacity { grow() }
        base[count] = start
        count += 1
    }

    /// Appends `other`'s starts after its first (its 0), and frees `other`.
    mutating func append(contentsOf other: LineStarts) {
        let added = other.count - 1
        while count + added > capacity { grow() }
        (base + count).initialize(from: other.base + 1, count: added)
        count += added
        other.free()
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        (base, capacity) = (larger, capacity * 2)
    }

    /// The starts, as a buffer that is now the caller's to free.
    func finish() -> UnsafeMutableBufferPointer<UInt32> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    func free() {
        base.deallocate()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines, reading in large chunks into one reused buffer.
///
/// Memory is bounded by `maximumLineBytes` plus the chunk size whatever the input: a longer line is skipped
/// (counted in ``overlongLines``), never buffered whole.
struct LineReader {
    private let stream: any ByteStream
    private let chunkBytes: Int
    private let maximumLineBytes: Int
    /// Lines longer than the maximum that were skipped.
    private(set) var overlongLines = OverlongLines()

    init(stream: any ByteStream, maximumLineBytes: Int, chunkBytes: Int = 1 << 20) {
        self.stream = stream
        self.maximumLineBytes = max(1, maximumLineBytes)
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Calls `body` for each line in order; `body` returns false to stop early.
    mutating func forEachLine(_ body: (TextLine) throws(FootprintError) -> Bool) throws(FootprintError) {
        var lineNumber = 0
        var overlong = OverlongLines()
        defer { overlongLines = overlong }
        try forEachBlock { (block: LineBlock) throws(FootprintError) -> Bool in
            switch block {
            case .lines(let bytes):
                return try LineBlock.forEachLine(in: bytes, numberedAfter: &lineNumber) {
                    (line, _) throws(FootprintError) in try body(line)
                }
            case .lastLine(let bytes):
                lineNumber += 1
                return try body(
                    TextLine(bytes: LineBlock.withoutCarriageReturn(bytes), number: lineNumber, isTerminated: false))
            case .overlongLine:
                lineNumber += 1
                overlong.note(line: lineNumber)
                return true
            }
        }
    }

    /// Calls `body` with the input's lines in blocks, in order: each run of whole lines read at once, each line too
    /// long to read where it was, and the last line when it ends without a newline; `body` returns false to stop
    /// early. A block is at most the chunk size plus the longest line.
    mutating func forEachBlock(_ body: (LineBlock) throws(FootprintError) -> Bool) throws(FootprintError) {
        let capacity = maximumLineBytes + chunkBytes
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let newlineByte = UInt8(ascii: "\n")
        var start = 0
        var end = 0
        var skippingOverlong = false
        var ended = false
        while !ended {
            if start > 0 && start == end {
                start = 0
                end = 0
            } else if capacity - end < chunkBytes && start > 0 {
                memmove(base, base + start, end - start)
                end -= start
                start = 0
            }
            let count = try stream.read(
                into: UnsafeMutableRawBufferPointer(start: base + end, count: min(chunkBytes, capacity - end)))
            if count == 0 { ended = true }
            var scanFrom = end
            end += count
            if skippingOverlong, scanFrom < end, let found = memchr(base + scanFrom, Int32(newlineByte), end - scanFrom)
            {
                // The skipped line ends here.
                skippingOverlong = false
                start = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                scanFrom = start
            }
            if !skippingOverlong {
                var last = end - 1
                while last >= scanFrom && base[last] != newlineByte { last -= 1 }
                if last >= scanFrom {
                    let lines = ByteView(UnsafeBufferPointer(start: base + start, count: last + 1 - start))
                    start = last + 1
                    if try !body(.lines(lines)) { return }
                }
            }
            if end - start > maximumLineBytes {
                // The current line is already too long: drop what is buffered and skip to its end.
                if !skippingOverlong, try !body(.overlongLine) { return }
                skippingOverlong = true
                start = 0
                end = 0
            }
        }
        if start < end && !skippingOverlong {
            _ = try body(.lastLine(ByteView(UnsafeBufferPointer(start: base + start, count: end - start))))
        }
    }
}

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
    /// Lines longer than the maximum that were skipped, with their line numbers (the first few).
    private(set) var overlongLines: [Int] = []
    private(set) var overlongLineCount = 0

    init(stream: any ByteStream, maximumLineBytes: Int, chunkBytes: Int = 1 << 20) {
        self.stream = stream
        self.maximumLineBytes = max(1, maximumLineBytes)
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Calls `body` for each line in order; `body` returns false to stop early.
    mutating func forEachLine(_ body: (TextLine) throws(FootprintError) -> Bool) throws(FootprintError) {
        let capacity = maximumLineBytes + chunkBytes
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var start = 0
        var end = 0
        var lineNumber = 0
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
            while start < end {
                let searchLength = end - scanFrom
                guard searchLength > 0,
                    let found = memchr(base + scanFrom, Int32(UInt8(ascii: "\n")), searchLength)
                else { break }
                let newline = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                lineNumber += 1
                if skippingOverlong {
                    skippingOverlong = false
                } else {
                    var lineEnd = newline
                    if lineEnd > start && base[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                    let line = TextLine(
                        bytes: ByteView(UnsafeBufferPointer(start: base + start, count: lineEnd - start)),
                        number: lineNumber, isTerminated: true)
                    if try !body(line) { return }
                }
                start = newline + 1
                scanFrom = start
            }
            if end - start > maximumLineBytes {
                // The current line is already too long: drop what is buffered and skip to its end.
                if !skippingOverlong {
                    overlongLineCount += 1
                    if overlongLines.count < FindingLog.keptPerKind { overlongLines.append(lineNumber + 1) }
                }
                skippingOverlong = true
                start = 0
                end = 0
            }
        }
        if start < end && !skippingOverlong {
            lineNumber += 1
            var lineEnd = end
            if base[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            _ = try body(
                TextLine(
                    bytes: ByteView(UnsafeBufferPointer(start: base + start, count: lineEnd - start)),
                    number: lineNumber, isTerminated: false))
        }
    }
}

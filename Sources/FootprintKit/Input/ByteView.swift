#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only view of contiguous bytes that something else owns: a line from a ``LineReader``, a TFRecord's
/// data, a protobuf field inside it, the unread bytes of a ``StreamBuffer``.
///
/// Valid only during the callback (or `with…` body) that hands it out: never store it past that call or let it
/// escape. Every byte access is bounds-checked (an index outside `0..<count` traps, as with an array), and the
/// bulk operations (search, comparison, copying, decoding) work on whole ranges at once. Code outside `Input/`
/// reads bytes only through it, so that pointer code stays in the byte-input layer.
struct ByteView: RandomAccessCollection {
    typealias Index = Int
    typealias Indices = Range<Int>

    private let buffer: UnsafeBufferPointer<UInt8>

    /// Views `buffer`, which must stay valid and unchanged while the view is used.
    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Views `buffer`, which must stay valid and unchanged while the view is used.
    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer.assumingMemoryBound(to: UInt8.self)
    }

    /// An empty view.
    init() {
        buffer = UnsafeBufferPointer(start: nil, count: 0)
    }

    @inline(__always) var count: Int { buffer.count }
    @inline(__always) var startIndex: Int { 0 }
    @inline(__always) var endIndex: Int { buffer.count }
    @inline(__always) var indices: Range<Int> { 0..<buffer.count }
    @inline(__always) func index(after index: Int) -> Int { index + 1 }
    @inline(__always) func index(before index: Int) -> Int { index - 1 }

    /// The byte at `index`; traps when `index` is outside `0..<count`.
    @inline(__always)
    subscript(index: Int) -> UInt8 {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: buffer.count), "byte index out of range")
        return buffer.baseAddress.unsafelyUnwrapped[index]
    }

    /// Lends the bytes to `body`: what `String(decoding:as:)` and other generic algorithms use to read them at once.
    func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try body(buffer)
    }

    /// Lends the viewed bytes to `body` as a buffer, for the byte-input layer's own word-at-a-time scans.
    @inline(__always)
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(buffer)
    }

    /// The bytes in `range`, as a view whose indices start at 0; traps when `range` is not within `0..<count`.
    @inline(__always)
    func extracting(_ range: Range<Int>) -> ByteView {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "byte range out of bounds")
        return ByteView(UnsafeBufferPointer(rebasing: buffer[range]))
    }

    /// The first index at or after `start` that holds `byte`, or nil (`memchr`).
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        precondition(start >= 0 && start <= buffer.count, "byte index out of range")
        guard start < buffer.count, let base = buffer.baseAddress,
            let found = memchr(base + start, Int32(byte), buffer.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The first index at or after `start` that holds `first` or `second`, or nil; eight bytes at a time (a
    /// byte equal to the one sought is a zero byte of the word XORed with it, and the lowest flagged zero byte of
    /// `(x - 0x01…) & ~x & 0x80…` is the first one).
    func firstIndex(of first: UInt8, or second: UInt8, from start: Int) -> Int? {
        precondition(start >= 0 && start <= buffer.count, "byte index out of range")
        guard let base = buffer.baseAddress else { return nil }
        let end = buffer.count
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let (firstMask, secondMask) = (ones &* UInt64(first), ones &* UInt64(second))
        let raw = UnsafeRawPointer(base)
        while end &- index >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian
            let a = word ^ firstMask
            let b = word ^ secondMask
            let found = ((a &- ones) & ~a | (b &- ones) & ~b) & highs
            if found != 0 { return index &+ found.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < end {
            if base[index] == first || base[index] == second { return index }
            index &+= 1
        }
        return nil
    }

    /// The first index at or after `start` whose byte satisfies `predicate`, or `count` when none does.
    @inline(__always)
    func firstIndex(from start: Int, where predicate: (UInt8) throws -> Bool) rethrows -> Int {
        precondition(start >= 0 && start <= buffer.count, "byte index out of range")
        guard let base = buffer.baseAddress else { return start }
        var index = start
        let end = buffer.count
        while index < end {
            if try predicate(base[index]) { return index }
            index &+= 1
        }
        return end
    }

    /// Whether the view holds exactly the bytes of `stored` (`memcmp`).
    func equals(_ stored: [UInt8]) -> Bool {
        stored.count == buffer.count && equals(stored, at: 0)
    }

    /// Whether `stored[offset..<offset + count]` holds exactly the viewed bytes; false when `stored` is too short.
    /// Views of 8 to 64 bytes (a row's GPU key, a timestamp) are compared a word at a time, the last word
    /// overlapping, without a call to `memcmp`.
    func equals(_ stored: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, stored.count - offset >= buffer.count else { return false }
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return true }
        let count = buffer.count
        return stored.withUnsafeBytes { storedBytes in
            let other = storedBytes.baseAddress.unsafelyUnwrapped + offset
            guard count >= 8 && count <= 64 else { return memcmp(other, base, count) == 0 }
            let mine = UnsafeRawPointer(base)
            var index = 0
            while index < count &- 8 {
                guard
                    mine.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        == other.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                else { return false }
                index &+= 8
            }
            return mine.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == other.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
    }

    /// The bytes in `range` decoded as UTF-8, invalid sequences replaced with U+FFFD.
    func string(in range: Range<Int>) -> String {
        String(decoding: extracting(range).buffer, as: UTF8.self)
    }

    /// The little-endian `UInt16` at byte `offset`; traps unless 2 bytes are there.
    @inline(__always)
    func littleEndianUInt16(at offset: Int) -> UInt16 { load(at: offset, as: UInt16.self) }

    /// The little-endian `UInt32` at byte `offset`; traps unless 4 bytes are there.
    @inline(__always)
    func littleEndianUInt32(at offset: Int) -> UInt32 { load(at: offset, as: UInt32.self) }

    /// The little-endian `UInt64` at byte `offset`; traps unless 8 bytes are there.
    @inline(__always)
    func littleEndianUInt64(at offset: Int) -> UInt64 { load(at: offset, as: UInt64.self) }

    @inline(__always)
    private func load<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as type: T.Type) -> T {
        precondition(offset >= 0 && buffer.count - offset >= MemoryLayout<T>.size, "byte range out of bounds")
        return UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped).loadUnaligned(fromByteOffset: offset, as: T.self)
            .littleEndian
    }

    /// Appends the viewed bytes to `array` in one copy.
    fileprivate func append(to array: inout [UInt8]) {
        array.append(contentsOf: buffer)
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of `view` in one copy.
    mutating func append(contentsOf view: ByteView) {
        view.append(to: &self)
    }
}

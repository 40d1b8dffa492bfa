#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read ahead from a ``ByteStream`` into one owned buffer and consumed from the front: the window of the
/// readers that frame their own input (TFRecord, JSON).
///
/// The buffer starts at `chunkBytes` and grows only to fit the longest run of bytes asked for at once
/// (``fill(atLeast:)``), so memory is bounded by the caller's limits. Byte accesses are bounds-checked against the
/// unread bytes; whole runs are read through a ``ByteView``.
final class StreamBuffer {
    private let stream: any ByteStream
    private let chunkBytes: Int
    private var storage: UnsafeMutableRawBufferPointer
    /// The unread bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0
    /// The stream offset of `storage[0]`.
    private var storageOffset = 0
    /// The stream has ended: nothing more will be read.
    private(set) var isAtEnd = false

    init(stream: any ByteStream, chunkBytes: Int) {
        self.stream = stream
        self.chunkBytes = max(1, chunkBytes)
        storage = .allocate(byteCount: self.chunkBytes, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// How many bytes are read and not yet consumed.
    @inline(__always) var count: Int { end &- start }

    /// The stream offset of the first unread byte.
    var offset: Int { storageOffset &+ start }

    /// The unread byte at `index` (0 is the first); traps when `index` is outside `0..<count`.
    @inline(__always)
    subscript(index: Int) -> UInt8 {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: end &- start), "byte index out of range")
        return storage.load(fromByteOffset: start &+ index, as: UInt8.self)
    }

    /// Consumes the first `byteCount` unread bytes; traps when fewer are buffered.
    @inline(__always)
    func consume(_ byteCount: Int) {
        precondition(byteCount >= 0 && byteCount <= end &- start, "consumed more bytes than are buffered")
        start &+= byteCount
    }

    /// Calls `body` with a view of the unread bytes, valid only during the call.
    @inline(__always)
    func withUnreadBytes<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        try body(ByteView(UnsafeRawBufferPointer(rebasing: storage[start..<end])))
    }

    /// Reads until at least `byteCount` bytes are unread; false when the stream ends first.
    @inline(__always)
    func fill(atLeast byteCount: Int) throws(FootprintError) -> Bool {
        // Inlined for the usual case, bytes already read ahead (twice per record of an event file).
        end &- start >= byteCount ? true : try read(atLeast: byteCount)
    }

    /// ``fill(atLeast:)`` when the unread bytes are too few.
    private func read(atLeast byteCount: Int) throws(FootprintError) -> Bool {
        while end - start < byteCount {
            if isAtEnd { return false }
            if start == end {
                storageOffset += start
                start = 0
                end = 0
            }
            if storage.count - end < chunkBytes / 4 || storage.count - start < byteCount {
                let kept = end - start
                if start > 0 {
                    _ = memmove(storage.baseAddress!, storage.baseAddress! + start, kept)
                    storageOffset += start
                    start = 0
                    end = kept
                }
                if storage.count - end < chunkBytes / 4 || storage.count < byteCount {
                    let grown = UnsafeMutableRawBufferPointer.allocate(
                        byteCount: max(storage.count * 2, byteCount + chunkBytes), alignment: 16)
                    grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<end]))
                    storage.deallocate()
                    storage = grown
                }
            }
            let got = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
            if got == 0 { isAtEnd = true } else { end += got }
        }
        return true
    }
}

/// Byte storage that can lend its contents as a ``ByteView`` for the duration of a call: byte arrays, a view
/// itself, and the raw buffers that C interfaces and tests hold.
protocol ContiguousByteStorage {
    /// Calls `body` with a view of the bytes, valid only during the call.
    func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R
}

extension ByteView: ContiguousByteStorage {
    @inline(__always)
    func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        try body(self)
    }
}

extension Array: ContiguousByteStorage where Element == UInt8 {
    @inline(__always)
    func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        try withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(ByteView(buffer)) }
    }
}

extension UnsafeBufferPointer: ContiguousByteStorage where Element == UInt8 {
    @inline(__always)
    func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        try body(ByteView(self))
    }
}

extension UnsafeRawBufferPointer: ContiguousByteStorage {
    @inline(__always)
    func withByteView<R, E: Error>(_ body: (ByteView) throws(E) -> R) throws(E) -> R {
        try body(ByteView(self))
    }
}

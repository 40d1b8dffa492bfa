import FuzzSupport
@testable import FootprintKit

// The gzip layer: any bytes, inflated to the end or to a clean error.
FuzzInput.run { path in
    guard let (stream, _) = try? InputOpener.open(path: path, limits: FuzzInput.limits) else { return }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
    defer { buffer.deallocate() }
    while let read = try? stream.read(into: buffer), read > 0 {}
    _ = stream.notes
}

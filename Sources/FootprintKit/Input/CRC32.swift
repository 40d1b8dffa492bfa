internal import CFootprintZlib

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib and gzip compute it), the checksum of the W&B
/// transaction log's chunks. zlib's `crc32` does the work (it folds several bytes per step).
enum CRC32 {
    /// The CRC-32 of `prefix` followed by `bytes`: W&B checksums a chunk's type byte and its payload together.
    static func checksum(prefix: UInt8, _ bytes: ByteView) -> UInt32 {
        var byte = prefix
        var crc = withUnsafePointer(to: &byte) { crc32(0, $0, 1) }
        bytes.withContiguousStorageIfAvailable { buffer in
            var offset = 0
            // zlib takes a 32-bit length: feed it in pieces no longer than that.
            while offset < buffer.count {
                let length = min(buffer.count - offset, 1 << 30)
                crc = crc32(crc, buffer.baseAddress.map { $0 + offset }, uInt(length))
                offset += length
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

internal import CFootprintIsal

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as TFRecord framing uses it.
///
/// Computed by Intel ISA-L's `crc32_iscsi`, which uses the CPU's CRC instruction where there is one (SSE 4.2 on
/// x86-64, the CRC extension on arm64) and a table otherwise; inputs under 256 bytes (TFRecord headers and scalar
/// records) go straight through SSE 4.2's instruction on x86-64, without ISA-L's set-up.
enum CRC32C {
    /// The longest piece handed to ISA-L at once (its length is a C `int`).
    private static let pieceBytes = 1 << 30
    #if arch(x86_64)
    /// Inputs shorter than this go through the CPU's `crc32` instruction eight bytes at a time, where it has one.
    private static let shortBytes = 256
    #endif

    /// The CRC-32C of `storage`'s bytes.
    static func checksum(_ storage: some ContiguousByteStorage) -> UInt32 {
        storage.withByteView(checksum(view:))
    }

    private static func checksum(view bytes: ByteView) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            #if arch(x86_64)
            if buffer.count < shortBytes, footprint_has_crc32c_instruction() != 0, let base = buffer.baseAddress {
                return footprint_crc32c_short(base, buffer.count, 0xFFFF_FFFF) ^ 0xFFFF_FFFF
            }
            #endif
            // ISA-L takes and returns the register before the final inversion, so pieces chain.
            var crc: UInt32 = 0xFFFF_FFFF
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = min(pieceBytes, buffer.count - offset)
                crc = crc32_iscsi(UnsafeMutablePointer(mutating: base + offset), Int32(count), crc)
                offset += count
            }
            return crc ^ 0xFFFF_FFFF
        }
    }

    /// TFRecord's masked form: `((crc >> 15) | (crc << 17)) &+ 0xa282ead8`.
    static func masked(_ storage: some ContiguousByteStorage) -> UInt32 {
        let crc = checksum(storage)
        return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small byte-key helpers shared by the readers and the audit: comparing a stored key with bytes in a read
/// buffer, and FNV-1a hashing (stable across runs and machines, unlike `Hasher`).
enum ByteKeys {
    /// Whether `stored` holds exactly `bytes`.
    static func equal(_ stored: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard stored.count == bytes.count else { return false }
        guard let address = bytes.baseAddress, !bytes.isEmpty else { return true }
        return stored.withUnsafeBytes { memcmp($0.baseAddress!, address, bytes.count) == 0 }
    }

    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

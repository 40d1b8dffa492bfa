/// FNV-1a hashing of byte keys, shared by the readers and the audit (stable across runs and machines, unlike
/// `Hasher`).
enum ByteKeys {
    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

/// The names W&B gives a GPU's power: `gpu.{i}.powerWatts` inside a run file, `system.gpu.{i}.powerWatts` in the
/// text layouts. `gpu.process.{i}.powerWatts` repeats the value of a GPU the run's process used and is not
/// matched, so that no GPU is counted twice.
enum WandBPowerKey {
    static let runFilePrefix = Array("gpu.".utf8)
    static let systemPrefix = Array("system.gpu.".utf8)
    private static let suffix = Array(".powerWatts".utf8)

    /// The range of the GPU index's digits when `key` is `<prefix><digits>.powerWatts`, else nil.
    static func indexRange(in key: ByteView, prefix: [UInt8]) -> Range<Int>? {
        let digitsEnd = key.count - suffix.count
        guard digitsEnd > prefix.count, digitsEnd - prefix.count <= 6 else { return nil }
        for (offset, byte) in prefix.enumerated() where key[offset] != byte { return nil }
        for (offset, byte) in suffix.enumerated() where key[digitsEnd + offset] != byte { return nil }
        for index in prefix.count..<digitsEnd where !(0x30...0x39).contains(key[index]) { return nil }
        return prefix.count..<digitsEnd
    }
}

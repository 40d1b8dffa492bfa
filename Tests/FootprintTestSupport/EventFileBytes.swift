/// TensorBoard event files built byte by byte, independently of the reader under test: protobuf `Event`s framed as
/// TFRecords, with CRC-32C computed bit by bit.
public enum EventFileBytes {
    /// CRC-32C (Castagnoli), one bit at a time.
    public static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    /// A TFRecord's masked CRC-32C of `bytes`, little-endian.
    public static func masked(_ bytes: [UInt8]) -> [UInt8] {
        let crc = crc32c(bytes)
        return littleEndian(((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    public static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    public static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return out + [UInt8(value)]
    }

    /// A length-delimited field.
    public static func delimited(_ field: UInt64, _ bytes: [UInt8]) -> [UInt8] {
        varint(field << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    /// An `Event` with its wall time, step and one `simple_value`, as tensorboardX and PyTorch write a scalar.
    public static func scalarEvent(wallTime: Double, step: Int64, tag: String, value: Float) -> [UInt8] {
        let summaryValue = delimited(1, Array(tag.utf8)) + [0x15] + littleEndian(value.bitPattern)
        return [0x09] + littleEndian(wallTime.bitPattern) + [0x10] + varint(UInt64(bitPattern: step))
            + delimited(5, delimited(1, summaryValue))
    }

    /// The `Event` a writer starts a file with: its wall time and `file_version`.
    public static func fileVersionEvent(wallTime: Double) -> [UInt8] {
        [0x09] + littleEndian(wallTime.bitPattern) + delimited(3, Array("brain.Event:2".utf8))
    }

    /// `events` framed as TFRecords: length, its masked CRC, data, its masked CRC.
    public static func framed(_ events: [[UInt8]]) -> [UInt8] {
        events.flatMap { data in
            let length = littleEndian(UInt64(data.count))
            return length + masked(length) + data + masked(data)
        }
    }
}

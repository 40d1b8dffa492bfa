/// A W&B metric value as written: JSON text (`74.696`, `"74.696"`, `NaN`) in a run file, a JSON or CSV cell in
/// the text layouts.
enum WandBValue {
    /// The value as a power reading; quotes around a number are taken off.
    static func reading(_ bytes: ByteView) -> FieldReading {
        var range = 0..<bytes.count
        if range.count >= 2, bytes[0] == 0x22, bytes[range.upperBound - 1] == 0x22 {
            range = 1..<(range.upperBound - 1)
        }
        return FieldBytes.reading(bytes, range)
    }
}

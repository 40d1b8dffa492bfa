/// One line of an MLflow file-store metric file: `<timestamp_ms> <value> <step>`, separated by single spaces
/// (`mlflow/store/tracking/file_store.py` writes them so; `../shared/FORMATS.md` §8).
struct MLflowMetricLine {
    /// Milliseconds since the Unix epoch.
    var timestampMilliseconds: Int64
    /// The value as written: a number, or a word such as `nan` that the caller judges.
    var value: FieldReading
    var step: Int64

    /// Reads `line`; nil when it does not have the three fields, or its time or step is not an integer.
    init?(_ line: ByteView, fields: inout LineFields) {
        guard fields.splitAtWhitespace(line), fields.count == 3,
            let milliseconds = Self.integer(line, fields[0]), let step = Self.integer(line, fields[2])
        else { return nil }
        timestampMilliseconds = milliseconds
        value = FieldBytes.reading(line, fields[1])
        self.step = step
    }

    /// Whether `text` (one line of a file's head) is a metric line whose time is epoch milliseconds (11 to 14
    /// digits: 1973 to 2286).
    static func matches(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 3, (11...14).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
            Double(parts[1]) != nil, Int64(parts[2]) != nil
        else { return false }
        return true
    }

    /// An optionally signed decimal integer of at most 18 digits (so that it cannot overflow).
    private static func integer(_ line: ByteView, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, line[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < range.upperBound, range.upperBound - index <= 18 else { return nil }
        var value: Int64 = 0
        while index < range.upperBound {
            let byte = line[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            index += 1
        }
        return negative ? -value : value
    }
}

/// The day of the last calendar timestamp a log's rows gave, so that its other rows of that day skip the date
/// arithmetic (those without a zone, or in UTC as `Z`): a log at 1 Hz holds 86,400 rows per day and GPU. A row
/// of another day, or of another layout, is parsed by ``TimestampParser`` (which then refreshes the cache); the
/// results are the same to the bit. The last timestamp read is kept too: the rows of one query, one per GPU,
/// repeat it byte for byte.
struct CalendarDayCache {
    /// The last field read (8 to 32 bytes long) as its length and four words that together cover it, and its
    /// timestamp; a length of 0 when there is none.
    private var lastLength = 0
    private var lastWords: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var lastTimestamp = LogTimestamp.local(0)
    /// The first 10 bytes of the cached day's timestamps (`2024/03/05`), as two little-endian integers.
    private var datePrefix: UInt64 = 0
    private var dateSuffix: UInt16 = 0
    /// Seconds from 1970-01-01 to the cached day's local midnight; nil before the first calendar timestamp.
    private var daySeconds: Double?

    /// The timestamp in `field` (a trimmed CSV field), as ``TimestampParser/parse(_:)-(ByteView)`` gives it.
    mutating func parse(_ field: ByteView) -> LogTimestamp? {
        let words = Self.words(field)
        if let words, field.count == lastLength, words == lastWords { return lastTimestamp }
        let parsed = parseAnew(field)
        if let words, let parsed {
            (lastLength, lastWords, lastTimestamp) = (field.count, words, parsed)
        }
        return parsed
    }

    /// The timestamp in `field`, not the last one read.
    private mutating func parseAnew(_ field: ByteView) -> LogTimestamp? {
        if let daySeconds, let time = Self.timeOfDay(field, datePrefix: datePrefix, dateSuffix: dateSuffix) {
            let seconds = daySeconds + time.seconds + time.fraction
            return time.isUTC ? .absolute(seconds) : .local(seconds)
        }
        let parsed = TimestampParser.parse(field)
        if parsed != nil, field.count >= 19, let day = Self.day(field) {
            datePrefix = field.littleEndianUInt64(at: 0)
            dateSuffix = field.littleEndianUInt16(at: 8)
            daySeconds = Double(day * 86_400)
        }
        return parsed
    }

    /// The words at offsets 0, 8, 16 and `count - 8` (some overlapping), which cover a field of 8 to 32 bytes;
    /// nil for a field of another length.
    @inline(__always)
    private static func words(_ field: ByteView) -> (UInt64, UInt64, UInt64, UInt64)? {
        let count = field.count
        guard count >= 8 && count <= 32 else { return nil }
        return (
            field.littleEndianUInt64(at: 0), field.littleEndianUInt64(at: min(8, count - 8)),
            field.littleEndianUInt64(at: min(16, count - 8)), field.littleEndianUInt64(at: count - 8)
        )
    }

    /// Days since 1970-01-01 of a field starting `YYYY?MM?DD` with the same separator twice (`/` or `-`).
    private static func day(_ field: ByteView) -> Int? {
        let separator = field[4]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-"), field[7] == separator,
            let year = number(field, 0, 4), let month = number(field, 5, 2), let day = number(field, 8, 2),
            TimestampParser.isDate(year: year, month: month, day: day)
        else { return nil }
        return TimestampParser.daysFromCivil(year: year, month: month, day: day)
    }

    /// Seconds into the day and the fraction of `YYYY?MM?DD[ T]HH:MM:SS[.fff][ ][Z]` when its first 10 bytes are
    /// the cached day's, and whether it ends in `Z` (UTC); nil otherwise (another zone is left to the parser).
    private static func timeOfDay(
        _ field: ByteView, datePrefix: UInt64, dateSuffix: UInt16
    ) -> (seconds: Double, fraction: Double, isUTC: Bool)? {
        let length = field.count
        guard length >= 19, field.littleEndianUInt64(at: 0) == datePrefix,
            field.littleEndianUInt16(at: 8) == dateSuffix,
            field[10] == 0x20 || field[10] == UInt8(ascii: "T"), field[13] == UInt8(ascii: ":"),
            field[16] == UInt8(ascii: ":"), let hour = number(field, 11, 2), let minute = number(field, 14, 2),
            let second = number(field, 17, 2), hour < 24, minute < 60, second <= 60
        else { return nil }
        // The fraction as TimestampParser computes it, digit by digit, so that the sum is the same to the bit.
        var index = 19
        var fraction = 0.0
        if index < length, field[index] == UInt8(ascii: ".") || field[index] == UInt8(ascii: ",") {
            index += 1
            var scale = 0.1
            var digits = 0
            while index < length, field[index] >= 0x30, field[index] <= 0x39 {
                fraction += Double(field[index] - 0x30) * scale
                digits += 1
                scale = nextScale(after: scale, digits: digits)
                index += 1
            }
        }
        while index < length && field[index] == 0x20 { index += 1 }
        let isUTC = index == length - 1 && field[index] == UInt8(ascii: "Z")
        guard index == length || isUTC else { return nil }
        return (Double(hour * 3600 + minute * 60 + second), fraction, isUTC)
    }

    /// `scale / 10` after the `digits`-th fraction digit: for the first four, the literal equal to it to the bit
    /// (0.1 / 10 / 10 … is not 1e-6 from the sixth digit on, so later ones divide).
    @inline(__always)
    private static func nextScale(after scale: Double, digits: Int) -> Double {
        switch digits {
        case 1: 0.01
        case 2: 0.001
        case 3: 0.0001
        case 4: 0.00001
        default: scale / 10
        }
    }

    /// The decimal number of `count` digits at `start`; nil when one is not a digit.
    @inline(__always)
    private static func number(_ field: ByteView, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let byte = field[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

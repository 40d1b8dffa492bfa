/// Parses the timestamp layouts power logs use, directly from bytes.
///
/// Accepts `2024/03/05 14:02:11.517` (nvidia-smi, local), `2024-03-05 14:02:11[.fff]` (local),
/// ISO 8601 `2024-03-05T14:02:11[.fff][Z|±HH:MM|±HHMM|±HH]` (local without a zone, absolute with one),
/// Unix epoch seconds, milliseconds, microseconds or nanoseconds (`1709647331.25`, `1709647331250`), and
/// `20240305 14:02:11` (dmon's two columns joined by a space). Rejects times without a date.
enum TimestampParser {
    /// The timestamp in `bytes` (a byte array, or a view), or nil when it is not one.
    static func parse(_ bytes: some ContiguousByteStorage) -> LogTimestamp? {
        bytes.withByteView(parse)
    }

    /// The timestamp in `field` (surrounding spaces, tabs and double quotes ignored), or nil when it is not one.
    static func parse(_ field: ByteView) -> LogTimestamp? {
        var start = 0
        var end = field.count
        while start < end && (field[start] == 0x20 || field[start] == 0x09 || field[start] == 0x22) { start += 1 }
        while end > start && (field[end - 1] == 0x20 || field[end - 1] == 0x09 || field[end - 1] == 0x22) {
            end -= 1
        }
        let length = end - start
        guard length >= 8 else { return nil }
        func digit(_ i: Int) -> Int? {
            let byte = field[start + i]
            return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
        }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<from + count {
                guard let d = digit(i) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        /// Digits after a decimal point (or comma) at `index`, as a fraction; moves `index` past them.
        func fractionalPart(_ index: inout Int, allowingComma: Bool) -> Double {
            guard index < length,
                field[start + index] == UInt8(ascii: ".") || allowingComma && field[start + index] == UInt8(ascii: ",")
            else { return 0 }
            index += 1
            var fraction = 0.0
            var scale = 0.1
            while index < length, let d = digit(index) {
                fraction += Double(d) * scale
                scale /= 10
                index += 1
            }
            return fraction
        }
        // Calendar layouts: YYYY?MM?DD or YYYYMMDD, then ' ' or 'T', then HH:MM:SS.
        var dateLength = 0
        if length >= 19, field[start + 4] == UInt8(ascii: "/") || field[start + 4] == UInt8(ascii: "-") {
            dateLength = 10
        } else if length >= 17, number(0, 8) != nil, field[start + 8] == 0x20 {
            dateLength = 8
        }
        if dateLength > 0 {
            let year: Int?
            let month: Int?
            let day: Int?
            if dateLength == 10 {
                guard field[start + 7] == field[start + 4] else { return nil }
                year = number(0, 4)
                month = number(5, 2)
                day = number(8, 2)
            } else {
                year = number(0, 4)
                month = number(4, 2)
                day = number(6, 2)
            }
            let t = dateLength
            guard let year, let month, let day, isDate(year: year, month: month, day: day),
                field[start + t] == 0x20 || field[start + t] == UInt8(ascii: "T"),
                length >= t + 9, field[start + t + 3] == UInt8(ascii: ":"), field[start + t + 6] == UInt8(ascii: ":"),
                let hour = number(t + 1, 2), let minute = number(t + 4, 2), let second = number(t + 7, 2),
                hour < 24, minute < 60, second <= 60
            else { return nil }
            var index = t + 9
            let fraction = fractionalPart(&index, allowingComma: true)
            let days = daysFromCivil(year: year, month: month, day: day)
            let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
            while index < length && field[start + index] == 0x20 { index += 1 }
            if index == length { return .local(local) }
            // A zone designator: Z, UTC, or ±HH[:MM].
            let rest = field.string(in: (start + index)..<end)
            if rest == "Z" || rest == "UTC" || rest == "+00:00" { return .absolute(local) }
            guard let offset = ClockZone.parseOffset(Substring(rest)) else { return nil }
            return .absolute(local - Double(offset))
        }
        // Unix epoch: digits with an optional fraction.
        var integer: UInt64 = 0
        var index = 0
        var integerDigits = 0
        while index < length, let d = digit(index) {
            guard integerDigits < 19 else { return nil }
            integer = integer * 10 + UInt64(d)
            integerDigits += 1
            index += 1
        }
        guard integerDigits >= 9 else { return nil }
        let fraction = fractionalPart(&index, allowingComma: false)
        guard index == length else { return nil }
        let value = Double(integer) + fraction
        switch integerDigits {
        case ...11: return .absolute(value)
        case 12...14: return .absolute(value / 1e3)
        case 15...17: return .absolute(value / 1e6)
        default: return .absolute(value / 1e9)
        }
    }

    /// Whether `day` is a day of `month` (1 to 12) in `year`: `02/30`, `04/31` and `02/29` outside a leap year
    /// are not dates, and a row dated so is unreadable rather than a day of the next month.
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        switch month {
        case 2: return day <= (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        case 4, 6, 9, 11: return day <= 30
        default: return day <= 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

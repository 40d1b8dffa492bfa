/// Fixed, locale-free number and time formatting, so that reports are byte-identical across machines.
enum ReportFormatting {
    /// `value` with exactly `digits` decimals (half away from zero), no grouping.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(value) }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        var text = String(integer / divisor)
        if digits > 0 {
            let fraction = String(integer % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && integer != 0 ? "-" : "") + text
    }

    /// `fixed` with thousands separated by commas (`12,345.6`).
    static func grouped(_ value: Double, _ digits: Int) -> String {
        let text = fixed(value, digits)
        // "inf", "NaN" and exponent forms such as "1e+300" are left as they are.
        guard text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let joined = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
        return (negative ? "-" : "") + joined
    }

    static func grouped(_ value: Int) -> String { grouped(Double(value), 0) }

    /// A figure with about `significant` significant digits, for energies that span many orders of magnitude.
    static func significant(_ value: Double, _ significant: Int = 4) -> String {
        guard value != 0, value.isFinite else { return fixed(value, 0) }
        var magnitude = 0
        var probe = abs(value)
        while probe >= 10 {
            probe /= 10
            magnitude += 1
        }
        while probe < 1 {
            probe *= 10
            magnitude -= 1
        }
        return grouped(value, max(0, significant - 1 - magnitude))
    }

    /// The instants ``isoUTC(_:)`` can write with a four-digit year: 0000-01-01 to 9999-12-31 UTC.
    static let writableSeconds = -62_167_219_200.0..<253_402_300_800.0

    /// ISO 8601 UTC with milliseconds: `2024-03-05T14:02:11.517Z`; `not a date (…)` for a value outside
    /// ``writableSeconds`` or not finite.
    static func isoUTC(_ seconds: Double) -> String {
        guard writableSeconds.contains(seconds) else { return "not a date (\(seconds) s)" }
        let milliseconds = Int64((seconds * 1000).rounded())
        let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: Int(days))
        let hour = millisecondOfDay / 3_600_000
        let minute = millisecondOfDay / 60_000 % 60
        let second = millisecondOfDay / 1000 % 60
        let millisecond = millisecondOfDay % 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(Int(hour), 2) + ":"
            + pad(Int(minute), 2)
            + ":" + pad(Int(second), 2) + "." + pad(Int(millisecond), 3) + "Z"
    }

    /// `2024-03-05 14:02:11 UTC`, for prose.
    static func readableUTC(_ seconds: Double) -> String {
        guard writableSeconds.contains(seconds) else { return isoUTC(seconds) }
        let iso = isoUTC(seconds)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8)) + " UTC"
    }

    /// The UTC calendar year of an instant.
    static func utcYear(_ seconds: Double) -> Int {
        Int(isoUTC(seconds).prefix(4)) ?? 1970
    }

    /// `3 h 21 min`, `4 min 10 s`, `7.1 s`.
    static func duration(_ seconds: Double) -> String {
        if !(seconds >= 60) { return fixed(seconds, 1) + " s" }
        // Beyond a million years (and for infinity) only the days are worth saying.
        guard seconds < 3.2e13 else { return grouped(seconds / 86_400, 0) + " d" }
        let total = Int(seconds.rounded())
        let days = total / 86_400
        let hours = total / 3600 % 24
        let minutes = total / 60 % 60
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes) min" }
        return "\(minutes) min \(total % 60) s"
    }

    /// A share (0–1) as a percentage with one decimal.
    static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    /// Howard Hinnant's `civil_from_days`.
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the numbers in delimited text fields.
enum FieldBytes {
    /// Reads a numeric field with an optional unit suffix (`287.45 W`, `97 %`, `1410 MHz`, `250 mW`).
    static func reading(_ line: ByteView, _ field: Range<Int>) -> FieldReading {
        let start = field.lowerBound
        let end = field.upperBound
        guard start < end else { return .unavailable("empty") }
        let first = line[start]
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "-") && end - start == 1
            || first == UInt8(ascii: "N") && end - start == 3
        {
            var text = line.string(in: field)
            if text.count > 40 { text = String(text.prefix(40)) + "…" }
            return text == "-" || text == "N/A" || text.hasPrefix("[") ? .unavailable(text) : .unreadable
        }
        var index = start
        var negative = false
        if line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "+") {
            negative = line[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        while index < end {
            let byte = line[index]
            if byte >= 0x30 && byte <= 0x39 {
                if digits < 18 {
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    digits += 1
                    if sawPoint { fractionDigits += 1 }
                } else if !sawPoint {
                    return slowReading(line, field)
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return .unreadable }
        var value = Double(mantissa) / powersOfTen[fractionDigits]
        if index < end {
            let next = line[index]
            if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return slowReading(line, field) }
            // A unit suffix after optional spaces.
            while index < end && line[index] == 0x20 { index += 1 }
            let unitLength = end - index
            if unitLength == 2 && line[index] == UInt8(ascii: "m") && line[index + 1] == UInt8(ascii: "W") {
                value *= 0.001
            } else if unitLength == 2 && line[index] == UInt8(ascii: "k") && line[index + 1] == UInt8(ascii: "W") {
                value *= 1000
            } else if unitLength > 0 && !isUnit(line, index, end) {
                return .unreadable
            }
        }
        return .number(negative ? -value : value)
    }

    private static let powersOfTen: [Double] = (0...18).map { pow(10, Double($0)) }

    private static func isUnit(_ line: ByteView, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= 8 else { return false }
        for index in start..<end {
            let byte = line[index] | 0x20
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || line[index] == UInt8(ascii: "%") else {
                return false
            }
        }
        return true
    }

    /// Numbers with exponents or many digits, through `strtod`; the unit suffix ends at a NUL byte, if any.
    private static func slowReading(_ line: ByteView, _ field: Range<Int>) -> FieldReading {
        let start = field.lowerBound
        let end = field.upperBound
        guard end - start < 64, let (value, length) = DecimalText.double(line.extracting(start..<end)) else {
            return .unreadable
        }
        var rest = start + length
        while rest < end && line[rest] == 0x20 { rest += 1 }
        let tail = line.extracting(rest..<end)
        let unit = tail.string(in: 0..<(tail.firstIndex(of: 0, from: 0) ?? tail.count))
        switch unit {
        case "", "W", "%": return .number(value)
        case "mW": return .number(value * 0.001)
        case "kW": return .number(value * 1000)
        default: return unit.count <= 8 && unit.allSatisfy(\.isLetter) ? .number(value) : .unreadable
        }
    }
}

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
        switch scan(line, field) {
        case .number(let value): return .number(value)
        case .needsLibraryConversion: return slowReading(line, field)
        case .unreadable: return .unreadable
        }
    }

    /// The number ``reading(_:_:)`` reads in a field, or nil when it reads none: the row readers' fast path, which
    /// allocates nothing for the plain numbers of a log (the C library reads exponents and long numbers).
    @inline(__always)
    static func number(_ line: ByteView, _ field: Range<Int>) -> Double? {
        guard field.lowerBound < field.upperBound else { return nil }
        switch scan(line, field) {
        case .number(let value): return value
        case .needsLibraryConversion:
            guard case .number(let value) = slowReading(line, field) else { return nil }
            return value
        case .unreadable: return nil
        }
    }

    /// What the digits of a field say, without allocating.
    private enum Scan {
        case number(Double)
        /// An exponent or more than 18 digits before the point: `strtod` reads it.
        case needsLibraryConversion
        case unreadable
    }

    /// Reads `[+-]digits[.digits][ unit]` in one pass.
    @inline(__always)
    private static func scan(_ line: ByteView, _ field: Range<Int>) -> Scan {
        line.withUnsafeBufferPointer { bytes in
            let end = field.upperBound
            precondition(field.lowerBound >= 0 && end <= bytes.count, "field out of range")
            var index = field.lowerBound
            var negative = false
            if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negative = bytes[index] == UInt8(ascii: "-")
                index &+= 1
            }
            var mantissa: UInt64 = 0
            var digits = 0
            var fractionDigits = 0
            // The whole part, then the fraction after a point: its digits past the 18th are dropped.
            while index < end, case let digit = bytes[index] &- 0x30, digit <= 9 {
                guard digits < 18 else { return .needsLibraryConversion }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits &+= 1
                index &+= 1
            }
            if index < end && bytes[index] == UInt8(ascii: ".") {
                index &+= 1
                while index < end, case let digit = bytes[index] &- 0x30, digit <= 9 {
                    if digits < 18 {
                        mantissa = mantissa &* 10 &+ UInt64(digit)
                        digits &+= 1
                        fractionDigits &+= 1
                    }
                    index &+= 1
                }
            }
            guard digits > 0 else { return .unreadable }
            var value = Double(mantissa) / powerOfTen(fractionDigits)
            if index < end {
                let next = bytes[index]
                if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return .needsLibraryConversion }
                // A unit suffix after optional spaces.
                while index < end && bytes[index] == 0x20 { index &+= 1 }
                let unitLength = end &- index
                if unitLength == 2 && bytes[index] == UInt8(ascii: "m") && bytes[index &+ 1] == UInt8(ascii: "W") {
                    value *= 0.001
                } else if unitLength == 2 && bytes[index] == UInt8(ascii: "k")
                    && bytes[index &+ 1] == UInt8(ascii: "W")
                {
                    value *= 1000
                } else if unitLength > 0 && !isUnit(bytes, index, end) {
                    return .unreadable
                }
            }
            return .number(negative ? -value : value)
        }
    }

    /// 10^`exponent` for 0...18, all exact in a Double.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        default: 1e18
        }
    }

    @inline(__always)
    private static func isUnit(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
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

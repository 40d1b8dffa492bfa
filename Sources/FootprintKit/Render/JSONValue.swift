/// A JSON value whose objects keep their keys in the order written, so output is deterministic and reads in a
/// sensible order.
enum JSONValue {
    case null
    case bool(Bool)
    /// A number already formatted (fixed decimals), written as is.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func fixed(_ value: Double, _ digits: Int) -> JSONValue {
        value.isFinite ? .number(ReportFormatting.fixed(value, digits)) : .null
    }

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The shortest text that reads back as the same Double (as logged values are kept), null if not finite.
    static func shortest(_ value: Double) -> JSONValue { value.isFinite ? .number("\(value)") : .null }

    /// Pretty-printed with two-space indentation and a final newline.
    func rendered() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes UTF-8 bytes: building bytes, not String pieces, keeps large reports (audits) quick.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out += Array("[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                Self.newline(&out, indent: indent + 1)
                item.write(to: &out, indent: indent + 1)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out += Array("{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                Self.newline(&out, indent: indent + 1)
                Self.writeString(key, to: &out)
                out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
                value.write(to: &out, indent: indent + 1)
                if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            Self.newline(&out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], indent: Int) {
        out.append(0x0A)
        out += repeatElement(UInt8(ascii: " "), count: 2 * indent)
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Text from inputs (file names, GPU names, tags) made safe to print: every control character (C0 including
/// ESC, CR and LF, DEL, and C1) becomes a visible escape such as `\x1b`, so a name cannot move the cursor,
/// change colours or forge a line of output.
public enum TerminalText {
    /// `text` with each control character replaced by `\xHH`.
    public static func sanitized(_ text: String) -> String {
        sanitized(text, keepingNewlines: false)
    }

    /// `text` with each control character but LF replaced by `\xHH`: for messages whose lines the tool itself
    /// breaks, after their fields were sanitised one by one.
    public static func sanitized(_ text: String, keepingNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepingNewlines && $0 == "\n") }) else {
            return text
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingNewlines && scalar == "\n") {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` is a C0 or C1 control character or DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `\xHH` for a control character.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
}

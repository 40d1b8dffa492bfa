/// Text from inputs (file names, GPU names, tags) made safe to put in Markdown: it cannot end a table cell,
/// break a line, open a code span, emphasis or an HTML tag.
enum MarkdownText {
    /// The characters that Markdown could read as syntax, each escaped with a backslash.
    static let special: Set<Unicode.Scalar> = ["\\", "|", "`", "*", "_", "<", ">"]

    /// `text` for running text or a table cell: Markdown's special characters escaped with a backslash and
    /// control characters (newlines too) written as visible escapes (``TerminalText``).
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { special.contains($0) || TerminalText.isControl($0) }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            if TerminalText.isControl(scalar) {
                out += "\\" + TerminalText.escape(scalar)
            } else {
                if special.contains(scalar) { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a code span when nothing in it could end the span or the table cell, else as escaped text.
    static func code(_ text: String) -> String {
        let ending: Set<Unicode.Scalar> = ["\\", "|", "`", "<", ">"]
        if text.unicodeScalars.contains(where: { ending.contains($0) || TerminalText.isControl($0) }) {
            return escaped(text)
        }
        return "`" + text + "`"
    }

    /// A line of prose built from inputs (a warning): control characters as visible escapes, and `\ < >`
    /// escaped so that no HTML tag opens.
    static func line(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if TerminalText.isControl(scalar) {
                out += "\\" + TerminalText.escape(scalar)
            } else {
                if scalar == "\\" || scalar == "<" || scalar == ">" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

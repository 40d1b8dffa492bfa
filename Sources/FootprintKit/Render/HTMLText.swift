/// Text made safe to put in an HTML page: whatever a file name, tag or message holds, it cannot open a tag, end an
/// attribute or start an entity.
enum HTMLText {
    /// `text` for element content and quoted attributes: `& < > " '` as character references and control characters
    /// (newlines too) as visible escapes (``TerminalText``).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in TerminalText.sanitized(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` (from an input) as a code span.
    static func code(_ text: String) -> String { "<code>" + escaped(text) + "</code>" }

    /// The report's own prose, escaped, with each `` `span` `` as a code span: for rules and sentences footprint
    /// writes itself (``MethodRules``), never for text from inputs, whose backticks are theirs.
    static func prose(_ text: String) -> String {
        var out = ""
        var inCode = false
        for part in text.split(separator: "`", omittingEmptySubsequences: false) {
            if inCode { out += "<code>" + escaped(String(part)) + "</code>" } else { out += escaped(String(part)) }
            inCode.toggle()
        }
        return out
    }
}

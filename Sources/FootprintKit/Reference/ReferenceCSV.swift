/// Parses the bundled reference CSVs: a header line, RFC 4180 quoting, `\n` (or `\r\n`) line ends. Works on the
/// UTF-8 bytes: the tables are read at every start, so Character iteration would cost more than a small run.
enum ReferenceCSV {
    /// The data rows (the header dropped), each split into unquoted fields.
    static func rows(_ text: String) -> [[String]] {
        Array(records(Array(text.utf8)).dropFirst())
    }

    /// Every record of `bytes`, the first one included, each split into unquoted fields.
    static func records(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        /// The field so far, when it holds quotes (its bytes are then copied); nil while it is a plain slice.
        var quoted: [UInt8]?
        var fieldStart = 0
        var inQuotes = false
        var index = 0
        func endField(at end: Int) {
            if let copied = quoted {
                row.append(String(decoding: copied, as: UTF8.self))
            } else {
                row.append(String(decoding: bytes[fieldStart..<end], as: UTF8.self))
            }
            quoted = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    // A doubled quote inside quotes is one quote.
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        quoted?.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    quoted?.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if quoted == nil { quoted = Array(bytes[fieldStart..<index]) }
                inQuotes = true
            case UInt8(ascii: ","):
                endField(at: index)
                fieldStart = index + 1
            case UInt8(ascii: "\n"):
                // A `\r` before the line end is outside quotes (a quoted one would be followed by the quote).
                let crlf = index > fieldStart && bytes[index - 1] == UInt8(ascii: "\r")
                if crlf { quoted?.removeLast() }
                endField(at: crlf ? index - 1 : index)
                rows.append(row)
                row = []
                fieldStart = index + 1
            default:
                quoted?.append(byte)
            }
            index += 1
        }
        if fieldStart < bytes.count || !row.isEmpty || quoted != nil {
            endField(at: bytes.count)
            rows.append(row)
        }
        return rows
    }
}

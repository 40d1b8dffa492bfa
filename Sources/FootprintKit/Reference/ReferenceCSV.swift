/// Parses the bundled reference CSVs: a header line, RFC 4180 quoting, `\n` line ends.
enum ReferenceCSV {
    /// The data rows (the header dropped), each split into unquoted fields.
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var inQuotes = false
        var previousWasQuote = false
        for character in text {
            if inQuotes {
                if character == "\"" {
                    inQuotes = false
                    previousWasQuote = true
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if previousWasQuote { field.append("\"") }
                inQuotes = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default:
                field.append(character)
            }
            previousWasQuote = false
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return Array(rows.dropFirst())
    }
}

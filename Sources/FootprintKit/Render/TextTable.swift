/// Plain-text columns for terminal listings (`inspect`, `regions`, `gpus`): left-aligned, two spaces apart, no
/// trailing spaces.
enum TextTable {
    static func render(header: [String], rows: [[String]], indent: String = "") -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            var line =
                indent
                + row.indices.map { column in
                    row[column] + String(repeating: " ", count: widths[column] - row[column].count)
                }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}

/// The column sets CodeCarbon has written (`../shared/FORMATS.md` §7): how a file's header names its release.
enum CodeCarbonSchema {
    /// Columns every CodeCarbon `emissions.csv` has, from 1.x on.
    static let requiredColumns = ["timestamp", "duration", "emissions", "energy_consumed"]

    /// Whether a header (lowercased cells) is CodeCarbon's.
    static func matches(header: [String]) -> Bool {
        ["duration", "emissions", "energy_consumed"].allSatisfy(header.contains)
    }

    /// The CodeCarbon version of a data row's `codecarbon_version` cell, else the releases whose column set has
    /// this many columns, with the column count: `CodeCarbon 2.4.3rc1, 31 columns`.
    static func description(header: [String], firstRow: [String]?) -> String {
        let columns = "\(header.count) columns"
        if let column = header.firstIndex(of: "codecarbon_version"), let firstRow, column < firstRow.count {
            let version = firstRow[column].trimmingSpaces()
            if !version.isEmpty, version.count <= 20,
                version.allSatisfy({ $0.isASCIIDigit || $0.isLetter || $0 == "." })
            {
                return "CodeCarbon \(version), \(columns)"
            }
        }
        let releases: [Int: String] = [
            12: "1.x", 29: "2.0–2.1", 30: "2.2.0–2.2.2", 31: "2.2.3–2.6", 32: "2.7–3.0.7", 34: "3.0.8 or later",
            38: "3.2",
        ]
        return releases[header.count].map { "CodeCarbon \($0) schema, \(columns)" } ?? "CodeCarbon, \(columns)"
    }
}

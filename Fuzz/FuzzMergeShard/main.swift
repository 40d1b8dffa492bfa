import Foundation
import FuzzSupport
@testable import FootprintKit

// merge's reading of a shard's audit.csv: every row it accepts has its numeric cells finite and within bounds,
// and writing the rows back as CSV (formula guard included) reads back as the same rows.
FuzzInput.run { path in
    // Read with FileHandle: FileManager.contents(atPath:) leaks its 4 KiB buffer on an empty file (Foundation).
    guard let data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile(),
        let rows = try? ShardReader.rows(fromCSV: String(decoding: data, as: UTF8.self), path: path).map(\.row)
    else { return }
    for row in rows where row.status == .ok {
        for (column, cell) in zip(CSVReportWriter.columns, row.cells) where !cell.isEmpty {
            guard let range = ShardReader.bounds[column] else { continue }
            let value = Double(cell) ?? .nan
            if !value.isFinite || !range.contains(value) { fatalError("accepted \(column) '\(cell)'") }
        }
    }
    let again = try? ShardReader.rows(fromCSV: AuditWriter.csv(rows), path: path).map(\.row)
    if again != rows { fatalError("rows changed through CSV: \(rows) → \(String(describing: again))") }
    _ = AuditWriter.markdown(rows, root: "fuzz", grouping: .default, notes: [])
}

/// The columns of a power CSV's rows as its current header (or the user's field list) gives them: what a
/// ``CSVRowParser`` needs to read rows on any core, away from the header logic.
struct CSVRowLayout: Sendable {
    /// Changes with each header adopted: rows parsed under an earlier layout are parsed again.
    var version: Int
    /// The header's field count.
    var fieldCount: Int
    /// The header line as written, so that its repeats are skipped; empty when the columns came from elsewhere.
    var headerLineBytes: [UInt8]
    var timeColumn: Int
    var identityColumns: [(column: Int, role: CSVColumnRole)]
    var powerColumns: [(column: Int, scale: Double)]
    /// A wide log's power columns, one per GPU; empty for a log with one row per GPU.
    var wideColumns: [(column: Int, scale: Double)]
    var utilizationColumn: Int?
    /// Rows with this many fields, not the header's, make the user's `--query-gpu` list the columns: the header
    /// logic reads them.
    var queryFieldCount: Int?

    /// The power readings each row gives: one per wide column, else one per power column.
    var readingsPerRow: Int { wideColumns.isEmpty ? powerColumns.count : wideColumns.count }
}

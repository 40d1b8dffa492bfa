/// One run of an audit: the same cells as `report`'s CSV row, with the run's status and path.
public struct AuditRow: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case ok
        /// The run could not be analysed; ``AuditRow/error`` says why.
        case error
    }

    /// Relative to the audit's root ("." for the root itself).
    public var path: String
    public var status: Status
    public var error: String
    /// The cells of ``CSVReportWriter/columns``; empty for an error row.
    public var cells: [String]

    /// The audit CSV's columns: the report's, then status, error and path.
    public static let columns = CSVReportWriter.columns + ["status", "error", "path"]

    public func cell(_ column: String) -> String {
        guard let index = CSVReportWriter.columns.firstIndex(of: column), index < cells.count else { return "" }
        return cells[index]
    }

    public var kilogramsCO2e: Double? { Double(cell("kg_co2e")) }
    public var kilogramsCO2eLow: Double? { Double(cell("kg_co2e_low")) }
    public var kilogramsCO2eHigh: Double? { Double(cell("kg_co2e_high")) }
    public var energyKWh: Double? { Double(cell("energy_kwh")) }
    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, or empty.
    public var startUTC: String { cell("start_utc") }

    /// The row as audit CSV fields.
    var fields: [String] {
        (cells.isEmpty ? Array(repeating: "", count: CSVReportWriter.columns.count) : cells) + [
            status.rawValue, error, path,
        ]
    }

    /// Reads a row back from audit CSV fields (for `merge` and the cache).
    init?(fields: [String]) {
        let count = CSVReportWriter.columns.count
        guard fields.count == count + 3, let status = Status(rawValue: fields[count]) else { return nil }
        self.status = status
        error = fields[count + 1]
        path = fields[count + 2]
        cells = status == .ok ? Array(fields[0..<count]) : []
    }

    init(path: String, status: Status, error: String, cells: [String]) {
        self.path = path
        self.status = status
        self.error = error
        self.cells = cells
    }
}

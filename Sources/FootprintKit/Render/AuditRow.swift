/// One run of an audit: the same cells as `report`'s CSV row, with the run's status, clock and path.
public struct AuditRow: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Measured GPU energy.
        case ok
        /// No GPU power log; the measured energy of the job's nodes (Slurm accounting) or of the whole system (a
        /// power analyzer) instead, which covers more than the GPUs.
        case systemEnergy = "system-energy"
        /// No GPU power log; energy estimated from GPU-hours × TDP (a Slurm job's, or `--gpu-model` over the
        /// training window).
        case estimate
        /// No GPU power log in the run: its energy is unknown (its timeline, if any, is in the cells).
        case noEnergy = "no-energy"
        /// A GPU power log is there but yielded no samples; ``AuditRow/error`` says why.
        case unreadable
        /// The run could not be analysed; ``AuditRow/error`` says why.
        case error
    }

    /// Relative to the audit's root ("." for the root itself).
    public var path: String
    public var status: Status
    /// The zone the run's local times were read in (`UTC+02:00`, `Europe/Berlin`), and how it was chosen
    /// (``clockSources``); both empty for an error row.
    public var clockZone = ""
    public var clockSource = ""
    public var error: String
    /// The cells of ``CSVReportWriter/columns``; empty for an error row.
    public var cells: [String]

    /// The values of the clock-source column: `--tz` given, inferred from the event files, assumed (this
    /// machine's zone), or none needed (no local times).
    public static let clockSources = ["option", "inferred", "assumed", "none"]

    /// The audit CSV's columns: the report's, then status, clock zone and source, error and path.
    public static let columns = CSVReportWriter.columns + ["status", "clock_zone", "clock_source", "error", "path"]

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
            status.rawValue, clockZone, clockSource, error, path,
        ]
    }

    /// Reads a row back from audit CSV fields (for `merge` and the cache): nil unless the fields are the audit's,
    /// the status is one of ``Status``, the clock source one of ``clockSources`` (or empty) and the zone one that
    /// `--tz` takes (or empty).
    init?(fields: [String]) {
        let count = CSVReportWriter.columns.count
        guard fields.count == count + 5, let status = Status(rawValue: fields[count]) else { return nil }
        let zone = fields[count + 1]
        let source = fields[count + 2]
        guard source.isEmpty || Self.clockSources.contains(source), zone.isEmpty || ClockZone.parse(zone) != nil
        else { return nil }
        self.status = status
        clockZone = zone
        clockSource = source
        error = fields[count + 3]
        path = fields[count + 4]
        let cells = Array(fields[0..<count])
        self.cells = status == .error || cells.allSatisfy(\.isEmpty) ? [] : cells
    }

    init(path: String, status: Status, error: String, cells: [String]) {
        self.path = path
        self.status = status
        self.error = error
        self.cells = cells
    }

    /// The row of a run analysed: ok with measured energy, else no-energy or unreadable with the reason.
    init(path: String, report: RunReport) {
        self.path = path
        cells = CSVReportWriter.row(report)
        error = ""
        clockZone = report.clock.zone.description
        clockSource =
            !report.clock.wasNeeded
            ? "none" : report.clock.source == .machine ? "assumed" : report.clock.source.rawValue
        if report.hasPowerSamples {
            status = .ok
        } else if let method = report.emissions?.method, method != .measured {
            status = method == .systemEnergy ? .systemEnergy : .estimate
        } else if let log = report.files.first(where: \.kind.isPowerLog) {
            status = .unreadable
            let reason = Finding.firstWarning(about: log.displayPath, in: report.findings)
            error =
                "\(log.displayPath) yielded no power samples"
                + (reason.map { ": " + $0.message.split(separator: "\n").joined(separator: " ") } ?? "")
        } else {
            status = .noEnergy
            error = "no GPU power log in the run"
        }
    }
}

/// Renders a ``WhatIfReport`` as one CSV table: a row per place (`kind` country, subnational, cloud, world or
/// given), ranked by kg CO2e, then with `--shift` a row per start time priced (`kind` start, earliest first).
///
/// Figures are written in full (the shortest text that reads back as the same number); a start's intensity is its
/// emissions over its facility energy. Cells are escaped as `report.csv`'s are (``CSVReportWriter/escape(_:)``).
public enum WhatIfCSVWriter {
    /// The columns, in order.
    static let header = [
        "rank", "location", "code", "kind", "year", "start_utc", "offset_hours", "intensity_g_per_kwh", "kg_co2e",
        "method", "this_run",
    ]

    /// The CSV of `report`: the header, a line per place, then a line per start time priced.
    public static func render(_ report: WhatIfReport) -> String {
        var lines = [header.joined(separator: ",")]
        for (index, row) in report.rows.enumerated() {
            lines.append(
                line([
                    String(index + 1), row.place.name, row.place.code, row.place.kind.rawValue,
                    row.place.year.map(String.init) ?? "", "", "", number(row.place.gramsCO2ePerKWh),
                    number(row.kilogramsCO2e), row.method.rawValue, String(row.isRunPlace),
                ]))
        }
        if let shift = report.shift {
            let facilityKWh = report.itJoules * report.pue / EnergyUnit.joulesPerKilowattHour
            let ranks = Dictionary(
                uniqueKeysWithValues: shift.candidates.sorted {
                    ($0.kilogramsCO2e, abs($0.offsetSeconds), $0.offsetSeconds)
                        < ($1.kilogramsCO2e, abs($1.offsetSeconds), $1.offsetSeconds)
                }.enumerated().map { ($1.offsetSeconds, $0 + 1) })
            for candidate in shift.candidates {
                lines.append(
                    line([
                        ranks[candidate.offsetSeconds].map(String.init) ?? "", report.seriesPath ?? "", "", "start",
                        "", ReportFormatting.isoUTC(candidate.startSeconds), number(candidate.offsetSeconds / 3600),
                        facilityKWh > 0 ? number(candidate.kilogramsCO2e * 1000 / facilityKWh) : "",
                        number(candidate.kilogramsCO2e), report.method.rawValue, String(candidate.offsetSeconds == 0),
                    ]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The cells of one line, escaped and joined.
    private static func line(_ cells: [String]) -> String {
        cells.map(CSVReportWriter.escape).joined(separator: ",")
    }

    /// The shortest text that reads back as `value`; empty when it is not finite.
    private static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }
}

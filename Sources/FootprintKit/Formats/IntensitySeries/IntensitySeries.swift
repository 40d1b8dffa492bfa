/// A grid carbon-intensity time series (`--intensity-series FILE.csv`): each value holds from its timestamp until
/// the next row's, as hourly grid data is published; the last row holds for one typical interval.
///
/// Columns are found by name: a time column (`timestamp`, `datetime`, `Datetime (UTC)`, WattTime's `point_time`,
/// …; ISO 8601 with `Z` or an offset, or without one meaning UTC, or Unix time) and an intensity column
/// (`g_co2e_per_kwh`, Electricity Maps' `Carbon Intensity gCO₂eq/kWh (LCA)` — preferred — or `(direct)`,
/// WattTime's `value` / `moer` in lb/MWh, converted at 0.45359237 g/kWh per lb/MWh).
public struct IntensitySeries: Sendable, Hashable, Codable {
    /// The file as given.
    public var path: String
    /// The intensity column used, and whether values were converted from lb/MWh.
    public var column: String
    public var convertedFromPoundsPerMWh: Bool
    /// UTC seconds of each value's start, ascending.
    public var startSeconds: [Double]
    public var gramsCO2ePerKWh: [Double]
    /// The median spacing of the rows, which the last value is taken to hold for.
    public var typicalIntervalSeconds: Double
    /// Data rows left out (unreadable time or value, or out of order), with the first few line numbers.
    public var skippedRowCount: Int

    static let poundsPerMWhToGramsPerKWh = 0.45359237
    /// Rows read at most; a longer file is cut with a warning (a year of 5-minute data is 105,120 rows). Each row
    /// becomes an integration boundary per GPU, so this bounds memory.
    static let maximumRows = 1_000_000

    /// The intervals `[start, end)` with their value, in time order.
    public var intervals: [(start: Double, end: Double, gramsCO2ePerKWh: Double)] {
        startSeconds.indices.map { index in
            let end =
                index + 1 < startSeconds.count ? startSeconds[index + 1] : startSeconds[index] + typicalIntervalSeconds
            return (startSeconds[index], end, gramsCO2ePerKWh[index])
        }
    }

    public var firstSeconds: Double { startSeconds.first ?? 0 }
    public var endSeconds: Double { intervals.last?.end ?? 0 }

    /// Reads a series file (plain or gzip).
    ///
    /// - Throws: ``FootprintError`` when the file cannot be read or has no time and intensity columns or no rows.
    public static func read(path: String, limits: InputLimits, findings: inout FindingLog) throws(FootprintError)
        -> IntensitySeries
    {
        let (stream, _) = try InputOpener.open(path: path, limits: limits)
        var lines = LineReader(stream: stream, maximumLineBytes: limits.maximumLineBytes)
        var header: [String]?
        var timeColumn = -1
        var valueColumn = -1
        var converted = false
        var rows: [(Double, Double)] = []
        var skipped: [Int] = []
        var skippedCount = 0
        var fields = LineFields(maximumCount: 256)
        var implausibleValues = RejectedValues()
        var implausibleTimes = RejectedValues()
        var headerProblem: String?
        try lines.forEachLine { line throws(FootprintError) in
            guard fields.split(line.bytes, at: UInt8(ascii: ",")) else {
                return true
            }
            if header == nil {
                let names = (0..<fields.count).map { line.bytes.string(in: fields[$0]) }
                guard let columns = Self.columns(names) else {
                    headerProblem =
                        "the first line (\(names.prefix(8).joined(separator: ","))) names no time column and intensity column; expected e.g. 'timestamp,g_co2e_per_kwh'"
                    return false
                }
                header = names
                (timeColumn, valueColumn, converted) = columns
                return true
            }
            guard fields.count > max(timeColumn, valueColumn) else {
                skippedCount += 1
                if skipped.count < 5 { skipped.append(line.number) }
                return true
            }
            let timeField = line.bytes.extracting(fields[timeColumn])
            let value = FieldBytes.reading(line.bytes, fields[valueColumn])
            guard let time = TimestampParser.parse(timeField), case .number(let number) = value else {
                skippedCount += 1
                if skipped.count < 5 { skipped.append(line.number) }
                return true
            }
            let seconds: Double
            switch time {
            case .absolute(let utc): seconds = utc
            case .local(let naive): seconds = naive
            }
            let grams = converted ? number * poundsPerMWhToGramsPerKWh : number
            guard PlausibleIntensity.gramsCO2ePerKWh.contains(grams) else {
                implausibleValues.note(at: InputLocation(path: path, line: line.number))
                return true
            }
            guard PlausibleTime.contains(seconds) else {
                implausibleTimes.note(at: InputLocation(path: path, line: line.number))
                return true
            }
            if let last = rows.last, seconds <= last.0 {
                skippedCount += 1
                if skipped.count < 5 { skipped.append(line.number) }
                return true
            }
            rows.append((seconds, grams))
            return rows.count < maximumRows
        }
        for warning in [
            implausibleValues.warning(
                .inputDamaged,
                "rows have an intensity outside \(PlausibleIntensity.rangeDescription) (the first here); skipped"),
            implausibleTimes.warning(
                .clockImplausible,
                "rows are dated outside \(PlausibleTime.rangeDescription) (the first here); skipped"),
        ] {
            if let warning { findings.add(warning) }
        }
        if let headerProblem {
            throw FootprintError(.invalidOption, headerProblem, location: InputLocation(path: path, line: 1))
        }
        guard let header, !rows.isEmpty else {
            throw FootprintError(
                .invalidOption, "no readable rows of time and intensity", location: InputLocation(path: path))
        }
        if rows.count >= maximumRows {
            findings.add(
                Finding(
                    .warning, .inputLimit, "only the first \(maximumRows) rows were read",
                    location: InputLocation(path: path)))
        }
        if skippedCount > 0 {
            findings.add(
                Finding(
                    .warning, .inputDamaged,
                    "\(skippedCount) rows left out (unreadable time or value, or not after the previous row), e.g. lines \(skipped.map(String.init).joined(separator: ", "))",
                    location: InputLocation(path: path)))
        }
        let gaps = zip(rows, rows.dropFirst()).map { $1.0 - $0.0 }
        return IntensitySeries(
            path: path, column: header[valueColumn], convertedFromPoundsPerMWh: converted, startSeconds: rows.map(\.0),
            gramsCO2ePerKWh: rows.map(\.1),
            typicalIntervalSeconds: gaps.isEmpty ? 3600 : Median.value(atRank: gaps.count / 2, of: gaps),
            skippedRowCount: skippedCount)
    }

    /// The time column, the intensity column, and whether it is in lb/MWh.
    static func columns(_ names: [String]) -> (Int, Int, Bool)? {
        let lowered = names.map { $0.lowercased() }
        let timeNames = [
            "timestamp", "datetime", "datetime (utc)", "time", "date", "point_time", "timestamp_utc", "time_utc",
            "period_start",
        ]
        guard let time = lowered.firstIndex(where: { timeNames.contains($0) }) else { return nil }
        let preferences: [(matches: (String) -> Bool, pounds: Bool)] = [
            (
                { $0 == "g_co2e_per_kwh" || $0 == "gco2e_per_kwh" || $0 == "carbon_intensity" || $0 == "intensity" },
                false
            ),
            ({ $0.hasPrefix("carbon intensity") && $0.contains("lca") }, false),
            ({ $0.hasPrefix("carbon intensity") && $0.contains("direct") }, false),
            ({ $0.hasPrefix("carbon intensity") || $0.hasPrefix("carbon_intensity") }, false),
            ({ $0 == "moer" || $0.contains("lbs") || $0.contains("lb_per_mwh") }, true),
            ({ $0 == "value" }, true),
        ]
        for preference in preferences {
            if let column = lowered.firstIndex(where: preference.matches), column != time {
                return (time, column, preference.pounds)
            }
        }
        return nil
    }
}

/// Reads a shard's audit.csv for `merge`, trusting nothing in it: the header must be the audit's, every row must
/// have its columns, and every numeric cell of a run analysed must be a finite decimal number within its column's
/// bounds (``bounds``; integers where the column counts things), or empty. A cell that `audit` guarded against
/// spreadsheet formulas (a `'` before `= + - @`, a tab or a carriage return, see ``CSVReportWriter``) is read back
/// without that `'`.
enum ShardReader {
    /// The plausible range of each numeric column: non-negative quantities, up to a terawatt-hour, a million tonnes
    /// CO2e, ten years, a million GPUs; PUE 1–5 as `--pue` takes it, coverage 0–1.
    static let bounds: [String: ClosedRange<Double>] = [
        "duration_s": 0...315_576_000, "gpus": 0...1_000_000, "energy_j": 0...3.6e15, "energy_kwh": 0...1e9,
        "all_gpus_energy_kwh": 0...1e9, "mean_w": 0...1e9, "pue": 1...5, "intensity_g_per_kwh": 0...10_000,
        "intensity_year": 1900...2200, "kg_co2e": 0...1e9, "coverage": 0...1, "warnings": 0...1e9,
        "train_seconds": 0...315_576_000, "train_energy_kwh": 0...1e9, "joules_per_step": 0...3.6e15, "steps": 0...1e15,
        "kg_co2e_low": 0...1e9, "kg_co2e_high": 0...1e9, "facility_kwh": 0...1e9, "embodied_kg_co2e": 0...1e9,
    ]

    /// The columns that count things: whole numbers only.
    static let integerColumns: Set<String> = ["gpus", "intensity_year", "warnings", "steps"]

    /// The rows of the audit CSV `text` read from `path`, each with its 1-based data row number.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/malformedInput`` at the first header, row or cell that is not
    ///   valid, naming the row and column.
    static func rows(fromCSV text: String, path: String) throws(FootprintError) -> [(number: Int, row: AuditRow)] {
        guard text.hasPrefix(AuditRow.columns.joined(separator: ",")) else {
            throw FootprintError(
                .malformedInput, "not an audit.csv (its header differs)", location: InputLocation(path: path, line: 1))
        }
        var rows: [(number: Int, row: AuditRow)] = []
        for (index, fields) in ReferenceCSV.rows(text).enumerated() where !(fields.count == 1 && fields[0].isEmpty) {
            let location = InputLocation(path: path, line: index + 2)
            guard let row = AuditRow(fields: fields.map(unguarded)) else {
                throw FootprintError(
                    .malformedInput,
                    "row does not have the audit's \(AuditRow.columns.count) columns, a status of \(AuditRow.Status.allCases.map(\.rawValue).joined(separator: ", ")), a clock source of \(AuditRow.clockSources.joined(separator: ", ")) and a zone that --tz takes",
                    location: location)
            }
            if row.status != .error {
                for (column, cell) in zip(CSVReportWriter.columns, row.cells) where !cell.isEmpty {
                    if let problem = problem(cell, column: column) {
                        throw FootprintError(
                            .malformedInput, "run `\(row.path)`: \(column) '\(cell.prefix(40))' \(problem)",
                            location: location)
                    }
                }
            }
            rows.append((index + 1, row))
        }
        return rows
    }

    /// Why `cell` is not a valid value of `column`; nil when it is (or the column is text).
    static func problem(_ cell: String, column: String) -> String? {
        guard let range = bounds[column] else { return nil }
        let integer = integerColumns.contains(column)
        let shape = integer ? "a whole number" : "a decimal number"
        guard isDecimal(cell, integer: integer), let value = Double(cell), value.isFinite else {
            return "is not \(shape)"
        }
        guard range.contains(value) else {
            return
                "is outside the plausible range \(ReportFormatting.grouped(range.lowerBound, 0))–\(ReportFormatting.grouped(range.upperBound, 0))"
        }
        return nil
    }

    /// Digits with an optional sign, point and exponent (or digits alone for an integer): `Double` also reads
    /// `nan`, `inf` and hexadecimal, which no audit writes.
    private static func isDecimal(_ cell: String, integer: Bool) -> Bool {
        let body = cell.first == "-" || cell.first == "+" ? cell.dropFirst() : Substring(cell)
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        let allowed = integer ? "0123456789" : "0123456789.eE+-"
        return body.allSatisfy { allowed.contains($0) }
    }

    /// `field` without the `'` that guards a formula-like cell: one `'` off a field of `'`s then `= + - @`, tab or CR.
    static func unguarded(_ field: String) -> String {
        let afterQuotes = field.unicodeScalars.drop { $0 == "'" }
        guard field.first == "'", let first = afterQuotes.first, "=+-@\t\r".unicodeScalars.contains(first) else {
            return field
        }
        return String(field.dropFirst())
    }
}

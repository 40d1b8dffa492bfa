/// Renders a ``WhatIfReport`` as JSON: `{run, method, it_kwh, pue, …, rows: [{location, intensity_g_per_kwh,
/// kg_co2e, …}], shift: {best_start, best_kg_co2e, worst_kg_co2e, saving_kg, …} | null, notes}`.
///
/// Figures are written in full (the shortest text that reads back as the same number); a figure that cannot be
/// known (no actual start to compare with) is null, never 0.
public enum WhatIfJSONWriter {
    /// The JSON of `report`, pretty-printed with a final newline.
    public static func render(_ report: WhatIfReport) -> String {
        let rows = report.rows.enumerated().map { index, row -> JSONValue in
            .object([
                ("rank", .int(index + 1)),
                ("location", .string(row.place.name)),
                ("code", .string(row.place.code)),
                ("kind", .string(row.place.kind.rawValue)),
                ("year", row.place.year.map(JSONValue.int) ?? .null),
                ("intensity_g_per_kwh", .shortest(row.place.gramsCO2ePerKWh)),
                ("kg_co2e", .shortest(row.kilogramsCO2e)),
                ("method", .string(row.method.rawValue)),
                ("this_run", .bool(row.isRunPlace)),
                ("source", .string(row.place.source)),
            ])
        }
        let value = JSONValue.object([
            ("run", .string(report.runPath)),
            ("method", .string(report.method.rawValue)),
            ("it_kwh", .shortest(report.itJoules / EnergyUnit.joulesPerKilowattHour)),
            ("pue", .shortest(report.pue)),
            ("pue_source", .string(report.pueSource)),
            ("pue_assumed", .bool(report.pueIsAssumed)),
            ("run_year", report.runYear.map(JSONValue.int) ?? .null),
            ("gpu_count", .int(report.gpuCount)),
            ("rows", .array(rows)),
            ("shift", report.shift.map { shift(of: $0, series: report.seriesPath) } ?? .null),
            ("notes", .array(report.notes.map(JSONValue.string))),
        ])
        return value.rendered()
    }

    /// The `shift` object: the window, the counts, and the actual, best and worst starts with the saving.
    private static func shift(of shift: CounterfactualShift, series: String?) -> JSONValue {
        func start(_ candidate: CounterfactualShift.Candidate?) -> JSONValue {
            candidate.map { .string(ReportFormatting.isoUTC($0.startSeconds)) } ?? .null
        }
        func offset(_ candidate: CounterfactualShift.Candidate?) -> JSONValue {
            candidate.map { .shortest($0.offsetSeconds / 3600) } ?? .null
        }
        func kilograms(_ candidate: CounterfactualShift.Candidate?) -> JSONValue {
            candidate.map { .shortest($0.kilogramsCO2e) } ?? .null
        }
        return .object([
            ("series", series.map(JSONValue.string) ?? .null),
            ("window_hours", .shortest(shift.windowHours)),
            ("step_seconds", .shortest(shift.stepSeconds)),
            ("step_is_series_interval", .bool(shift.stepIsSeriesInterval)),
            ("start_times", .int(shift.offsetCount)),
            ("priced", .int(shift.candidates.count)),
            ("not_covered", .int(shift.notCoveredCount)),
            ("unpriced", .int(shift.unpricedCount)),
            ("actual_start", start(shift.actual)),
            ("actual_kg_co2e", kilograms(shift.actual)),
            ("best_start", start(shift.best)),
            ("best_offset_hours", offset(shift.best)),
            ("best_kg_co2e", kilograms(shift.best)),
            ("worst_start", start(shift.worst)),
            ("worst_offset_hours", offset(shift.worst)),
            ("worst_kg_co2e", kilograms(shift.worst)),
            ("saving_kg", shift.savingKilogramsCO2e.map(JSONValue.shortest) ?? .null),
            ("saving_percent", shift.savingShare.map { .shortest($0 * 100) } ?? .null),
        ])
    }
}

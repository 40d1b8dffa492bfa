/// Renders a ``WhatIfReport`` as Markdown: the energy priced, the ranked table of places, the start times within
/// the window, and notes. Deterministic: fixed formatting, stable order.
public enum WhatIfMarkdownWriter {
    /// The Markdown of `report`: the energy priced, the table of places, the start times and the notes.
    public static func render(_ report: WhatIfReport) -> String {
        let estimate = report.method == .estimated
        let itKWh = report.itJoules / EnergyUnit.joulesPerKilowattHour
        let gpus = "\(report.gpuCount) \(estimate ? "" : "job ")GPU\(report.gpuCount == 1 ? "" : "s")"
        var out = "# What if: \(MarkdownText.code(report.runPath))\n\n"
        out +=
            "\(ReportFormatting.significant(itKWh, 4)) kWh of IT energy (\(estimate ? "estimated" : "measured"), \(gpus)) × PUE \(ReportFormatting.fixed(report.pue, 2))\(report.pueIsAssumed ? " (assumed)" : "") = \(ReportFormatting.significant(itKWh * report.pue, 4)) kWh at the facility, priced at each place's grid intensity\(report.runYear.map { " for \($0)" } ?? "").\n\n"
        out += "## By place\n\n"
        let kgHeader = estimate ? "kg CO2e (estimate)" : "kg CO2e"
        out += "| rank | place | year | gCO2e/kWh | \(kgHeader) | vs this run |\n|---:|---|---:|---:|---:|---:|\n"
        let runKilograms = report.runRow?.kilogramsCO2e
        for (index, row) in report.rows.enumerated() {
            let name = MarkdownText.escaped(row.place.name)
            let place = row.isRunPlace ? "**\(name)**, this run" : name
            let versus: String
            if row.isRunPlace {
                versus = "—"
            } else if let runKilograms, runKilograms > 0 {
                versus = signedPercent((row.kilogramsCO2e - runKilograms) / runKilograms)
            } else {
                versus = "—"
            }
            out +=
                "| \(index + 1) | \(place) | \(row.place.year.map(String.init) ?? "—") | \(ReportFormatting.fixed(row.place.gramsCO2ePerKWh, 2)) | \(ReportFormatting.significant(row.kilogramsCO2e, 4)) | \(versus) |\n"
        }
        if let shift = report.shift {
            out += "\n## Start time\n\n"
            out += startTimes(shift, series: report.seriesPath)
        }
        if !report.notes.isEmpty {
            out += "\n## Notes\n\n"
            for note in report.notes { out += "- \(MarkdownText.line(note))\n" }
        }
        return out
    }

    /// The start-time section: the window, a table of the actual, best and worst starts, and the saving.
    private static func startTimes(_ shift: CounterfactualShift, series: String?) -> String {
        var out =
            "Priced with \(series.map(MarkdownText.code) ?? "the intensity series"): the run moved by up to ±\(SVGPlotWriter.n(shift.windowHours)) h in steps of \(WhatIfReport.duration(shift.stepSeconds)); \(shift.candidates.count) of \(shift.offsetCount) start times priced.\n\n"
        guard let best = shift.best, let worst = shift.worst else {
            return out
                + "No start time could be priced (the notes say why).\n"
        }
        out += "| start | UTC | moved by | kg CO2e |\n|---|---|---:|---:|\n"
        let rows: [(String, CounterfactualShift.Candidate?)] = [
            ("actual", shift.actual), ("best", best), ("worst", worst),
        ]
        for (label, candidate) in rows {
            guard let candidate else {
                out += "| \(label) | — | — | — |\n"
                continue
            }
            out +=
                "| \(label) | \(ReportFormatting.readableUTC(candidate.startSeconds)) | \(hours(candidate.offsetSeconds)) | \(ReportFormatting.significant(candidate.kilogramsCO2e, 4)) |\n"
        }
        if let saving = shift.savingKilogramsCO2e {
            let share = shift.savingShare.map { " (\(ReportFormatting.percent($0)))" } ?? ""
            out +=
                "\nStarting at \(ReportFormatting.readableUTC(best.startSeconds)) instead would save \(ReportFormatting.significant(saving, 4)) kg CO2e\(share).\n"
        }
        return out
    }

    /// An offset with its sign: `+3 h`, `-5 min`, `0 h`.
    static func hours(_ seconds: Double) -> String {
        guard seconds != 0 else { return "0 h" }
        return (seconds > 0 ? "+" : "-") + WhatIfReport.duration(abs(seconds))
    }

    /// A share as a signed percentage: `+12.3%`, `-80.5%`.
    private static func signedPercent(_ share: Double) -> String {
        let text = ReportFormatting.percent(share)
        return share > 0 && text != "0.0%" ? "+" + text : text
    }
}

/// Renders runs as CSV: one header row, one row per run, with stable documented columns (see the README).
public enum CSVReportWriter {
    /// The columns, in order.
    public static let columns = [
        "run", "start_utc", "end_utc", "duration_s", "gpus", "energy_j", "energy_kwh", "all_gpus_energy_kwh",
        "mean_w", "pue", "intensity_g_per_kwh", "intensity_source", "intensity_year", "kg_co2e", "coverage",
        "warnings",
    ]

    public static func render(_ reports: [RunReport]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for report in reports { out += row(report).map(escape).joined(separator: ",") + "\n" }
        return out
    }

    static func row(_ report: RunReport) -> [String] {
        let factors = report.factors
        return [
            report.runPath,
            ReportFormatting.isoUTC(report.windowStartSeconds),
            ReportFormatting.isoUTC(report.windowEndSeconds),
            ReportFormatting.fixed(report.windowSeconds, 3),
            String(report.jobGPUs.count),
            ReportFormatting.fixed(report.jobJoules, 3),
            ReportFormatting.fixed(report.jobJoules / 3.6e6, 9),
            ReportFormatting.fixed(report.allGPUJoules / 3.6e6, 9),
            ReportFormatting.fixed(report.meanWatts, 3),
            ReportFormatting.fixed(factors.pue, 3),
            ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2),
            factors.intensitySource,
            factors.intensityYear.map(String.init) ?? "",
            ReportFormatting.fixed(report.kilogramsCO2e, 6),
            ReportFormatting.fixed(report.coverage, 6),
            String(report.findings.filter { $0.severity == .warning }.count),
        ]
    }

    /// RFC 4180: quote fields holding commas, quotes or line ends.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Renders runs as CSV: one header row, one row per run, with stable documented columns (see the README).
public enum CSVReportWriter {
    /// The columns, in order.
    public static let columns = [
        "run", "start_utc", "end_utc", "duration_s", "gpus", "energy_j", "energy_kwh", "all_gpus_energy_kwh",
        "mean_w", "pue", "intensity_g_per_kwh", "intensity_source", "intensity_year", "kg_co2e", "coverage",
        "warnings", "train_seconds", "train_energy_kwh", "joules_per_step", "steps", "method", "kg_co2e_low",
        "kg_co2e_high", "facility_kwh", "embodied_kg_co2e", "system_energy_kwh", "slurm_job",
    ]

    public static func render(_ reports: [RunReport]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for report in reports { out += row(report).map(escape).joined(separator: ",") + "\n" }
        return out
    }

    static func row(_ report: RunReport) -> [String] {
        let factors = report.factors
        let power: (String) -> String = { report.hasPowerSamples ? $0 : "" }
        let window = report.training
        let energy = report.trainingEnergy
        // An estimate's duration is its hours and its GPUs the count it was given; from `estimate` it has no clock.
        // Without GPU logs, a Slurm job's GPUs are its allocation's.
        let estimate = report.hasPowerSamples ? nil : report.estimate
        let gpuCount = estimate?.gpuCount ?? (report.jobGPUs.isEmpty ? report.slurmJob?.gpuCount : nil)
        let hasClock = report.hasClock
        return [
            report.runPath,
            hasClock ? ReportFormatting.isoUTC(report.windowStartSeconds) : "",
            hasClock ? ReportFormatting.isoUTC(report.windowEndSeconds) : "",
            ReportFormatting.fixed(estimate.map { $0.hours * 3600 } ?? report.windowSeconds, 3),
            String(gpuCount ?? report.jobGPUs.count),
            report.emissions.map { ReportFormatting.fixed($0.itJoules, 3) } ?? "",
            report.emissions.map { ReportFormatting.fixed($0.itJoules / EnergyUnit.joulesPerKilowattHour, 9) } ?? "",
            power(ReportFormatting.fixed(report.allGPUJoules / EnergyUnit.joulesPerKilowattHour, 9)),
            power(ReportFormatting.fixed(report.meanWatts, 3)),
            ReportFormatting.fixed(factors.pue, 3),
            ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2),
            factors.intensitySource,
            factors.intensityYear.map(String.init) ?? "",
            report.emissions.map { ReportFormatting.fixed($0.kilogramsCO2e, 6) } ?? "",
            power(ReportFormatting.fixed(report.coverage, 6)),
            String(report.findings.filter { $0.severity == .warning }.count),
            window.map { ReportFormatting.fixed($0.seconds, 3) } ?? "",
            energy.map { ReportFormatting.fixed($0.windowJoules / EnergyUnit.joulesPerKilowattHour, 9) } ?? "",
            energy?.joulesPerStep.map { ReportFormatting.fixed($0, 6) } ?? "",
            window.map { String($0.steps) } ?? "",
            report.emissions?.method.rawValue ?? "",
            report.emissions.map { ReportFormatting.fixed($0.kilogramsCO2eLow, 6) } ?? "",
            report.emissions.map { ReportFormatting.fixed($0.kilogramsCO2eHigh, 6) } ?? "",
            report.emissions.map { ReportFormatting.fixed($0.facilityJoules / EnergyUnit.joulesPerKilowattHour, 9) }
                ?? "",
            report.embodied.map { ReportFormatting.fixed($0.kilogramsCO2e, 6) } ?? "",
            report.systemEnergy.map { ReportFormatting.fixed($0.joules / EnergyUnit.joulesPerKilowattHour, 9) } ?? "",
            report.slurmJob?.jobID ?? "",
        ]
    }

    /// RFC 4180: quote fields holding commas, quotes or line ends. Before that, a field a spreadsheet would take
    /// for a formula — one that begins with `= + - @`, a tab or a carriage return, after any `'`s — gets a leading
    /// `'` (OWASP's advice against CSV injection); a plain negative number such as `-1.5` is left as it is.
    /// `merge` takes the `'` off again (``ShardReader``).
    static func escape(_ field: String) -> String {
        let afterQuotes = field.unicodeScalars.drop { $0 == "'" }
        let formulaLike = afterQuotes.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let plainNegative =
            field.first == "-" && field.count > 1
            && field.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && field.last != "."
        let guarded = formulaLike && !plainNegative ? "'" + field : field
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return guarded
        }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

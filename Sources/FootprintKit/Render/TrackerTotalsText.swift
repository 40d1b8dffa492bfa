/// The words for a tracker's own totals (CodeCarbon's `emissions.csv`) beside footprint's figures: its other
/// energy, which is never GPU energy, and its own emissions with the reasons they differ from footprint's.
enum TrackerTotalsText {
    /// One line: the runs, and the energy of each component, in kWh.
    static func summary(_ totals: TrackerTotals) -> String {
        var parts = ["\(totals.runCount) run\(totals.runCount == 1 ? "" : "s")"]
        if totals.gpuRunCount > 0 {
            parts.append(
                "GPU \(kWh(totals.gpuKilowattHours)) from \(totals.gpuRunCount) run\(totals.gpuRunCount == 1 ? "" : "s")"
                    + (totals.gpuEnergyUsed ? "" : " (not used: the run has power samples)"))
        }
        if totals.unknownGPURunCount > 0 { parts.append("GPU energy unknown for \(totals.unknownGPURunCount)") }
        if totals.noGPURunCount > 0 { parts.append("\(totals.noGPURunCount) without a GPU") }
        parts.append("other energy: CPU \(totals.cpuKilowattHours.map(kWh) ?? "unknown")")
        parts.append("RAM \(totals.ramKilowattHours.map(kWh) ?? "unknown")")
        return "\(totals.producer): " + parts.joined(separator: ", ")
    }

    /// The tracker's own emissions and the reasons they differ from footprint's, or nil when it gives none.
    static func comparison(_ totals: TrackerTotals, report: RunReport) -> String? {
        guard let emissions = totals.emissionsKilograms, let consumed = totals.consumedKilowattHours else { return nil }
        var out =
            "its own emissions: \(kilograms(emissions)) CO2e for \(kWh(consumed)) (GPU, CPU and RAM)"
        if let implied = totals.impliedGramsCO2ePerKWh {
            out += " at \(ReportFormatting.fixed(implied, 1)) gCO2e/kWh"
        }
        if !totals.locations.isEmpty { out += " (its location: \(totals.locations.joined(separator: "; ")))" }
        if let gpu = totals.gpuEmissionsKilograms {
            out += "; \(kilograms(gpu)) for its GPU energy alone"
        }
        if let footprint = report.emissions, totals.gpuEnergyUsed, totals.gpuRunCount > 0 {
            let factors = report.factors
            out +=
                ", against footprint's \(kilograms(footprint.kilogramsCO2e)) for the job's GPU energy at \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 1)) gCO2e/kWh"
                + " (\(factors.location ?? factors.intensitySource)\(factors.intensityYear.map { ", \($0)" } ?? "")) × PUE \(ReportFormatting.fixed(factors.pue, 2))"
        }
        let pue =
            totals.pueValues.isEmpty
            ? "none"
            : totals.pueValues.map { ReportFormatting.fixed($0, 2) }.joined(
                separator: ", ")
        return out
            + ". They differ by the grid intensity (CodeCarbon's own country or region table, a yearly average of its release's data year, or a default location when it ran offline) and the PUE (CodeCarbon's: \(pue))."
    }

    private static func kWh(_ value: Double) -> String { ReportFormatting.significant(value, 4) + " kWh" }
    private static func kilograms(_ value: Double) -> String { ReportFormatting.significant(value, 4) + " kg" }
}

/// The rules a report applies, each stated once with the numbers it used, so that Markdown, LaTeX and JSON say
/// the same thing in the same words. `option` formats an option's name (a code span in Markdown, `\texttt` in
/// LaTeX, as it is in JSON).
enum MethodRules {
    /// How energy is integrated.
    static let integration =
        "GPU power is integrated with the trapezoidal rule on each GPU's own sample times (invalid readings are not samples; no extrapolation beyond a GPU's first and last sample)."

    /// What a gap is and which gaps are bridged, with the thresholds and the limit of this report.
    static func gaps(_ report: RunReport, option: (String) -> String) -> String {
        let thresholds = Set(report.gpus.map { ReportFormatting.fixed($0.trace.gapThresholdSeconds, 1) }).sorted()
        let shown = thresholds.isEmpty ? "" : "\(thresholds.joined(separator: ", ")) s here: "
        return
            "Intervals longer than the gap threshold (\(shown)3 s or 3 × the median interval, whichever is larger; \(option("--gap-threshold"))) are gaps. "
            + "A gap of at most \(ReportFormatting.duration(bridgeLimitSeconds(report))) (the bridge limit, \(option("--max-bridge"))) is bridged linearly; "
            + "a longer one is unmeasured time: its energy is not counted, and the CO2e range's high end adds it at the GPU's median power."
    }

    /// What coverage means.
    static let coverage =
        "Coverage is the share of the window's GPU-seconds backed by samples: gaps, bridged or not, are not coverage."

    /// The sensor checks and their thresholds.
    static let sensors =
        "A stuck sensor (one value on ≥ \(SensorCheck.stuckMinimumSamples) samples over ≥ \(ReportFormatting.duration(SensorCheck.stuckMinimumSeconds)), or over ≥ \(ReportFormatting.duration(SensorCheck.stuckWhileBusyMinimumSeconds)) while the utilization moves by ≥ \(ReportFormatting.fixed(Double(SensorCheck.stuckUtilizationSpreadPercent), 0)) points) and isolated outlier readings are flagged and kept; the CO2e range's low end leaves them out."

    /// When a GPU is left out of the job, with the thresholds used.
    static func idleGPU(option: (String) -> String) -> String {
        "A GPU is not counted as the job's when it stays idle all log: its utilization never above \(ReportFormatting.fixed(JobGPUSelection.idleUtilizationPercent, 0))% "
            + "and 99% of its samples within \(ReportFormatting.fixed(JobGPUSelection.idlePowerBandWatts, 0)) W (or 5% of its minimum, if larger) of its minimum; "
            + "\(option("--gpus")) overrides."
    }

    /// What a pause in training is, with this window's typical interval.
    static func pauses(typicalIntervalSeconds: Double) -> String {
        "Pauses are intervals between step points longer than \(ReportFormatting.fixed(RunTimeline.pauseFactor, 0)) × the typical interval (\(ReportFormatting.fixed(typicalIntervalSeconds, 3)) s here) and at least \(ReportFormatting.fixed(RunTimeline.pauseMinimumExcessSeconds, 0)) s longer than it, less one typical interval; an evaluation tag logging inside one makes it an evaluation pause, a change of event file a restart."
    }

    /// How emissions and their range are computed.
    static let emissions =
        "CO2e = energy × PUE × grid intensity (with an intensity series, the sum over its intervals of each interval's energy × its intensity). The CO2e range multiplies the low and high ends of the energy (sensor ±5% plus the gap between the left and right rectangle rules), the PUE and the intensity."

    /// The bridge limit the report's GPUs were read with.
    static func bridgeLimitSeconds(_ report: RunReport) -> Double {
        report.gpus.lazy.compactMap(\.trace.bridgeLimitSeconds).first
            ?? report.provenance?.options.maxBridgeSeconds ?? ReportOptions.defaultMaxBridgeSeconds
    }
}

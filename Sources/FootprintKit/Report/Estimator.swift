/// `footprint estimate`: emissions of a run that left no power log, from GPUs × hours × TDP × utilization, or
/// GPUs × hours × a given mean power (`--watts`).
public enum Estimator {
    /// A report holding only the estimate and its factors.
    ///
    /// - Parameters:
    ///   - year: the year the run took place, to pick the country intensity of that year; nil for the latest.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for an unknown GPU, place or value.
    public static func report(_ request: EstimateRequest) throws(FootprintError) -> RunReport {
        let (gpuName, gpuCount, hours, utilization, year, emission) = (
            request.gpu, request.count, request.hours, request.utilization, request.year, request.emission
        )
        guard (1...GPUEstimate.maximumGPUCount).contains(gpuCount), hours > 0,
            Double(gpuCount) * hours <= GPUEstimate.maximumGPUHours
        else {
            throw FootprintError(
                .invalidOption,
                "--count must be 1–\(ReportFormatting.grouped(GPUEstimate.maximumGPUCount)) and --hours positive, with --count × --hours at most 10⁹ GPU-hours"
            )
        }
        if let utilization, !(utilization > 0 && utilization <= 1) {
            throw FootprintError(.invalidOption, "--utilization must be in (0, 1]")
        }
        if let watts = request.watts {
            guard GPUEstimate.plausibleWatts.contains(watts) else {
                throw FootprintError(
                    .invalidOption,
                    "--watts must be a mean power per GPU of \(ReportFormatting.fixed(GPUEstimate.plausibleWatts.lowerBound, 0))–\(ReportFormatting.grouped(GPUEstimate.plausibleWatts.upperBound, 0)) W"
                )
            }
            if utilization != nil {
                throw FootprintError(
                    .invalidOption, "give either --watts (the mean power) or --utilization (a share of TDP), not both")
            }
        }
        if emission.intensitySeriesPath != nil {
            throw FootprintError(
                .invalidOption,
                "--intensity-series needs measured power over time; an estimate has none (use --region, --cloud or --intensity)"
            )
        }
        let choice = try GPUEstimate.choice(named: gpuName)
        let spec = choice.spec
        let factors = try EmissionsModel.factors(emission, runYear: year)
        let basis = EstimateBasis(
            choice: choice, gpuCount: gpuCount, hours: hours, utilization: utilization, givenWatts: request.watts,
            hoursSource: "--hours")
        let emissions = EmissionsModel.estimated(
            gpuCount: gpuCount, hours: hours, tdpWatts: spec.tdpWatts, tdpRangeWatts: choice.tdpRangeWatts,
            utilization: utilization, givenWatts: request.watts, factors: factors)
        let embodied =
            emission.includeEmbodied
            ? EmissionsModel.embodied(
                gpus: (0..<gpuCount).map { ("\($0)", spec.model, hours) },
                lifetimeYears: emission.embodiedLifetimeYears)
            : nil
        return RunReport(
            runPath: "estimate: \(gpuCount) × \(spec.model) for \(ReportFormatting.fixed(hours, 2)) h", files: [],
            powerLogs: [],
            windowStartSeconds: 0, windowEndSeconds: hours * 3600, gpus: [],
            clock: ClockAssumption(zone: .utc, source: .option, wasNeeded: false), factors: factors,
            emissions: emissions, embodied: embodied, intensitySeries: nil, estimate: basis, timeline: nil,
            trainingEnergy: nil, target: nil, profiler: nil,
            provenance: Provenance(
                tool: Provenance.toolName, inputs: [], tables: Provenance.bundledTables,
                options: ReportOptions(), estimate: request),
            generatedAtSeconds: nil, findings: [])
    }
}

/// The report of a Slurm job from its accounting alone (`audit --sacct`): no files read, its emissions from the
/// node energy Slurm gathered, else estimated from its GPU-hours (``RunEmissions``).
enum SlurmJobReport {
    /// The report of `job`, named `name`; its clock is the zone its times were read in.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for factors that do not resolve or an unknown
    ///   `--gpu-model`.
    static func report(
        _ job: SlurmJob, name: String, clock: ClockAssumption, options: ReportOptions
    ) throws(FootprintError) -> RunReport {
        var findings = FindingLog()
        let window = job.window ?? 0...0
        let system = job.systemEnergy
        let emissions = try RunEmissions.account(
            gpus: [], window: nil, runYear: ReportFormatting.utcYear(window.lowerBound), options: options.emission,
            series: nil, systemEnergy: system, slurmJob: job,
            estimate: GPUEstimate(
                gpuModel: options.estimateGPUModel, gpuCount: options.estimateGPUCount,
                utilization: options.estimateUtilization),
            findings: &findings)
        return RunReport(
            runPath: name, files: [], powerLogs: [], systemEnergy: system, slurmJob: job,
            windowStartSeconds: window.lowerBound, windowEndSeconds: window.upperBound, gpus: [], clock: clock,
            factors: emissions.factors, emissions: emissions.operational, embodied: emissions.embodied,
            intensitySeries: nil, estimate: emissions.estimate, timeline: nil, trainingEnergy: nil, target: nil,
            profiler: nil, provenance: nil, generatedAtSeconds: nil, findings: findings.allFindings())
    }
}

/// Everything a report says about one run: numbers, where they came from, and what went wrong.
public struct RunReport: Sendable, Hashable {
    /// The run folder as given.
    public var runPath: String
    public var files: [DiscoveredFile]
    public var powerLogs: [PowerLog]
    /// Each producer's power logs and whether they were counted or a cross-check (``SourceSelection``).
    public var sources: [PowerSource] = []
    /// The whole system's wall energy (MLPerf Power's analyzer), beside the GPU energy and never added to it.
    public var systemEnergy: SystemEnergy?
    /// The Slurm job the run's sacct file accounts (its window, GPUs and node energy).
    public var slurmJob: SlurmJob? = nil
    /// The span from the earliest to the latest valid power sample, UTC seconds.
    public var windowStartSeconds: Double
    public var windowEndSeconds: Double
    public var gpus: [GPUReport]
    public var clock: ClockAssumption
    public var factors: EmissionFactors
    /// Operational emissions; nil without power samples and without the GPU model an estimate needs.
    public var emissions: OperationalEmissions?
    /// Embodied carbon, when `--embodied` asked for it.
    public var embodied: EmbodiedEmissions?
    /// Dynamic, idle, infrastructure and embodied parts of a measured run; nil without power samples.
    public var breakdown: EnergyBreakdown? = nil
    /// The intensity time series used, if any.
    public var intensitySeries: IntensitySeries?
    /// What an estimate was computed from, when the emissions are estimated.
    public var estimate: EstimateBasis?
    /// The TensorBoard timeline, when the run has event files.
    public var timeline: RunTimeline?
    /// Energy in and around the training window, when there are both a window and power samples.
    public var trainingEnergy: TrainingEnergy?
    /// The `--target` outcome.
    public var target: TargetOutcome?
    /// Profiled steps and GPU busy time, when the run has profiler traces.
    public var profiler: ProfilerSummary?
    /// The tool, inputs with digests, tables and options the report was computed from.
    public var provenance: Provenance?
    /// When the report was made (UTC seconds), only with `--stamp`: reports are otherwise byte-identical reruns.
    public var generatedAtSeconds: Double?
    public var findings: [Finding]
    /// Why the run has no measured GPU energy (a power log that could not be read, or none at all); nil when it
    /// has power samples or for an estimate.
    public var energyMissingReason: EnergyMissingReason?

    public var training: TrainingWindow? { timeline?.training }
    public var hasPowerSamples: Bool { !gpus.isEmpty }
    /// Whether the report is placed in time: by power samples, event files or profiler traces (an estimate from
    /// `footprint estimate` is not).
    public var hasClock: Bool {
        hasPowerSamples || timeline != nil || profiler != nil || systemEnergy != nil || slurmJob?.startSeconds != nil
    }

    public var windowSeconds: Double { windowEndSeconds - windowStartSeconds }

    /// What to say about a file: its sniffing note, else (for a file that gave nothing) the first warning about it.
    public func note(for file: DiscoveredFile) -> String? {
        file.note ?? Finding.firstWarning(about: file.displayPath, in: findings)?.message
    }
    public var jobGPUs: [GPUReport] { gpus.filter(\.usedByJob) }
    /// The hosts of the GPUs: one with an empty name for a single-host run.
    public var hosts: [HostSummary] { HostSummary.summaries(of: gpus) }
    /// Energy of the job's GPUs over the whole log.
    public var jobJoules: Double { jobGPUs.reduce(0) { $0 + $1.trace.joules } }
    /// The job GPUs' energy over the system energy's window, as a share of the system's; nil without both.
    public var gpuShareOfSystemEnergy: Double? {
        guard let system = systemEnergy, system.joules > 0, hasPowerSamples else { return nil }
        var gpuJoules = 0.0
        for gpu in jobGPUs {
            guard let joules = gpu.trace.joules(from: system.startSeconds, to: system.endSeconds) else { return nil }
            gpuJoules += joules
        }
        return gpuJoules / system.joules
    }
    public var allGPUJoules: Double { gpus.reduce(0) { $0 + $1.trace.joules } }
    public var kilogramsCO2e: Double { emissions?.kilogramsCO2e ?? 0 }
    /// Mean coverage of the job's GPUs (0–1).
    public var coverage: Double {
        let job = jobGPUs
        return job.isEmpty ? 0 : job.reduce(0) { $0 + $1.coverage } / Double(job.count)
    }
    /// Mean power of the job's GPUs together: the sum of each one's mean over its measured time (not over
    /// unmeasured gaps, nor over the part of the window before or after its samples).
    public var meanWatts: Double { jobGPUs.reduce(0) { $0 + $1.trace.meanWatts } }
}

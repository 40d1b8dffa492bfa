/// One GPU's share of a run's report.
public struct GPUReport: Sendable, Hashable {
    public var identity: GPUIdentity
    public var usedByJob: Bool
    /// Why the GPU counts or not (`--gpus`, `idle all log: …`).
    public var usageReason: String
    public var trace: EnergyTrace
    public var invalidReasons: [String: Int]
    public var maximumUtilizationPercent: Double?
    /// Share of the run's window backed by this GPU's samples (0–1).
    public var coverage: Double
    /// The power logs this GPU's samples came from.
    public var files: [String]
    public var powerField: String?

    public var invalidSampleCount: Int { invalidReasons.values.reduce(0, +) }
}

/// How local timestamps were put on the UTC clock.
public struct ClockAssumption: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// The user passed `--tz`.
        case option
        /// Nothing was passed: the zone of the machine running the tool.
        case machine
        /// Nothing was passed: the offset that best lines up GPU activity with the TensorBoard training window.
        case inferred
    }

    public var zone: ClockZone
    public var source: Source
    /// Whether any log had local times (else the zone did not matter).
    public var wasNeeded: Bool
    /// How the offset was inferred, when it was.
    public var inference: OffsetInference?
}

/// Everything a report says about one run: numbers, where they came from, and what went wrong.
public struct RunReport: Sendable, Hashable {
    /// The run folder as given.
    public var runPath: String
    public var files: [DiscoveredFile]
    public var powerLogs: [PowerLog]
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

    public var training: TrainingWindow? { timeline?.training }
    public var hasPowerSamples: Bool { !gpus.isEmpty }

    public var windowSeconds: Double { windowEndSeconds - windowStartSeconds }
    public var jobGPUs: [GPUReport] { gpus.filter(\.usedByJob) }
    /// Energy of the job's GPUs over the whole log.
    public var jobJoules: Double { jobGPUs.reduce(0) { $0 + $1.trace.joules } }
    public var allGPUJoules: Double { gpus.reduce(0) { $0 + $1.trace.joules } }
    public var kilogramsCO2e: Double { emissions?.kilogramsCO2e ?? 0 }
    /// Mean coverage of the job's GPUs (0–1).
    public var coverage: Double {
        let job = jobGPUs
        return job.isEmpty ? 0 : job.reduce(0) { $0 + $1.coverage } / Double(job.count)
    }
    /// Mean power of the job's GPUs together over the window.
    public var meanWatts: Double { windowSeconds > 0 ? jobJoules / windowSeconds : 0 }
}

/// The inputs of an estimate: GPUs × hours × TDP × utilization.
public struct EstimateBasis: Sendable, Hashable {
    public var gpu: GPUSpec
    public var gpuCount: Int
    public var hours: Double
    /// Nil means the default, 1.0 (TDP throughout).
    public var utilization: Double?
    /// Where the hours came from (`--hours`, the training window).
    public var hoursSource: String
}

/// What the user can say about a run: its clock, its GPUs, column hints and emission factors.
public struct ReportOptions: Sendable {
    /// The zone of local timestamps (`--tz`); nil means this machine's zone, which the report flags.
    public var zone: ClockZone?
    /// GPUs of the job (`--gpus`): indices, UUIDs (or prefixes) or bus ids. Nil: every GPU not idle all log.
    public var gpuSelectors: [String]?
    /// A fixed gap threshold in seconds (`--gap-threshold`); nil: `max(3 s, 3 × median interval)`.
    public var gapThresholdSeconds: Double?
    /// The field list of headerless nvidia-smi CSVs (`--query-gpu`).
    public var queryGPUFields: [String]?
    /// The first row's local time of a dmon log without date/time columns (`--dmon-start`).
    public var dmonStart: String?
    public var dmonIntervalSeconds: Double = 1
    /// Where the grid intensity and PUE come from, and whether embodied carbon is reported.
    public var emission = EmissionOptions()
    /// For runs without power samples: the GPU model, count and utilization to estimate energy from
    /// (`--gpu-model`, `--gpu-count`, `--utilization`).
    public var estimateGPUModel: String?
    public var estimateGPUCount = 1
    public var estimateUtilization: Double?
    /// The scalar tag whose points span training (`--step-tag`); nil: a loss-like tag, else the most steps.
    public var stepTag: String?
    /// The metric goal whose energy is wanted (`--target`).
    public var target: TrainingTarget?
    public var limits = InputLimits()

    public init() {}
}

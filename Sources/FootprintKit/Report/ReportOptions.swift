/// What the user can say about a run: its clock, its GPUs, column hints and emission factors.
///
/// The defaults here are the tool's defaults: the command line leaves a value alone when its option is not
/// given. Reports store the options as they are (``Provenance/options``), encoded with the options' names
/// (`tz`, `gap_threshold`, `emission.pue`, …), nil as null, and `verify` decodes them from there.
public struct ReportOptions: Sendable, Hashable, Codable {
    /// The zone of local timestamps (`--tz`); nil means this machine's zone, which the report flags.
    public var zone: ClockZone?
    /// GPUs of the job (`--gpus`): indices, UUIDs (or prefixes) or bus ids. Nil: every GPU not idle all log.
    public var gpuSelectors: [String]?
    /// A fixed gap threshold in seconds (`--gap-threshold`); nil: `max(3 s, 3 × median interval)`.
    public var gapThresholdSeconds: Double?
    /// The longest gap bridged linearly (`--max-bridge`); a longer one is unmeasured time. See
    /// ``defaultMaxBridgeSeconds``.
    public var maxBridgeSeconds = ReportOptions.defaultMaxBridgeSeconds
    /// The field list of headerless nvidia-smi CSVs (`--query-gpu`).
    public var queryGPUFields: [String]?
    /// The first row's local time of a dmon log without date/time columns (`--dmon-start`).
    public var dmonStart: String?
    /// Seconds between a dmon log's rows when they carry no time (`--dmon-interval`).
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
    /// A regular expression whose one capture group over a log's relative path is its host (`--host-from`); nil:
    /// hosts are named from the paths when logs of several hosts ran at the same time.
    public var hostPattern: String?

    public init() {}

    /// 300 s. An nvidia-smi logger that is restarted (a job step, a node agent) is back within seconds to a
    /// minute, and DCGM samples every second by default; a gap of minutes means the logger stopped, and the power
    /// across a job restart or a drained node is not known. Five minutes bridges every restart of a running
    /// logger with room to spare, and never an hour-long outage.
    public static let defaultMaxBridgeSeconds = 300.0

    /// The options' names, in the order reports list them.
    enum CodingKeys: String, CodingKey {
        case zone = "tz"
        case gpuSelectors = "gpus"
        case gapThresholdSeconds = "gap_threshold"
        case maxBridgeSeconds = "max_bridge"
        case queryGPUFields = "query_gpu"
        case dmonStart = "dmon_start"
        case dmonIntervalSeconds = "dmon_interval"
        case stepTag = "step_tag"
        case target
        case emission
        case estimateGPUModel = "gpu_model"
        case estimateGPUCount = "gpu_count"
        case estimateUtilization = "utilization"
        case limits
        case hostPattern = "host_from"
    }
}

extension ReportOptions {
    /// `--tz`'s text as a zone.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when it is neither an IANA zone nor an offset.
    public static func zone(_ text: String) throws(FootprintError) -> ClockZone {
        guard let zone = ClockZone.parse(text) else {
            throw FootprintError(
                .invalidOption,
                "--tz '\(text)' is neither an IANA zone (e.g. Europe/Berlin) nor an offset (e.g. +05:30)")
        }
        return zone
    }

    /// `--target`'s text as a goal.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when it is not `TAG<=VALUE` or the like.
    public static func target(_ text: String) throws(FootprintError) -> TrainingTarget {
        guard let target = TrainingTarget.parse(text) else {
            throw FootprintError(
                .invalidOption,
                "--target '\(text)' is not TAG<=VALUE, TAG>=VALUE, TAG<VALUE or TAG>VALUE (e.g. 'train/loss<=0.5')")
        }
        return target
    }

    /// Checks the ranges of the values, whether they came from the command line or from a saved report; places,
    /// GPU models and tags are checked against the tables and the logs when the run is analysed.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming the first option out of range.
    public func validate() throws(FootprintError) {
        if let gapThresholdSeconds, !(gapThresholdSeconds > 0) {
            throw FootprintError(.invalidOption, "--gap-threshold must be positive")
        }
        guard maxBridgeSeconds >= 0 && maxBridgeSeconds <= 86_400 else {
            throw FootprintError(.invalidOption, "--max-bridge must be between 0 and 86400 s (a day)")
        }
        guard dmonIntervalSeconds > 0 && dmonIntervalSeconds <= 86_400 else {
            throw FootprintError(.invalidOption, "--dmon-interval must be positive and at most 86400 s (a day)")
        }
        try emission.validate()
        if let hostPattern { _ = try HostPattern(hostPattern) }
        guard estimateGPUCount >= 1 else { throw FootprintError(.invalidOption, "--gpu-count must be at least 1") }
        guard estimateGPUCount <= GPUEstimate.maximumGPUCount else {
            throw FootprintError(
                .invalidOption, "--gpu-count must be at most \(ReportFormatting.grouped(GPUEstimate.maximumGPUCount))")
        }
        if let estimateUtilization, !(estimateUtilization > 0 && estimateUtilization <= 1) {
            throw FootprintError(.invalidOption, "--utilization must be in (0, 1]")
        }
        guard limits.maximumRecordBytes >= 1024 else {
            throw FootprintError(.invalidOption, "--max-record-bytes must be at least 1024")
        }
        guard limits.maximumJSONDepth >= 8 else {
            throw FootprintError(.invalidOption, "--max-json-depth must be at least 8")
        }
        guard limits.maximumLineBytes >= 1024 else {
            throw FootprintError(.invalidOption, "--max-line-bytes must be at least 1024")
        }
    }
}

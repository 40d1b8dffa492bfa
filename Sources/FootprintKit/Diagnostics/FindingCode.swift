/// A stable, documented name for a kind of finding (`clock.assumed`, `gap.unbridged`, …), written into the JSON
/// report so that scripts can act on findings without parsing their messages.
public struct FindingCode: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The local times' zone was not given and not inferred: the machine's zone (or UTC) was assumed.
    public static let clockAssumed = FindingCode(rawValue: "clock.assumed")
    /// The local times' zone was inferred from the event files (or the inference was unclear).
    public static let clockInferred = FindingCode(rawValue: "clock.inferred")
    /// Local times fall at a daylight-saving change: a repeated or a missing hour.
    public static let clockDST = FindingCode(rawValue: "clock.dst")
    /// Power samples and the training window (or a trace) do not overlap.
    public static let clockNoOverlap = FindingCode(rawValue: "clock.no-overlap")
    /// Times outside the plausible range (1990–2100), or going back in time.
    public static let clockImplausible = FindingCode(rawValue: "clock.implausible")
    /// A gap up to the bridge limit, bridged linearly.
    public static let gapBridged = FindingCode(rawValue: "gap.bridged")
    /// A gap longer than the bridge limit: its time is unmeasured and its energy not counted.
    public static let gapUnbridged = FindingCode(rawValue: "gap.unbridged")
    /// Identical power readings over a long stretch, or while utilization changes.
    public static let sensorStuck = FindingCode(rawValue: "sensor.stuck")
    /// A reading far outside the GPU's own distribution.
    public static let sensorOutlier = FindingCode(rawValue: "sensor.outlier")
    /// Readings that are not samples (`[N/A]`, `[Unknown Error]`, out of range, repeated times).
    public static let sampleInvalid = FindingCode(rawValue: "sample.invalid")
    /// A file that looks like a log but could not be read (no header, no time or power column, …).
    public static let inputUnreadable = FindingCode(rawValue: "input.unreadable")
    /// A file of another producer (W&B, MLflow, MLPerf, DCGM, Slurm), recognised and not read here.
    public static let inputForeign = FindingCode(rawValue: "input.foreign")
    /// Samples or files that repeat others (the same GPU in two logs, overlapping samples).
    public static let inputDuplicate = FindingCode(rawValue: "input.duplicate")
    /// Damaged rows or records (wrong field count, bad checksum, undecodable, cut short) skipped or read in part.
    public static let inputDamaged = FindingCode(rawValue: "input.damaged")
    /// A second producer's power logs of the same run (W&B beside nvidia-smi): compared, not counted.
    public static let sourceCrossCheck = FindingCode(rawValue: "source.cross-check")
    /// A cross-check source holds GPUs the counted one does not: their energy is not counted.
    public static let sourcePartial = FindingCode(rawValue: "source.partial")
    /// A cumulative energy counter went down (a reset): the energy of that interval is not counted.
    public static let energyCounterReset = FindingCode(rawValue: "energy.counter-reset")
    /// A GPU's energy came from a cumulative energy counter; its integrated power is given beside it.
    public static let energyCounter = FindingCode(rawValue: "energy.counter")
    /// Energy of whole nodes or systems (Slurm accounting, a power analyzer): what it covers and how it was used.
    public static let energySystem = FindingCode(rawValue: "energy.system")
    /// Times not written in the samples, taken from the file names (or modification times).
    public static let clockFromName = FindingCode(rawValue: "clock.from-name")
    /// A file or folder left out: a link, a special file, a name that cannot be opened, one that vanished.
    public static let inputSkipped = FindingCode(rawValue: "input.skipped")
    /// A file that changed while the report read it (a log still being written): its figures and its digest may
    /// describe different bytes.
    public static let inputChanged = FindingCode(rawValue: "input.changed")
    /// A limit on lines, records, nesting, files, tags or spans stopped reading part of an input.
    public static let inputLimit = FindingCode(rawValue: "input.limit")
    /// How a file's columns were understood (a header repeated or replaced, columns from `--query-gpu`).
    public static let inputColumns = FindingCode(rawValue: "input.columns")
    /// Logs hold the same GPU ids at the same time but no host name could be given to them.
    public static let hostUnnamed = FindingCode(rawValue: "host.unnamed")
    /// A host or GPU whose power during the job stands far from its peers'.
    public static let hostStraggler = FindingCode(rawValue: "host.straggler")
    /// The run has no measured GPU energy (no power log, or none readable).
    public static let energyMissing = FindingCode(rawValue: "energy.missing")
    /// GPU energy from a tracker's totals or per-interval figures rather than a power curve, and how it was drawn.
    public static let energyTracker = FindingCode(rawValue: "energy.tracker")
    /// A GPU's log has no valid samples, or every GPU looks idle.
    public static let gpuSelection = FindingCode(rawValue: "gpu.selection")
    /// Part of the training window (or a phase) is not covered by power samples.
    public static let coveragePartial = FindingCode(rawValue: "coverage.partial")
    /// The event files give no training window, or several writers wrote one folder.
    public static let trainingWindow = FindingCode(rawValue: "training.window")
    /// `--target` met values that are not numbers.
    public static let trainingTarget = FindingCode(rawValue: "training.target")
    /// How a profiler trace was placed on the run's clock, or why it could not be.
    public static let profilerAlignment = FindingCode(rawValue: "profiler.alignment")
    /// Energy and emissions are an estimate from GPU-hours, not a measurement.
    public static let emissionsEstimate = FindingCode(rawValue: "emissions.estimate")
    /// The intensity series does not cover all of the job's energy.
    public static let emissionsSeries = FindingCode(rawValue: "emissions.series")

    /// Every code with its meaning, in the order the README lists them.
    public static let documented: [(code: FindingCode, meaning: String)] = [
        (.clockAssumed, "the zone of local timestamps was neither given nor inferred; it was assumed"),
        (.clockInferred, "the zone of local timestamps was inferred from the event files"),
        (.clockDST, "local timestamps fall at a daylight-saving change (a repeated or missing hour)"),
        (.clockNoOverlap, "power samples and the training window or a trace do not overlap"),
        (.clockImplausible, "times outside 1990–2100, or going back in time"),
        (.gapBridged, "a gap no longer than the bridge limit, bridged linearly"),
        (.gapUnbridged, "a gap longer than the bridge limit: unmeasured, its energy not counted"),
        (.sensorStuck, "identical power readings for a long stretch or while utilization changes"),
        (.sensorOutlier, "a power reading far outside the GPU's own distribution"),
        (.sampleInvalid, "readings that are not samples ([N/A], [Unknown Error], repeated times)"),
        (.inputUnreadable, "a log that could not be read (no header, no time or power column, …)"),
        (.inputForeign, "a file of another producer (W&B, MLflow, MLPerf, DCGM, Slurm), not read"),
        (.inputDuplicate, "the same GPU's samples in more than one file"),
        (.inputDamaged, "damaged rows or records skipped, or a file cut short"),
        (.inputSkipped, "a link, special file or unopenable name left out"),
        (.inputChanged, "a file changed while the report read it: its figures and digest may differ"),
        (.inputLimit, "a size or count limit stopped reading part of an input"),
        (.inputColumns, "how a file's columns were understood"),
        (.hostUnnamed, "logs hold the same GPU ids at the same time and no host name tells them apart"),
        (.hostStraggler, "a host or GPU whose power during the job stands far from its peers'"),
        (.sourceCrossCheck, "a second producer's power logs of the same GPUs and time: compared, not counted"),
        (.sourcePartial, "a cross-check source holds GPUs the counted one does not: their energy is missing"),
        (.energyMissing, "no measured GPU energy in the run"),
        (
            .energyTracker,
            "GPU energy from a tracker's totals or per-interval figures (CodeCarbon, Megatron-LM), and how it was drawn"
        ),
        (.energyCounter, "a GPU's energy from a cumulative counter, its integrated power beside it"),
        (
            .energySystem,
            "energy of whole nodes or systems (Slurm accounting, a power analyzer): what it covers and how it was used"
        ),
        (.energyCounterReset, "an energy counter went down (a reset): that interval's energy is not counted"),
        (.clockFromName, "sample times taken from file names or modification times"),
        (.gpuSelection, "a GPU without valid samples, or every GPU idle"),
        (.coveragePartial, "power samples cover only part of the training window"),
        (.trainingWindow, "no training window, or several writers in one folder"),
        (.trainingTarget, "--target met values that are not numbers"),
        (.profilerAlignment, "how a profiler trace was placed on the run's clock"),
        (.emissionsEstimate, "energy and emissions estimated from GPU-hours"),
        (.emissionsSeries, "the intensity series does not cover all of the job's energy"),
    ]
}

/// One Slurm job allocation as `sacct` accounted it: its window, its GPUs and the energy Slurm gathered for it.
/// Steps (`.batch`, `.extern`, `.0`) overlap the allocation and are never added to it.
public struct SlurmJob: Sendable, Hashable, Codable {
    /// `JobID` as sacct prints it (`12345`, `12345_7` for an array task, `12345+1` for a heterogeneous part).
    public var jobID: String
    public var name: String?
    public var state: String?
    public var nodeCount: Int?
    public var nodeList: String?
    /// GPUs allocated (`AllocTRES` `gres/gpu`), 0 for a job without GPUs; nil when the columns do not say.
    public var gpuCount: Int?
    /// The GPU type of a typed GRES (`a100` in `gres/gpu:a100=8`); nil when untyped.
    public var gpuType: String?
    /// UTC seconds; nil for `Unknown` or `None` (not started, or still running).
    public var startSeconds: Double?
    public var endSeconds: Double?
    /// `ElapsedRaw`, else `Elapsed`, else End − Start.
    public var elapsedSeconds: Double?
    /// `ConsumedEnergyRaw` in joules, as gathered by the cluster's `AcctGatherEnergyType` (node energy unless the
    /// cluster meters otherwise); nil when not gathered (`0`, blank, or Slurm's no-value marker).
    public var consumedJoules: Double?
    /// The sacct file (relative to the run folder) and the job's line in it.
    public var path: String
    public var line: Int

    /// The job's ConsumedEnergy as system energy over its Start to Start + Elapsed; nil when Slurm gathered none
    /// or the job has no start or elapsed time.
    public var systemEnergy: SystemEnergy? {
        guard let consumedJoules, let startSeconds, let elapsedSeconds, elapsedSeconds > 0 else { return nil }
        return SystemEnergy(
            meter: .slurmAccounting, path: path, joules: consumedJoules, startSeconds: startSeconds,
            endSeconds: startSeconds + elapsedSeconds, isScoredWindow: false, sampleCount: 0, invalidCount: 0)
    }

    /// Start to End (else Start + Elapsed), UTC seconds; nil without a start.
    public var window: ClosedRange<Double>? {
        guard let startSeconds else { return nil }
        let end = endSeconds ?? elapsedSeconds.map { startSeconds + $0 } ?? startSeconds
        return startSeconds...max(startSeconds, end)
    }

    /// What makes a job one: its id and start (a requeued job is listed again with another start).
    public var identity: String { "\(jobID)\u{0}\(startSeconds.map { "\($0)" } ?? "")" }

    /// `12345 "train_llama"`.
    public var label: String { jobID + (name.map { " \"\($0)\"" } ?? "") }

    /// GPU-hours of the allocation; nil without a GPU count or an elapsed time.
    public var gpuHours: Double? {
        guard let gpuCount, let elapsedSeconds else { return nil }
        return Double(gpuCount) * elapsedSeconds / 3600
    }
}

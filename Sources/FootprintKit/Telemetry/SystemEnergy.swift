/// The energy of the whole system or its nodes: the wall (AC) energy a power analyzer measured (MLPerf Power's
/// PTDaemon `spl.txt`), or the node energy Slurm gathered for a job (`ConsumedEnergyRaw`). Never GPU energy and
/// never added to it: reported beside it, and counted for emissions only when the run has no GPU energy.
public struct SystemEnergy: Sendable, Hashable, Codable {
    /// What measured the energy.
    public enum Meter: String, Sendable, Hashable, Codable {
        /// A wall-power analyzer (readings of the whole system's AC power).
        case powerAnalyzer = "power analyzer"
        /// Slurm's energy accounting (`AcctGatherEnergyType`: node energy by IPMI or a Cray counter, CPU and DRAM
        /// energy by RAPL, or GPU energy, which the output does not say).
        case slurmAccounting = "Slurm accounting"
    }

    public var meter: Meter = .powerAnalyzer
    /// The analyzer's log or the sacct file, relative to the run folder.
    public var path: String
    /// Energy of the readings within the window, by the trapezoid rule; for Slurm, the job's ConsumedEnergyRaw.
    public var joules: Double
    /// UTC seconds of the window: LoadGen's `power_begin` … `power_end` when the run has its log, else the first
    /// to the last valid reading; for Slurm, the job's Start to Start + Elapsed.
    public var startSeconds: Double
    public var endSeconds: Double
    /// Whether the window is LoadGen's scored one (only readings strictly inside it count).
    public var isScoredWindow: Bool
    /// Readings counted (none for Slurm, which gives a total).
    public var sampleCount: Int
    /// Readings of `-1` or other non-numbers, left out.
    public var invalidCount: Int

    public var seconds: Double { endSeconds - startSeconds }
}

/// The whole system's wall (AC) energy that a power analyzer measured (MLPerf Power's PTDaemon `spl.txt`): never
/// GPU energy and never added to it, reported beside it.
public struct SystemEnergy: Sendable, Hashable, Codable {
    /// The analyzer's log, relative to the run folder.
    public var path: String
    /// Energy of the readings within the window, by the trapezoid rule.
    public var joules: Double
    /// UTC seconds of the window: LoadGen's `power_begin` … `power_end` when the run has its log, else the first
    /// to the last valid reading.
    public var startSeconds: Double
    public var endSeconds: Double
    /// Whether the window is LoadGen's scored one (only readings strictly inside it count).
    public var isScoredWindow: Bool
    public var sampleCount: Int
    /// Readings of `-1` or other non-numbers, left out.
    public var invalidCount: Int

    public var seconds: Double { endSeconds - startSeconds }
}

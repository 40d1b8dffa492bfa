/// An interval between two samples longer than the gap threshold: bridged linearly when it is no longer than the
/// bridge limit, else left unmeasured (see ``EnergyTrace/limitingBridges(toSeconds:)``).
public struct EnergyGap: Sendable, Hashable, Codable {
    /// UTC seconds of the sample before the gap.
    public var startSeconds: Double
    public var seconds: Double
    /// Energy of the linear bridge across the gap.
    public var joules: Double
    /// Power of the samples on either side.
    public var startWatts: Double
    public var endWatts: Double

    public init(startSeconds: Double, seconds: Double, startWatts: Double, endWatts: Double) {
        self.startSeconds = startSeconds
        self.seconds = seconds
        self.startWatts = startWatts
        self.endWatts = endWatts
        joules = (startWatts + endWatts) * 0.5 * seconds
    }

    /// UTC seconds of the sample after the gap.
    public var endSeconds: Double { startSeconds + seconds }

    /// The bridge's energy from the gap's start up to `instant` (0 before it, all of it after it).
    func bridgeJoules(until instant: Double) -> Double {
        guard instant > startSeconds else { return 0 }
        guard instant < endSeconds, seconds > 0 else { return joules }
        let elapsed = instant - startSeconds
        let wattsThere = startWatts + (endWatts - startWatts) * elapsed / seconds
        return (startWatts + wattsThere) * 0.5 * elapsed
    }

    /// Seconds of this gap inside `start...end`.
    func overlapSeconds(from start: Double, to end: Double) -> Double {
        max(0, min(end, endSeconds) - max(start, startSeconds))
    }
}

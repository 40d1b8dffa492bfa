/// An interval between two samples longer than the gap threshold, bridged linearly.
public struct EnergyGap: Sendable, Hashable {
    /// UTC seconds of the sample before the gap.
    public var startSeconds: Double
    public var seconds: Double
    /// Energy of the linear bridge across the gap.
    public var joules: Double
}

/// What the sensor checks found in one GPU's samples: stuck stretches and outliers, with the energy they
/// contribute (readings stay in the energy; the CO2e range covers the energy without them).
public struct SensorFindings: Sendable, Hashable, Codable {
    /// Stuck stretches in time order, at most ``SensorCheck/listedCapacity`` per log; the totals
    /// count every one.
    public var stuckStretches: [SensorStuckStretch] = []
    public var stuckCount = 0
    public var stuckSeconds = 0.0
    public var stuckJoules = 0.0
    /// Outliers in time order, at most ``SensorCheck/listedCapacity`` per log.
    public var outliers: [SensorOutlier] = []

    /// The energy the outliers add.
    public var outlierJoules: Double { outliers.reduce(0) { $0 + $1.joules } }

    /// These findings followed by `other`'s (a later log of the same GPU).
    func merged(with other: SensorFindings) -> SensorFindings {
        var result = self
        result.stuckStretches += other.stuckStretches
        result.stuckCount += other.stuckCount
        result.stuckSeconds += other.stuckSeconds
        result.stuckJoules += other.stuckJoules
        result.outliers += other.outliers
        return result
    }
}

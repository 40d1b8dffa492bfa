/// A stretch of bit-identical power readings long enough that the sensor, not the GPU, held still (see
/// ``SensorCheck``).
public struct SensorStuckStretch: Sendable, Hashable, Codable {
    /// UTC seconds of the stretch's first and last reading.
    public var startSeconds: Double
    public var endSeconds: Double
    public var sampleCount: Int
    /// The repeated reading.
    public var watts: Double
    /// The energy the stretch's readings contribute (the integral from its first to its last reading).
    public var joules: Double
    /// The lowest and highest utilization during the stretch, when the log has a utilization column.
    public var utilizationPercent: ClosedRange<Double>?

    public var seconds: Double { endSeconds - startSeconds }
}

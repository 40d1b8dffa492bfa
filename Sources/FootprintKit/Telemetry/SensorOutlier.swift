/// One reading far above both of its neighbours and far outside its GPU's own distribution (see ``SensorCheck``).
public struct SensorOutlier: Sendable, Hashable, Codable {
    /// UTC seconds of the reading.
    public var seconds: Double
    public var watts: Double
    /// The power on the straight line between its neighbours at its time: what the integral uses without it.
    public var expectedWatts: Double
    /// The energy the reading adds to the integral: its height above the line × half the time between its
    /// neighbours.
    public var joules: Double
}

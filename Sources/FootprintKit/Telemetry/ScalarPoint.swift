/// One point of a scalar tag: its step, the UTC wall time its event was stamped with, and its value.
public struct ScalarPoint: Sendable, Hashable, Codable {
    public var step: Int64
    /// Unix seconds (UTC) as the writer stamped the event.
    public var wallTime: Double
    public var value: Double
}

/// How a log's times were put on the UTC clock.
public enum LogClock: Sendable, Hashable, Codable {
    /// Local wall-clock times without a zone, read in `zone`.
    case local(ClockZone)
    /// The timestamps carry their own zone or offset, or are Unix epoch times.
    case embedded
}

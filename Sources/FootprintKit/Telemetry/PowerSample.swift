/// One valid power reading as a log gave it: the time its reader put it at, and its power.
struct PowerSample: Sendable, Hashable, Codable {
    /// UTC seconds as read (for a log read with local times taken as UTC, the local time).
    var seconds: Double
    var watts: Double
    /// The row's `utilization.gpu` in percent; NaN when the log has none (a `Float`, so that retained samples
    /// stay small).
    var utilizationPercent: Float = .nan
}

/// One device's samples from one power log.
public struct PowerSeries: Sendable, Hashable, Codable {
    public var identity: DeviceID
    public var trace: EnergyTrace
    /// Rows of this GPU whose power reading was not a usable number, by reason (`[N/A]`, `negative`, …).
    public var invalidReasons: [String: Int]
    /// The highest `utilization.gpu` seen, when the log has that column.
    public var maximumUtilizationPercent: Double?
    /// When the energy came from a counter (``PowerLog/energyCounterField``), the trapezoid of the power readings
    /// over the same log, as a cross-check; nil otherwise.
    public var powerIntegralJoules: Double? = nil
    /// The power column this device's trace comes from, when it is not the log's (``PowerLog/powerField``): a GPU
    /// whose driver leaves the log's preferred column `[N/A]` is measured by another.
    public var powerField: String? = nil

    public var invalidSampleCount: Int { invalidReasons.values.reduce(0, +) }
}

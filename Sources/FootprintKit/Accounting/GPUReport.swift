/// One GPU's share of a run's report.
public struct GPUReport: Sendable, Hashable {
    public var identity: DeviceID
    public var usedByJob: Bool
    /// Why the GPU counts or not (`--gpus`, `idle all log: …`).
    public var usageReason: String
    public var trace: EnergyTrace
    public var invalidReasons: [String: Int]
    public var maximumUtilizationPercent: Double?
    /// Share of the run's window backed by this GPU's samples (0–1): gaps, bridged or not, are not coverage
    /// (``EnergyTrace/coveredSeconds(from:to:)``).
    public var coverage: Double
    /// The power logs this GPU's samples came from.
    public var files: [String]
    public var powerField: String?

    public var invalidSampleCount: Int { invalidReasons.values.reduce(0, +) }
}

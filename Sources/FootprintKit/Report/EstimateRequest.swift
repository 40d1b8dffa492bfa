/// What `footprint estimate` was asked: the GPU (model or family), count, hours, utilization or mean power, and
/// year, and the emission options. Reports of an estimate record it in their provenance, encoded with the command's own option
/// names (`gpu`, `count`, `hours`, …).
public struct EstimateRequest: Sendable, Hashable, Codable {
    public var gpu: String
    public var count: Int
    public var hours: Double
    /// Nil means the default, 1.0 (TDP throughout).
    public var utilization: Double?
    /// The mean power drawn per GPU in watts (`--watts`), replacing TDP × utilization; nil: TDP × utilization.
    public var watts: Double?
    /// The run's year, to pick that year's country intensity; nil for the latest.
    public var year: Int?
    public var emission: EmissionOptions

    public init(
        gpu: String, count: Int, hours: Double, utilization: Double?, watts: Double? = nil, year: Int?,
        emission: EmissionOptions
    ) {
        self.gpu = gpu
        self.count = count
        self.hours = hours
        self.utilization = utilization
        self.watts = watts
        self.year = year
        self.emission = emission
    }
}

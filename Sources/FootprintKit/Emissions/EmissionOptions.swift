/// Where the grid intensity and PUE come from, as the options say.
public struct EmissionOptions: Sendable, Hashable {
    /// A country (ISO code or name) or sub-national region (`US-CA`) (`--region`).
    public var region: String?
    /// A cloud region, `provider:region` (`--cloud`).
    public var cloud: String?
    /// An intensity in gCO2e/kWh (`--intensity`), overriding the others.
    public var gramsCO2ePerKWh: Double?
    /// A time series of intensity (`--intensity-series`).
    public var intensitySeriesPath: String?
    public var pue: Double?
    /// `google`, `aws`, `azure`, `onprem` or `average` (`--pue-preset`).
    public var puePreset: String?
    /// Whether to report embodied carbon (`--embodied`), and the lifetime it is amortised over.
    public var includeEmbodied = false
    public var embodiedLifetimeYears = 5.0

    public init() {}
}

/// Where the grid intensity and PUE come from, as the options say.
///
/// Encoded with the options' names (`region`, `pue_preset`, `lifetime_years`, …), nil as null.
public struct EmissionOptions: Sendable, Hashable, Codable {
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
    /// The market-based intensity (gCO2e/kWh) of a supply contract (`--market-intensity`); see
    /// ``MarketIntensity``.
    public var marketGramsCO2ePerKWh: Double?
    /// The share of the energy covered by renewable certificates or contracts (`--renewable-share`), and the
    /// residual-mix intensity of the rest (`--residual-intensity`).
    public var renewableShare: Double?
    public var residualGramsCO2ePerKWh: Double?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case region, cloud
        case gramsCO2ePerKWh = "intensity"
        case intensitySeriesPath = "intensity_series"
        case pue
        case puePreset = "pue_preset"
        case includeEmbodied = "embodied"
        case embodiedLifetimeYears = "lifetime_years"
        case marketGramsCO2ePerKWh = "market_intensity"
        case renewableShare = "renewable_share"
        case residualGramsCO2ePerKWh = "residual_intensity"
    }

    /// Checks the values no table lookup is needed for.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming the option.
    public func validate() throws(FootprintError) {
        guard embodiedLifetimeYears > 0 && embodiedLifetimeYears <= 30 else {
            throw FootprintError(.invalidOption, "--lifetime-years must be in (0, 30]")
        }
        _ = try MarketIntensity.resolve(self)
    }
}

/// The factors that turn energy into emissions, each with where it came from and its range.
public struct EmissionFactors: Sendable, Hashable {
    /// What kind of place or source the grid intensity stands for.
    public enum IntensityKind: String, Sendable, Hashable {
        case world, country, subnational, cloud, given
    }

    /// The fixed grid intensity: the place's value, or the one given. With a time series, it covers only the
    /// energy outside the series.
    public var gramsCO2ePerKWh: Double
    /// Where the grid intensity came from: the bundled table's source, or the option that set it.
    public var intensitySource: String
    /// The data year of the intensity, when it comes from the bundled tables.
    public var intensityYear: Int?
    /// The place the intensity stands for (`France (FR)`, `gcp:europe-west4 …`, `World`), or nil for a value given.
    public var location: String?
    public var intensityKind: IntensityKind
    /// True when no location or intensity was given and the world average was used.
    public var intensityIsAssumed: Bool
    /// The intensity's range: the country's values in the neighbouring years; the value itself elsewhere.
    public var intensityLow: Double
    public var intensityHigh: Double
    public var pue: Double
    public var pueSource: String
    public var pueYear: Int?
    /// True when no PUE was given and 1.0 (no facility overhead) was used.
    public var pueIsAssumed: Bool
    /// The PUE's range: a preset's related figures; the value itself otherwise.
    public var pueLow: Double
    public var pueHigh: Double
    /// The market-based intensity, when the options give one; the figures above are location-based.
    public var market: MarketIntensity?
}

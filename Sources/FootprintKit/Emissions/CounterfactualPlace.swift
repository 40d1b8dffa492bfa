/// A place a run's energy is priced at in a counterfactual (`footprint whatif`): a country, a sub-national region
/// or a cloud region, with the bundled grid intensity for the run's year.
///
/// Names are those `--region` and `--cloud` accept: an ISO 3166 alpha-2 or alpha-3 code or a country's name
/// (`FR`, `DEU`, `France`), a sub-national code (`US-CA`, `SE-SE3`), or `provider:region` (`gcp:europe-north1`).
/// A country's intensity is its value for the run's year where the history has it, else its latest (as
/// ``EmissionsModel/factors(_:runYear:)`` picks it); sub-national and cloud regions have one value each.
public struct CounterfactualPlace: Sendable, Hashable {
    /// The code that names the place: `FR` (alpha-3 where there is no alpha-2), `US-CA`, `gcp:europe-north1`.
    public var code: String
    /// The place as the report writes it: `France (FR)`, `California (US-CA)`, `World`.
    public var name: String
    /// Country, sub-national or cloud region; `world` for the world average, `given` for a value given with
    /// `--intensity`.
    public var kind: EmissionFactors.IntensityKind
    /// The data year of the intensity; nil where the table does not say.
    public var year: Int?
    public var gramsCO2ePerKWh: Double
    /// Where the intensity comes from (the bundled table's source column).
    public var source: String

    /// The place named `query`.
    ///
    /// - Parameters:
    ///   - runYear: the UTC year the run started, for a country's year-matched value; nil for the latest.
    ///   - option: the option that named it, for the error message (`--regions`).
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming `query` when no table has it.
    public static func resolve(_ query: String, runYear: Int?, option: String = "--regions") throws(FootprintError)
        -> CounterfactualPlace
    {
        let name = query.trimmingSpaces()
        if name.contains(":") { return CounterfactualPlace(try EmissionsModel.cloudRegion(name, option: option)) }
        if let region = RegionTables.bundled.subnational(name) { return CounterfactualPlace(region) }
        let table = GridIntensityTable.bundled
        guard let entry = table.country(name) else {
            throw FootprintError(
                .invalidOption,
                "\(option): unknown place '\(name)'\(table.didYouMean(name)); use an ISO country code such as FR or DEU, a sub-national code such as US-CA or a cloud region such as gcp:europe-north1; `footprint regions` lists them"
            )
        }
        return CounterfactualPlace(table.intensity(for: entry, year: runYear))
    }

    /// Every place of the bundled tables but the world average: the countries (year-matched to `runYear`), the
    /// sub-national regions and the cloud regions, in the tables' order.
    public static func all(runYear: Int?) -> [CounterfactualPlace] {
        let table = GridIntensityTable.bundled
        let countries = table.latest.filter { $0.iso3 != "WLD" }.map {
            CounterfactualPlace(table.intensity(for: $0, year: runYear))
        }
        return countries + RegionTables.bundled.subnational.map(CounterfactualPlace.init)
            + RegionTables.bundled.cloud.map(CounterfactualPlace.init)
    }

    /// A sub-national or cloud region, named as ``EmissionsModel`` names it.
    init(_ region: RegionIntensity) {
        self.init(
            code: region.code, name: region.label,
            kind: region.kind == .cloud ? .cloud : (region.kind == .country ? .country : .subnational),
            year: region.year,
            gramsCO2ePerKWh: region.gramsCO2ePerKWh, source: region.source)
    }

    /// A country's (year-matched) row, named as ``EmissionsModel`` names it.
    init(_ entry: GridIntensityTable.Entry) {
        self.init(
            code: entry.code, name: entry.label,
            kind: entry.iso3 == "WLD" ? .world : .country,
            year: entry.year, gramsCO2ePerKWh: entry.gramsCO2ePerKWh, source: entry.source)
    }

    /// Memberwise.
    init(
        code: String, name: String, kind: EmissionFactors.IntensityKind, year: Int?, gramsCO2ePerKWh: Double,
        source: String
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.year = year
        self.gramsCO2ePerKWh = gramsCO2ePerKWh
        self.source = source
    }
}

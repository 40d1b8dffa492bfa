/// The factors that turn energy into emissions, each with where it came from.
public struct EmissionFactors: Sendable, Hashable {
    public var gramsCO2ePerKWh: Double
    /// Where the grid intensity came from: the bundled table's source, or the option that set it.
    public var intensitySource: String
    /// The data year of the intensity, when it comes from the bundled table.
    public var intensityYear: Int?
    /// The place the intensity stands for (`France (FR)`, `World`), or nil for a value given directly.
    public var location: String?
    /// True when no location or intensity was given and the world average was used.
    public var intensityIsAssumed: Bool
    public var pue: Double
    public var pueSource: String
    /// True when no PUE was given and 1.0 (no facility overhead) was used.
    public var pueIsAssumed: Bool
}

/// Operational emissions: CO2e = energy × PUE × grid carbon intensity.
public enum EmissionsModel {
    /// The factors for a run, from the options and the bundled intensity table.
    ///
    /// - Parameters:
    ///   - region: an ISO 3166-1 alpha-2 or alpha-3 code or a country name.
    ///   - gramsCO2ePerKWh: an intensity given directly; overrides `region`.
    ///   - pue: the data centre's power usage effectiveness.
    ///   - runYear: the UTC year the run started, to pick that year's intensity where the table has it.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for an unknown region or an out-of-range value.
    public static func factors(
        region: String?, gramsCO2ePerKWh: Double?, pue: Double?, runYear: Int?,
        table: GridIntensityTable = .bundled
    ) throws(FootprintError) -> EmissionFactors {
        if let pue, !(pue >= 1 && pue <= 5) {
            throw FootprintError(.invalidOption, "--pue \(pue) is outside 1.0–5.0; a PUE is facility energy / IT energy")
        }
        let pueSource = pue == nil ? "assumed 1.0 (no facility overhead); pass --pue" : "--pue"
        var factors = EmissionFactors(
            gramsCO2ePerKWh: 0, intensitySource: "", intensityYear: nil, location: nil, intensityIsAssumed: false,
            pue: pue ?? 1, pueSource: pueSource, pueIsAssumed: pue == nil)
        if let gramsCO2ePerKWh {
            guard gramsCO2ePerKWh >= 0 && gramsCO2ePerKWh < 5000 else {
                throw FootprintError(.invalidOption, "--intensity \(gramsCO2ePerKWh) gCO2e/kWh is outside 0–5000")
            }
            factors.gramsCO2ePerKWh = gramsCO2ePerKWh
            factors.intensitySource = "--intensity"
            factors.location = region
            return factors
        }
        let entry: GridIntensityTable.Entry
        if let region {
            guard let found = table.country(region) else {
                let suggestions = table.suggestions(for: region)
                let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
                throw FootprintError(.invalidOption,
                                     "unknown --region '\(region)'\(hint); use an ISO country code such as FR or DEU, or --intensity G")
            }
            entry = found
        } else {
            guard let world = table.country("WLD") else {
                throw FootprintError(.invalidOption, "the bundled intensity table has no world average")
            }
            entry = world
            factors.intensityIsAssumed = true
        }
        let matched = table.intensity(for: entry, year: runYear)
        factors.gramsCO2ePerKWh = matched.gramsCO2ePerKWh
        factors.intensitySource = matched.source
        factors.intensityYear = matched.year
        factors.location = entry.iso2.isEmpty ? entry.country : "\(entry.country) (\(entry.iso2))"
        return factors
    }

    /// Kilograms of CO2e for `joules` of IT energy under `factors`.
    public static func kilogramsCO2e(joules: Double, factors: EmissionFactors) -> Double {
        joules / 3.6e6 * factors.pue * factors.gramsCO2ePerKWh / 1000
    }
}

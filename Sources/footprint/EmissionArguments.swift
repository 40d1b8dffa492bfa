import ArgumentParser
import FootprintKit

/// Where emissions factors come from: place or intensity, PUE, and embodied carbon.
struct EmissionArguments: ParsableArguments {
    @Option(
        help:
            "Where the electricity came from: a country (ISO code such as FR or DEU, or a name) or a sub-national region (US-CA, CA-QC, SE-SE3). `footprint regions` lists them."
    )
    var region: String?

    @Option(help: "A cloud region as provider:region, e.g. gcp:europe-west4, aws:eu-west-1, azure:westeurope.")
    var cloud: String?

    @Option(parsing: .unconditional, help: "Grid carbon intensity in gCO2e/kWh; overrides --region and --cloud.")
    var intensity: Double?

    @Option(
        help:
            "A CSV of grid intensity over time (timestamp,g_co2e_per_kwh; Electricity Maps and WattTime exports load too): emissions integrate power × intensity."
    )
    var intensitySeries: String?

    @Option(
        parsing: .unconditional,
        help: "Power usage effectiveness of the data centre (1.0–5.0). Default 1.0, flagged as an assumption.")
    var pue: Double?

    @Option(help: "A bundled PUE: google, aws, azure, onprem or average (value, year and source in the report).")
    var puePreset: String?

    @Flag(
        help:
            "Also report the GPUs' embodied (manufacturing) carbon for the hours used, apart from operational emissions."
    )
    var embodied = false

    @Option(
        parsing: .unconditional,
        help:
            "The lifetime in years over which embodied carbon is amortised. \(defaultNote(\.emission.embodiedLifetimeYears))"
    )
    var lifetimeYears: Double?

    @Option(
        parsing: .unconditional,
        help:
            "Market-based intensity in gCO2e/kWh of the electricity's supply contract (GHG Protocol Scope 2): reported beside the location-based figure."
    )
    var marketIntensity: Double?

    @Option(
        parsing: .unconditional,
        help:
            "Share (0–1) of the energy covered by renewable certificates or contracts, for the market-based figure; needs --residual-intensity."
    )
    var renewableShare: Double?

    @Option(
        parsing: .unconditional,
        help: "Residual-mix intensity in gCO2e/kWh for the energy --renewable-share does not cover.")
    var residualIntensity: Double?

    /// The emission options given, checked by the library; an invalid value is a usage error.
    func emissionOptions() throws -> EmissionOptions {
        try usage {
            var options = EmissionOptions()
            options.region = region
            options.cloud = cloud
            options.gramsCO2ePerKWh = intensity
            options.intensitySeriesPath = intensitySeries
            options.pue = pue
            options.puePreset = puePreset
            options.includeEmbodied = embodied
            options.embodiedLifetimeYears = lifetimeYears ?? options.embodiedLifetimeYears
            options.marketGramsCO2ePerKWh = marketIntensity
            options.renewableShare = renewableShare
            options.residualGramsCO2ePerKWh = residualIntensity
            try options.validate()
            return options
        }
    }
}

/// The intensity of the market-based method of the GHG Protocol's Scope 2 Guidance (2015): what the electricity
/// bought emits by contract, beside the grid's location-based average.
///
/// Either a contractual factor (`--market-intensity`), or a renewable share (`--renewable-share`, covered by
/// certificates or a PPA, counted at zero) with the residual mix (`--residual-intensity`) for the rest:
/// (1 − share) × residual. Market-based CO2e = facility energy (IT × PUE) × this intensity.
public struct MarketIntensity: Sendable, Hashable {
    /// The intensity applied, gCO2e/kWh.
    public var gramsCO2ePerKWh: Double
    /// The renewable share and the residual mix it was computed from; nil for a contractual factor.
    public var renewableShare: Double?
    public var residualGramsCO2ePerKWh: Double?

    /// The market-based intensity the options give; nil when they give none.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a value out of range or an incomplete or
    ///   conflicting pair.
    static func resolve(_ options: EmissionOptions) throws(FootprintError) -> MarketIntensity? {
        for (flag, value) in [
            ("--market-intensity", options.marketGramsCO2ePerKWh),
            ("--residual-intensity", options.residualGramsCO2ePerKWh),
        ] {
            if let value, !PlausibleIntensity.gramsCO2ePerKWh.contains(value) {
                throw FootprintError(
                    .invalidOption,
                    "\(flag) \(value) gCO2e/kWh is outside \(PlausibleIntensity.rangeDescription), the range of real grids"
                )
            }
        }
        switch (options.marketGramsCO2ePerKWh, options.renewableShare, options.residualGramsCO2ePerKWh) {
        case (nil, nil, nil):
            return nil
        case (let market?, nil, nil):
            return MarketIntensity(gramsCO2ePerKWh: market)
        case (nil, let share?, let residual?):
            guard share >= 0 && share <= 1 else {
                throw FootprintError(
                    .invalidOption, "--renewable-share \(share) is outside 0–1; it is the share of the energy covered")
            }
            return MarketIntensity(
                gramsCO2ePerKWh: (1 - share) * residual, renewableShare: share, residualGramsCO2ePerKWh: residual)
        case (nil, _?, nil):
            throw FootprintError(
                .invalidOption,
                "--renewable-share needs --residual-intensity G, the residual-mix intensity (gCO2e/kWh) of the energy not covered; or give the contractual factor with --market-intensity"
            )
        case (nil, nil, _?):
            throw FootprintError(
                .invalidOption, "--residual-intensity needs --renewable-share F, the share (0–1) it does not apply to")
        default:
            throw FootprintError(
                .invalidOption,
                "give either --market-intensity or --renewable-share with --residual-intensity, not both")
        }
    }
}

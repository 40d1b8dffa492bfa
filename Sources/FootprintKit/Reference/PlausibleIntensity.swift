/// Grid intensities taken as plausible, for `--intensity` and each row of an intensity series: the dirtiest
/// generation (lignite, oil) emits about 1,000–1,300 gCO2e/kWh over its life cycle and the highest country average
/// in the bundled table is 1,306, so a value above 2,000 is a unit mix-up (g/MWh, lb/MWh) or damage.
enum PlausibleIntensity {
    static let gramsCO2ePerKWh = 0.0...2000.0
    /// How findings name the range.
    static let rangeDescription = "0–2,000 gCO2e/kWh"
}

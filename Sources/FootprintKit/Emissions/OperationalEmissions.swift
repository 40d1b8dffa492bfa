/// Operational emissions of a run: IT and facility energy, CO2e with its range, and how it was reached. The range
/// covers the sensor's accuracy and the sampling, the intensity's and PUE's spread, the energy with and without
/// flagged sensor readings, and, at its high end, unmeasured time at each GPU's typical power.
public struct OperationalEmissions: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// From power samples.
        case measured
        /// From GPU-hours × TDP × utilization, without power samples.
        case estimated
        /// From the energy of whole nodes or systems (Slurm accounting, a power analyzer), without GPU power
        /// samples.
        case systemEnergy = "system-energy"
    }

    public var method: Method
    /// Energy of the job's GPUs (IT energy) and that energy × PUE (facility energy).
    public var itJoules: Double
    public var facilityJoules: Double
    public var kilogramsCO2e: Double
    public var kilogramsCO2eLow: Double
    public var kilogramsCO2eHigh: Double
    /// The relative uncertainty of the energy: the sensor's, plus sampling's (or the estimate's).
    public var energyUncertainty: Double
    /// The share of the IT energy inside a time series' coverage; nil without a series.
    public var seriesCoverage: Double?
    /// The series' intensity averaged over the covered energy (gCO2e/kWh); nil without a series.
    public var seriesMeanGramsCO2ePerKWh: Double?
    /// Job-GPU-seconds in gaps too long to bridge, and what they would have used at each GPU's idle (5th
    /// percentile) and typical (median) power; the range's high end adds the typical figure.
    public var unmeasuredSeconds = 0.0
    public var unmeasuredIdleJoules = 0.0
    public var unmeasuredTypicalJoules = 0.0
    /// The energy that flagged sensor readings (stuck stretches, outliers) add, which the range's low end leaves
    /// out.
    public var sensorExcessJoules = 0.0
    /// Market-based CO2e: facility energy × the market-based intensity; nil when none was given. The other CO2e
    /// figures are location-based.
    public var marketKilogramsCO2e: Double?

    /// kg CO2e / facility kWh: the intensity in effect.
    public var effectiveGramsCO2ePerKWh: Double {
        facilityJoules > 0 ? kilogramsCO2e * 1000 / (facilityJoules / EnergyUnit.joulesPerKilowattHour) : 0
    }
}

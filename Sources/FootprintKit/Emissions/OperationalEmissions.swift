/// Operational emissions of a run: IT and facility energy, CO2e with its range, and how it was reached.
public struct OperationalEmissions: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable {
        /// From power samples.
        case measured
        /// From GPU-hours × TDP × utilization, without power samples.
        case estimated
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

    /// kg CO2e / facility kWh: the intensity in effect.
    public var effectiveGramsCO2ePerKWh: Double {
        facilityJoules > 0 ? kilogramsCO2e * 1000 / (facilityJoules / EnergyUnit.joulesPerKilowattHour) : 0
    }
}

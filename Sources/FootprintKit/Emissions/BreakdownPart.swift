/// One part of a run's ``EnergyBreakdown``: its energy and the CO2e it stands for, with the range.
public struct BreakdownPart: Sendable, Hashable {
    /// The part's energy; nil for embodied carbon, which is not energy used by the run.
    public var joules: Double?
    public var kilogramsCO2e: Double
    public var kilogramsCO2eLow: Double
    public var kilogramsCO2eHigh: Double
}

/// The power an estimate counts per GPU, and how it is described in reports.
extension EstimateBasis {
    /// Mean watts per GPU that the energy counts: the given power, else TDP × utilization (1.0 unless given).
    public var wattsPerGPU: Double { givenWatts ?? gpu.tdpWatts * (utilization ?? 1) }

    /// `400 W TDP × utilization 1.00`, or `310 W mean power per GPU (given)` when `--watts` gave it.
    public var powerDescription: String {
        if let givenWatts {
            let digits = givenWatts.rounded() == givenWatts ? 0 : 1
            return "\(ReportFormatting.fixed(givenWatts, digits)) W mean power per GPU (given)"
        }
        return
            "\(ReportFormatting.fixed(gpu.tdpWatts, 0)) W TDP × utilization \(ReportFormatting.fixed(utilization ?? 1, 2))"
    }

    /// The energy range the CO2e range takes: 50–100% of a TDP-based value, ±10% with a given utilization, ±5%
    /// (``EmissionsModel/sensorUncertainty``) with a given power.
    public var energyRangeDescription: String {
        if givenWatts != nil {
            return "energy ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)) (given power)"
        }
        return utilization == nil ? "energy 50–100% of the TDP-based value" : "energy ±10%"
    }
}

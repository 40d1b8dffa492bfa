/// A measured run's energy and operational emissions split the way the BLOOM carbon report (Luccioni et al., 2023)
/// splits them: dynamic (the job's GPUs above their idle baselines), idle (the baselines), infrastructure (the
/// facility's overhead, IT × (PUE − 1)) and, when asked, embodied.
///
/// Dynamic + idle is the job's IT energy and dynamic + idle + infrastructure its operational emissions, exactly.
/// Dynamic and idle take their share of the IT energy's CO2e, range included (with an intensity series, at the
/// series' energy-weighted intensity); infrastructure takes the PUE's share (PUE − 1) / PUE of each end of the
/// range. GPUs in the logs that did not run the job are a line apart, outside those totals.
public struct EnergyBreakdown: Sendable, Hashable {
    public var dynamic: BreakdownPart
    public var idle: BreakdownPart
    public var infrastructure: BreakdownPart
    /// The GPUs' embodied carbon for the hours used, when `--embodied` asked for it; it has no range of its own.
    public var embodied: BreakdownPart?
    /// GPUs in the logs that did not run the job, whose whole energy was idle for it, priced like the job's energy
    /// but without PUE; nil when every GPU in the logs ran the job.
    public var unusedGPUs: BreakdownPart?
    /// The idle baseline of each of the job's GPUs.
    public var baselines: [IdleBaseline]

    /// The breakdown of a measured run.
    ///
    /// - Parameters:
    ///   - gpus: the run's GPUs, the job's marked.
    ///   - operational: the job's measured operational emissions.
    static func of(
        gpus: [GPUReport], operational: OperationalEmissions, factors: EmissionFactors, series: IntensitySeries?,
        embodied: EmbodiedEmissions?
    ) -> EnergyBreakdown {
        let baselines = gpus.filter(\.usedByJob).map(IdleBaseline.init)
        let itJoules = operational.itJoules
        let idleJoules = baselines.reduce(0) { $0 + $1.joules }
        func share(_ joules: Double) -> BreakdownPart {
            let fraction = itJoules > 0 ? joules / itJoules : 0
            return BreakdownPart(
                joules: joules, kilogramsCO2e: fraction * operational.kilogramsCO2e / factors.pue,
                kilogramsCO2eLow: fraction * operational.kilogramsCO2eLow / factors.pueLow,
                kilogramsCO2eHigh: fraction * operational.kilogramsCO2eHigh / factors.pueHigh)
        }
        func overhead(_ total: Double, pue: Double) -> Double { total * (pue - 1) / pue }
        let unused = gpus.filter { !$0.usedByJob }.map(\.trace)
        let unusedPart =
            unused.isEmpty ? nil : EmissionsModel.measured(jobTraces: unused, factors: factors, series: series)
        return EnergyBreakdown(
            dynamic: share(max(0, itJoules - idleJoules)),
            idle: share(idleJoules),
            infrastructure: BreakdownPart(
                joules: itJoules * (factors.pue - 1),
                kilogramsCO2e: overhead(operational.kilogramsCO2e, pue: factors.pue),
                kilogramsCO2eLow: overhead(operational.kilogramsCO2eLow, pue: factors.pueLow),
                kilogramsCO2eHigh: overhead(operational.kilogramsCO2eHigh, pue: factors.pueHigh)),
            embodied: embodied.map {
                BreakdownPart(
                    joules: nil, kilogramsCO2e: $0.kilogramsCO2e, kilogramsCO2eLow: $0.kilogramsCO2e,
                    kilogramsCO2eHigh: $0.kilogramsCO2e)
            },
            unusedGPUs: unusedPart.map {
                BreakdownPart(
                    joules: $0.itJoules, kilogramsCO2e: $0.kilogramsCO2e / factors.pue,
                    kilogramsCO2eLow: $0.kilogramsCO2eLow / factors.pueLow,
                    kilogramsCO2eHigh: $0.kilogramsCO2eHigh / factors.pueHigh)
            },
            baselines: baselines)
    }
}

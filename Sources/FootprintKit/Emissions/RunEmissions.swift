/// A run's emissions: the factors of its year; operational emissions measured from its job GPUs' energy, else
/// from its system energy (Slurm's node energy, a power analyzer), else estimated over its Slurm job's GPU-hours
/// or its training window (``GPUEstimate``); and, when asked, the embodied share of its GPUs.
struct RunEmissions {
    var factors: EmissionFactors
    var operational: OperationalEmissions?
    var estimate: EstimateBasis?
    var embodied: EmbodiedEmissions?
    /// The dynamic, idle, infrastructure and embodied parts of a measured run; nil without power samples.
    var breakdown: EnergyBreakdown?

    /// - Parameters:
    ///   - gpus: the run's GPUs, the job's marked; none when the run has no power samples.
    ///   - runYear: the year whose grid intensity applies.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for factors that do not resolve or an unknown
    ///   GPU model.
    static func account(
        gpus: [GPUReport], window: TrainingWindow?, runYear: Int, options: EmissionOptions, series: IntensitySeries?,
        systemEnergy: SystemEnergy? = nil, slurmJob: SlurmJob? = nil, estimate request: GPUEstimate,
        findings: inout FindingLog
    ) throws(FootprintError) -> RunEmissions {
        let factors = try EmissionsModel.factors(options, runYear: runYear)
        var emissions = RunEmissions(factors: factors)
        let jobGPUs = gpus.filter(\.usedByJob)
        var embodiedGPUs: [(label: String, name: String?, hours: Double)] = jobGPUs.map {
            // Hours the card worked: its span less the time no sample says it was on.
            ($0.identity.label, $0.identity.name, max(0, $0.trace.spanSeconds - $0.trace.unmeasuredSeconds) / 3600)
        }
        if !gpus.isEmpty {
            let measured = EmissionsModel.measured(jobTraces: jobGPUs.map(\.trace), factors: factors, series: series)
            emissions.operational = measured
            if let coverage = measured.seriesCoverage, coverage < 0.999, let series {
                findings.add(
                    Finding(
                        .warning, .emissionsSeries,
                        "the intensity series covers \(ReportFormatting.percent(coverage)) of the job's energy; the rest is counted at \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(factors.location ?? "given"))",
                        location: InputLocation(path: series.path)))
            }
        } else if let systemEnergy, systemEnergy.joules > 0 {
            emissions.operational = EmissionsModel.system(joules: systemEnergy.joules, factors: factors)
            findings.add(
                Finding(
                    .warning, .energySystem,
                    "no GPU power log: emissions are counted from the \(systemEnergy.meter == .slurmAccounting ? "nodes' energy Slurm gathered" : "system's wall energy"), which covers more than the GPUs"
                ))
        } else if slurmJob != nil || window != nil {
            // A Slurm job's GPU-hours, else the training window with --gpu-model.
            var estimated: (basis: EstimateBasis, emissions: OperationalEmissions)?
            if let slurmJob {
                estimated = try request.overJob(slurmJob, factors: factors, findings: &findings)
            } else if let window {
                estimated = try request.overWindow(window, factors: factors)
            }
            if let (basis, operational) = estimated {
                emissions.estimate = basis
                emissions.operational = operational
                embodiedGPUs = (0..<basis.gpuCount).map { ("\($0)", basis.gpu.model, basis.hours) }
                findings.add(
                    Finding(
                        .warning, .emissionsEstimate,
                        "no power samples: energy and emissions are an estimate (\(basis.gpuCount) × \(basis.gpu.model) at \(ReportFormatting.fixed(basis.gpu.tdpWatts, 0)) W TDP × utilization \(ReportFormatting.fixed(basis.utilization ?? 1, 2)) over \(basis.hoursSource)\(slurmJob == nil ? "" : ", \(ReportFormatting.grouped(basis.gpuHours, 2)) GPU-hours"))"
                    ))
            } else if slurmJob == nil {
                findings.add(
                    Finding(
                        .note, .emissionsEstimate,
                        "for an estimate without power samples, pass --gpu-model (e.g. 'A100-SXM4-80GB') and --gpu-count"
                    ))
            }
        }
        if options.includeEmbodied {
            emissions.embodied = EmissionsModel.embodied(
                gpus: embodiedGPUs, lifetimeYears: options.embodiedLifetimeYears)
        }
        if let measured = emissions.operational, measured.method == .measured {
            emissions.breakdown = EnergyBreakdown.of(
                gpus: gpus, operational: measured, factors: factors, series: series, embodied: emissions.embodied)
        }
        return emissions
    }
}

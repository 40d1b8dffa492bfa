/// Which Slurm job a run's report accounts, and whether its node energy stands as the run's system energy.
enum SlurmJobChoice {
    /// The one job of the run's sacct files; nil (with a note) when they list none or several.
    static func job(_ jobs: [SlurmJob], clock: ClockAssumption, findings: inout FindingLog) -> SlurmJob? {
        guard let job = jobs.first else { return nil }
        guard jobs.count == 1 else {
            findings.add(
                Finding(
                    .note, .energySystem,
                    "the sacct output lists \(ReportFormatting.grouped(jobs.count)) jobs; a report accounts one run, so none is used (`footprint audit --sacct FILE` gives each job a row)",
                    location: InputLocation(path: job.path)))
            return nil
        }
        if job.startSeconds != nil, clock.source == .machine {
            findings.add(
                Finding(
                    .warning, .clockAssumed,
                    "job \(job.jobID)'s Start and End are the cluster's local time, read in this machine's zone (\(clock.zone)); pass --tz with the cluster's zone",
                    location: InputLocation(path: job.path, line: job.line)))
        }
        return job
    }

    /// The run's system energy: the power analyzer's when there is one (the job's node energy is then only
    /// noted), else the job's ConsumedEnergy.
    static func systemEnergy(analyzer: SystemEnergy?, job: SlurmJob?, findings: inout FindingLog) -> SystemEnergy? {
        guard let job, let energy = job.systemEnergy else { return analyzer }
        let location = InputLocation(path: job.path, line: job.line)
        let amount = "\(ReportFormatting.significant(energy.joules / EnergyUnit.joulesPerKilowattHour, 4)) kWh"
        if analyzer != nil {
            findings.add(
                Finding(
                    .note, .energySystem,
                    "job \(job.jobID)'s ConsumedEnergy (\(amount)) is not used: the power analyzer's reading of the system stands",
                    location: location))
            return analyzer
        }
        findings.add(
            Finding(
                .note, .energySystem,
                "job \(job.label)'s ConsumedEnergy, \(amount), is what the cluster's AcctGatherEnergyType gathered: the nodes' energy with IPMI or a Cray counter, CPU and DRAM only with RAPL, the GPUs only with the gpu plugin (sacct does not say which); reported as system energy, never added to GPU energy",
                location: location))
        return energy
    }
}

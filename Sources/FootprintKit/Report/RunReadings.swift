/// What a run's files gave before any accounting: the files found, the training timeline, the aligned profiler
/// traces, the `--target` point, the intensity series, and the power logs on one clock, with the findings of
/// reading them. ``RunAnalyzer`` reads them from a run folder, or ``ReportPart`` merges them from a split run's
/// parts; either way ``RunAnalyzer/account(_:runDirectory:options:)`` turns them into the report.
struct RunReadings {
    var files: [DiscoveredFile]
    /// The inputs being hashed; nil for a part, which hashes its own share.
    var provenance: PendingProvenance?
    var timeline: RunTimeline?
    var traces: [ProfilerTrace]
    var target: TargetOutcome?
    var series: IntensitySeries?
    /// The whole system's wall energy (MLPerf Power), never added to GPU energy.
    var systemEnergy: SystemEnergy?
    /// The Slurm job the run's sacct file accounts, when it holds exactly one.
    var slurmJob: SlurmJob?
    var clock: ClockAssumption
    var logs: [PowerLog]
    var findings: FindingLog
}

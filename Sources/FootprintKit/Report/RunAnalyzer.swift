/// Runs the whole pipeline on one run folder: discover and read its files, put the power logs on one UTC clock,
/// join each GPU's series and pick the job's GPUs, account the training energy and apply the emission factors.
public enum RunAnalyzer {
    /// Analyses the run at `runDirectory` (a folder, or a single log file).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/nothingAnalysable`` when no file yields power samples or a
    ///   training timeline, ``FootprintError/Code-swift.struct/invalidOption`` for options that do not fit the run.
    public static func analyze(runDirectory: String, options: ReportOptions) throws(FootprintError) -> RunReport {
        try account(read(runDirectory: runDirectory, options: options), runDirectory: runDirectory, options: options)
    }

    /// The files of the run at `runDirectory` read, up to the power logs on one clock.
    static func read(runDirectory: String, options: ReportOptions) throws(FootprintError) -> RunReadings {
        var start = try startReading(runDirectory: runDirectory, options: options, hashingInputs: true)
        (start.readings.clock, start.readings.logs) = start.resolution.powerLogs(
            boundaries: start.boundaries, reading: &start.reading, findings: &start.readings.findings)
        if let provenance = try start.readings.provenance?.wait() {
            // Checked here, where the files are: a merge accounts for parts read elsewhere.
            let hashed = Provenance.hashedFiles(start.readings.files)
            for change in InputChanges.changes(hashed: hashed, inputs: provenance.inputs) {
                start.readings.findings.add(change.finding)
            }
        }
        return start.readings
    }

    /// Shard `shard`'s part of the run at `runDirectory`: everything but the power logs read as for the whole run,
    /// and the power logs of the shard's hosts (``Shard/holds(hosts:)``, by the path of each reading unit's first
    /// file) read on the clock of `--tz`.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` without `--tz`: a part cannot infer the clock
    ///   from logs it does not read, nor trust the zone of the machine it runs on.
    static func readPart(
        runDirectory: String, options: ReportOptions, shard: Shard, formats: [String], trainingType: String
    ) throws(FootprintError) -> ReportPart {
        guard let zone = options.zone else {
            throw FootprintError(
                .invalidOption,
                "--shard needs --tz: each part reads its own hosts' logs, so the zone of their local times must be given, not inferred"
            )
        }
        let start = try startReading(runDirectory: runDirectory, options: options, hashingInputs: false)
        let files = start.readings.files
        let units = start.reading.readingUnits()
        let pattern = try options.hostPattern.map(HostPattern.init)
        let paths = units.map { files[$0[0]].displayPath }
        let hosts =
            pattern.map { pattern in paths.map { pattern.host(in: $0) ?? "" } }
            ?? HostAssignment.namesFromPaths(paths)
        let ownedUnits = zip(units, shard.holds(hosts: hosts)).filter(\.1).map(\.0)
        let owned = Set(ownedUnits.map { $0[0] })
        let ownedFiles = Set(ownedUnits.joined())
        var readingOptions = start.readingOptions
        readingOptions.zone = zone
        readingOptions.boundaries = Array(Set(start.boundaries)).sorted()
        let logs = start.reading.powerLogsByUnit(options: readingOptions) { owned.contains($0) }
        let hashed = Provenance.hashedFiles(files).filter {
            $0.file.kind.isPowerLog ? ownedFiles.contains($0.index) : shard.index == 1
        }
        let inputs = try Provenance.inputs(
            files: hashed.map(\.file),
            intensitySeries: shard.index == 1 ? options.emission.intensitySeriesPath : nil)
        return ReportPart(
            shard: shard, runPath: runDirectory, options: options, formats: formats, trainingType: trainingType,
            readings: start.readings,
            logs: logs.map { PartPowerLog(fileIndex: $0.fileIndex, log: $0.log, findings: $0.findings) },
            inputs: inputs, inputChanges: InputChanges.changes(hashed: hashed, inputs: inputs))
    }

    /// The reading up to the power logs: files discovered, event files, traces and target read, the clock
    /// resolved, the intensity series read, and the instants the power logs' energy must be known at.
    ///
    /// - Parameter hashingInputs: whether to start hashing the inputs for the provenance (a part hashes its own).
    private static func startReading(
        runDirectory: String, options: ReportOptions, hashingInputs: Bool
    ) throws(FootprintError) -> (
        readings: RunReadings, reading: SourceReading, resolution: ClockResolution,
        readingOptions: PowerLogReadingOptions, boundaries: [Double]
    ) {
        var findings = FindingLog()
        try SourceReading.refuseSpecialFile(intensitySeries: options.emission.intensitySeriesPath)
        let files = try RunDiscovery.discover(runDirectory: runDirectory, limits: options.limits, findings: &findings)
        let provenance = hashingInputs ? Provenance.start(files: files, options: options) : nil
        var reading = SourceReading(files: files, limits: options.limits)
        let timeline = try RunTimeline.assemble(
            reading.eventFiles(findings: &findings), stepTag: options.stepTag,
            target: options.target, findings: &findings)
        let window = timeline?.training
        let traces = ProfilerAccounting.align(
            reading.profilerTraces(findings: &findings), timeline: timeline,
            findings: &findings)
        let target = try TrainingAccounting.target(options.target, in: timeline, findings: &findings)
        let readingOptions = try powerReadingOptions(options)
        // With `--tz` (always so for a part), this reads nothing.
        let resolution = ClockResolution.resolve(
            zone: options.zone, window: window, gpuSelectors: options.gpuSelectors, options: readingOptions,
            reading: &reading, findings: &findings)
        let series = try reading.intensitySeries(path: options.emission.intensitySeriesPath, findings: &findings)
        let slurmJob = SlurmJobChoice.job(
            reading.slurmJobs(zone: resolution.clock.zone, findings: &findings), clock: resolution.clock,
            findings: &findings)
        let analyzerEnergy = reading.systemEnergy(
            zone: options.zone, maxBridgeSeconds: options.maxBridgeSeconds, findings: &findings)
        let systemEnergy = SlurmJobChoice.systemEnergy(analyzer: analyzerEnergy, job: slurmJob, findings: &findings)
        let boundaries =
            (window.map { TrainingAccounting.boundaries($0, target: target?.wallTimeSeconds) } ?? [])
            + (series.map { $0.startSeconds + [$0.endSeconds] } ?? []) + ProfilerAccounting.boundaries(traces)
            + (systemEnergy.map { [$0.startSeconds, $0.endSeconds] } ?? [])
        let readings = RunReadings(
            files: files, provenance: provenance, timeline: timeline, traces: traces, target: target, series: series,
            systemEnergy: systemEnergy, slurmJob: slurmJob,
            clock: ClockResolution.assumption(zone: options.zone), logs: [], findings: findings)
        return (readings, reading, resolution, readingOptions, boundaries)
    }

    /// The report of a run from its readings: hosts named, each GPU's logs joined, the job's GPUs picked, the
    /// training energy, emissions and profiled steps accounted.
    static func account(
        _ readings: RunReadings, runDirectory: String, options: ReportOptions
    ) throws(FootprintError) -> RunReport {
        var findings = readings.findings
        let (files, timeline, traces, target, series) = (
            readings.files, readings.timeline, readings.traces, readings.target, readings.series
        )
        var clock = readings.clock
        // A job's Start and End are the cluster's local time.
        if readings.slurmJob?.startSeconds != nil { clock.wasNeeded = true }
        let window = timeline?.training
        let assigned = HostAssignment.assign(
            readings.logs, hostPattern: try options.hostPattern.map(HostPattern.init), findings: &findings)
        var (logs, countedLogs, sources) = SourceSelection.choose(assigned, findings: &findings)
        var gpus = DeviceJoining.join(countedLogs, findings: &findings)
        for index in gpus.indices {
            gpus[index].trace = gpus[index].trace.limitingBridges(toSeconds: options.maxBridgeSeconds)
        }
        guard
            !gpus.isEmpty || timeline != nil || !traces.isEmpty || readings.systemEnergy != nil
                || readings.slurmJob != nil
        else {
            throw nothingAnalysable(runDirectory: runDirectory, files: files, findings: findings)
        }
        let missingReason =
            gpus.isEmpty ? EnergyMissingReason(files: files, findings: findings.allFindings()) : nil
        if let missingReason {
            findings.add(
                Finding(
                    .warning, .energyMissing,
                    "no measured GPU energy: \(missingReason.text())"
                        + (timeline == nil ? "" : "; the training timeline is reported without energy"))
            )
        }
        let span = RunSpan(
            gpus: gpus, timeline: timeline, traces: traces,
            otherwise: readings.systemEnergy.map { $0.startSeconds...$0.endSeconds } ?? readings.slurmJob?.window)
        for index in gpus.indices { gpus[index].coverage = span.coverage(of: gpus[index].trace) }
        if !gpus.isEmpty { try JobGPUSelection.select(&gpus, selectors: options.gpuSelectors, findings: &findings) }
        StragglerCheck.note(
            gpus, window: window.map { $0.startSeconds...$0.endSeconds }, findings: &findings)
        PowerDataProblems.note(gpus: gpus, logs: logs, clock: clock, findings: &findings)
        let jobTraces = gpus.isEmpty ? nil : gpus.filter(\.usedByJob).map(\.trace)
        var trainingEnergy: TrainingEnergy?
        if let window, let jobTraces {
            trainingEnergy = TrainingAccounting.account(
                window, jobTraces: jobTraces, span: span, clock: clock,
                findings: &findings)
        }
        let emissions = try RunEmissions.account(
            gpus: gpus, window: window, runYear: ReportFormatting.utcYear(span.startSeconds), options: options.emission,
            series: series, systemEnergy: readings.systemEnergy, slurmJob: readings.slurmJob,
            estimate: GPUEstimate(
                gpuModel: options.estimateGPUModel, gpuCount: options.estimateGPUCount,
                utilization: options.estimateUtilization),
            findings: &findings)
        let profiler = traces.isEmpty ? nil : ProfilerAccounting.account(traces, gpus: gpus, findings: &findings)
        if let system = readings.systemEnergy {
            sources.append(
                PowerSource.beside(
                    system, jobGPUs: gpus.filter(\.usedByJob),
                    primary: sources.first { $0.role == .primary }?.producer))
        }
        return RunReport(
            runPath: runDirectory, files: files, powerLogs: logs, sources: sources, systemEnergy: readings.systemEnergy,
            slurmJob: readings.slurmJob,
            windowStartSeconds: span.startSeconds,
            windowEndSeconds: span.endSeconds, gpus: gpus, clock: clock, factors: emissions.factors,
            emissions: emissions.operational, embodied: emissions.embodied,
            breakdown: emissions.breakdown, intensitySeries: series,
            estimate: emissions.estimate, timeline: timeline, trainingEnergy: trainingEnergy,
            target: target.map { TrainingAccounting.outcome($0, window: window, jobTraces: jobTraces) },
            profiler: profiler, provenance: try readings.provenance?.wait(), generatedAtSeconds: nil,
            findings: findings.allFindings(), energyMissingReason: missingReason)
    }

    /// How to read the power logs, as the options say (the zone and boundaries are left to the clock resolution).
    static func powerReadingOptions(_ options: ReportOptions) throws(FootprintError) -> PowerLogReadingOptions {
        var readingOptions = PowerLogReadingOptions()
        readingOptions.queryGPUFields = options.queryGPUFields
        readingOptions.gapThresholdSeconds = options.gapThresholdSeconds
        readingOptions.dmonIntervalSeconds = options.dmonIntervalSeconds
        readingOptions.limits = options.limits
        if let start = options.dmonStart {
            guard let parsed = TimestampParser.parse(Array(start.utf8)) else {
                throw FootprintError(
                    .invalidOption, "--dmon-start '\(start)' is not a date and time such as '2024-03-05 14:02:11'")
            }
            readingOptions.dmonStart = parsed
        }
        return readingOptions
    }

    /// The error of a run with nothing to analyse: what was recognised or seen, and the warnings so far.
    private static func nothingAnalysable(
        runDirectory: String, files: [DiscoveredFile], findings: FindingLog
    ) -> FootprintError {
        let recognised = files.filter(\.kind.isPowerLog).map(\.displayPath)
        var detail =
            recognised.isEmpty
            ? "found no GPU power log, TensorBoard event file or profiler trace among \(files.count) files (looked for nvidia-smi --query-gpu CSV, CSVs with time and power columns, nvidia-smi and DCGM dmon logs, dcgm-exporter scrapes and Prometheus queries, W&B run files, CodeCarbon emissions.csv, MLflow system metrics, Slurm sacct output, MLPerf Power logs, events.out.tfevents.* files and Chrome-trace JSON, plain or gzip)"
            : "no energy measured in \(recognised.map(TerminalText.sanitized).joined(separator: ", ")) (see the warnings)"
        let unread = files.filter { !$0.kind.isRead }.prefix(10).map {
            "  \(TerminalText.sanitized($0.displayPath)): \(TerminalText.sanitized($0.note ?? "not a log"))"
        }
        if recognised.isEmpty, !unread.isEmpty { detail += "; what was seen:\n" + unread.joined(separator: "\n") }
        let warnings = findings.allFindings().map { "  " + $0.description }.joined(separator: "\n")
        return FootprintError(
            .nothingAnalysable, detail + (warnings.isEmpty ? "" : "\n" + warnings),
            location: InputLocation(path: runDirectory))
    }
}

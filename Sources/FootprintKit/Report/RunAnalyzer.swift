/// Runs the whole pipeline on one run folder: discover and read its files, put the power logs on one UTC clock,
/// join each GPU's series and pick the job's GPUs, account the training energy and apply the emission factors.
public enum RunAnalyzer {
    /// Analyses the run at `runDirectory` (a folder, or a single log file).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/nothingAnalysable`` when no file yields power samples or a
    ///   training timeline, ``FootprintError/Code-swift.struct/invalidOption`` for options that do not fit the run.
    public static func analyze(runDirectory: String, options: ReportOptions) throws(FootprintError) -> RunReport {
        var findings = FindingLog()
        try SourceReading.refuseSpecialFile(intensitySeries: options.emission.intensitySeriesPath)
        let files = try RunDiscovery.discover(runDirectory: runDirectory, limits: options.limits, findings: &findings)
        let provenance = Provenance.start(files: files, options: options)
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
        var resolution = ClockResolution.resolve(
            zone: options.zone, window: window, gpuSelectors: options.gpuSelectors,
            options: readingOptions, reading: &reading, findings: &findings)
        let series = try reading.intensitySeries(path: options.emission.intensitySeriesPath, findings: &findings)
        let boundaries =
            (window.map { TrainingAccounting.boundaries($0, target: target?.wallTimeSeconds) } ?? [])
            + (series.map { $0.startSeconds + [$0.endSeconds] } ?? []) + ProfilerAccounting.boundaries(traces)
        let (clock, readLogs) = resolution.powerLogs(boundaries: boundaries, reading: &reading, findings: &findings)
        let logs = HostAssignment.assign(
            readLogs, hostPattern: try options.hostPattern.map(HostPattern.init), findings: &findings)
        var gpus = DeviceJoining.join(logs, findings: &findings)
        for index in gpus.indices {
            gpus[index].trace = gpus[index].trace.limitingBridges(toSeconds: options.maxBridgeSeconds)
        }
        guard !gpus.isEmpty || timeline != nil || !traces.isEmpty else {
            throw nothingAnalysable(runDirectory: runDirectory, files: files, findings: findings)
        }
        let missingReason =
            gpus.isEmpty ? EnergyMissingReason(files: files, findings: findings.allFindings()) : nil
        if let missingReason {
            findings.add(
                Finding(
                    .warning, .energyMissing,
                    "no measured GPU energy: \(missingReason.text()); the training timeline is reported without energy")
            )
        }
        let span = RunSpan(gpus: gpus, timeline: timeline, traces: traces)
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
            series: series,
            estimate: GPUEstimate(
                gpuModel: options.estimateGPUModel, gpuCount: options.estimateGPUCount,
                utilization: options.estimateUtilization),
            findings: &findings)
        let profiler = traces.isEmpty ? nil : ProfilerAccounting.account(traces, gpus: gpus, findings: &findings)
        return RunReport(
            runPath: runDirectory, files: files, powerLogs: logs, windowStartSeconds: span.startSeconds,
            windowEndSeconds: span.endSeconds, gpus: gpus, clock: clock, factors: emissions.factors,
            emissions: emissions.operational, embodied: emissions.embodied, intensitySeries: series,
            estimate: emissions.estimate, timeline: timeline, trainingEnergy: trainingEnergy,
            target: target.map { TrainingAccounting.outcome($0, window: window, jobTraces: jobTraces) },
            profiler: profiler, provenance: try provenance.wait(), generatedAtSeconds: nil,
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
            ? "found no GPU power log, TensorBoard event file or profiler trace among \(files.count) files (looked for nvidia-smi --query-gpu CSV, CSVs with time and power columns, nvidia-smi dmon logs, events.out.tfevents.* files and Chrome-trace JSON, plain or gzip)"
            : "no valid power samples in \(recognised.map(TerminalText.sanitized).joined(separator: ", ")) (see the warnings)"
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

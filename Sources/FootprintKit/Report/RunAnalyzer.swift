/// Runs the whole pipeline on one run folder: discover and sniff files, read the power logs onto one UTC clock,
/// integrate per GPU, decide which GPUs were the job's, and apply the emission factors.
public enum RunAnalyzer {
    /// A GPU counts as idle all log when its utilization never exceeds this…
    static let idleUtilizationPercent = 1.0
    /// …and 99% of its samples lie within this many watts (or 5% of it, if larger) of its minimum.
    static let idlePowerBandWatts = 5.0

    /// Analyses the run at `runDirectory` (a folder, or a single log file).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/nothingAnalysable`` when no file yields power samples or a
    ///   training timeline, ``FootprintError/Code-swift.struct/invalidOption`` for options that do not fit the run.
    public static func analyze(runDirectory: String, options: ReportOptions) throws(FootprintError) -> RunReport {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: runDirectory, limits: options.limits, findings: &findings)
        let provenance = Provenance.start(files: files, options: options)
        let timeline = try readTimeline(files: files, options: options, findings: &findings)
        let window = timeline?.training
        let traces = ProfilerAccounting.align(readTraces(files: files, options: options, findings: &findings),
                                              timeline: timeline, findings: &findings)
        let targetPoint = try findTarget(options.target, in: timeline)

        var readingOptions = try powerReadingOptions(options)
        var clock = resolveClock(options)
        if options.zone == nil, let window, files.contains(where: \.kind.isPowerLog) {
            clock = inferClock(files: files, window: window, readingOptions: readingOptions, options: options,
                               fallback: clock, findings: &findings)
        }
        readingOptions.zone = clock.zone
        let series = try options.emission.intensitySeriesPath.map { (path) throws(FootprintError) in
            try IntensitySeries.read(path: path, limits: options.limits, findings: &findings)
        }
        var boundaries = window.map { trainingBoundaries($0, target: targetPoint?.wallTime) } ?? []
        if let series { boundaries += series.startSeconds + [series.endSeconds] }
        boundaries += ProfilerAccounting.boundaries(traces)
        readingOptions.boundaries = Array(Set(boundaries)).sorted()
        let logs = readPowerLogs(files: files, readingOptions: readingOptions, findings: &findings)
        var gpus = joinGPUs(logs, findings: &findings)
        if clock.source != .inferred {
            clock.wasNeeded = logs.contains { if case .local = $0.clock { return true } else { return false } }
        }
        guard !gpus.isEmpty || timeline != nil || !traces.isEmpty else {
            let recognised = files.filter(\.kind.isPowerLog).map(\.displayPath)
            var detail = recognised.isEmpty
                ? "found no GPU power log, TensorBoard event file or profiler trace among \(files.count) files (looked for nvidia-smi --query-gpu CSV, CSVs with time and power columns, nvidia-smi dmon logs, events.out.tfevents.* files and Chrome-trace JSON, plain or gzip)"
                : "no valid power samples in \(recognised.joined(separator: ", ")) (see the warnings)"
            let unread = files.filter { $0.kind == .other }.prefix(10).map { "  \($0.displayPath): \($0.note ?? "not a log")" }
            if recognised.isEmpty, !unread.isEmpty { detail += "; what was seen:\n" + unread.joined(separator: "\n") }
            let warnings = findings.allFindings().map { "  " + $0.description }.joined(separator: "\n")
            throw FootprintError(.nothingAnalysable, detail + (warnings.isEmpty ? "" : "\n" + warnings),
                                 location: InputLocation(path: runDirectory))
        }
        var windowStart = gpus.map(\.trace.firstSeconds).min() ?? window?.startSeconds ?? 0
        var windowEnd = gpus.map(\.trace.lastSeconds).max() ?? window?.endSeconds ?? 0
        if gpus.isEmpty {
            findings.add(Finding(.warning, "training logs but no GPU power log: the timeline is reported without energy (add the nvidia-smi log of the run to its folder)"))
            let traceTimes = traces.compactMap { trace in trace.profiledWindow.flatMap { trace.unixSeconds($0.lowerBound) } }
            let eventTimes = (timeline?.runs ?? []).flatMap(\.files).flatMap { [$0.firstWallTime, $0.lastWallTime] }.compactMap { $0 }
                + traceTimes
            windowStart = window?.startSeconds ?? eventTimes.min() ?? 0
            windowEnd = window?.endSeconds ?? eventTimes.max() ?? 0
        }
        let windowSeconds = windowEnd - windowStart
        for index in gpus.indices {
            let trace = gpus[index].trace
            gpus[index].coverage = windowSeconds > 0
                ? max(0, trace.spanSeconds - trace.gapSeconds) / windowSeconds : (trace.sampleCount > 0 ? 1 : 0)
        }
        if !gpus.isEmpty { try selectJobGPUs(&gpus, selectors: options.gpuSelectors, findings: &findings) }
        noteProblems(gpus: gpus, logs: logs, clock: clock, findings: &findings)

        var trainingEnergy: TrainingEnergy?
        if let window, !gpus.isEmpty {
            let energy = accountTraining(window, jobTraces: gpus.filter(\.usedByJob).map(\.trace))
            trainingEnergy = energy
            if energy.windowCoverage == 0 {
                let zoneAdvice = clock.wasNeeded ? " Check --tz (the power logs were read as \(clock.zone))." : ""
                findings.add(Finding(.warning, "the training window (\(ReportFormatting.readableUTC(window.startSeconds)) → \(ReportFormatting.readableUTC(window.endSeconds))) does not overlap the power samples (\(ReportFormatting.readableUTC(windowStart)) → \(ReportFormatting.readableUTC(windowEnd))).\(zoneAdvice)"))
            } else if energy.windowCoverage < 0.95 {
                findings.add(Finding(.warning, "the power samples cover \(ReportFormatting.percent(energy.windowCoverage)) of the training window; its energy counts only the covered part"))
            }
        }
        let target = targetPoint.map { point in
            outcome(of: point, window: window, jobTraces: gpus.isEmpty ? nil : gpus.filter(\.usedByJob).map(\.trace))
        }

        let factors = try EmissionsModel.factors(options.emission, runYear: ReportFormatting.utcYear(windowStart))
        let jobGPUs = gpus.filter(\.usedByJob)
        var emissions: OperationalEmissions?
        var estimate: EstimateBasis?
        var embodiedGPUs: [(label: String, name: String?, hours: Double)] = jobGPUs.map {
            ($0.identity.label, $0.identity.name, $0.trace.spanSeconds / 3600)
        }
        if !gpus.isEmpty {
            emissions = EmissionsModel.measured(jobTraces: jobGPUs.map(\.trace), factors: factors, series: series)
            if let coverage = emissions?.seriesCoverage, coverage < 0.999, let series {
                findings.add(Finding(.warning, "the intensity series covers \(ReportFormatting.percent(coverage)) of the job's energy; the rest is counted at \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(factors.location ?? "given"))",
                                     location: InputLocation(path: series.path)))
            }
        } else if let window {
            if let (basis, estimated) = try estimateFromWindow(window, options: options, factors: factors) {
                estimate = basis
                emissions = estimated
                embodiedGPUs = (0..<basis.gpuCount).map { ("\($0)", basis.gpu.model, basis.hours) }
                findings.add(Finding(.warning, "no power samples: energy and emissions are an estimate (\(basis.gpuCount) × \(basis.gpu.model) at \(ReportFormatting.fixed(basis.gpu.tdpWatts, 0)) W TDP × utilization \(ReportFormatting.fixed(basis.utilization ?? 1, 2)) over the training window)"))
            } else {
                findings.add(Finding(.note, "for an estimate without power samples, pass --gpu-model (e.g. 'A100-SXM4-80GB') and --gpu-count"))
            }
        }
        let profiler = traces.isEmpty ? nil : ProfilerAccounting.account(traces, gpus: gpus, findings: &findings)
        let embodied = options.emission.includeEmbodied
            ? EmissionsModel.embodied(gpus: embodiedGPUs, lifetimeYears: options.emission.embodiedLifetimeYears) : nil
        return RunReport(
            runPath: runDirectory, files: files, powerLogs: logs, windowStartSeconds: windowStart,
            windowEndSeconds: windowEnd, gpus: gpus, clock: clock, factors: factors, emissions: emissions,
            embodied: embodied, intensitySeries: series, estimate: estimate, timeline: timeline,
            trainingEnergy: trainingEnergy, target: target, profiler: profiler,
            provenance: try provenance.wait(), generatedAtSeconds: nil,
            findings: findings.allFindings())
    }

    /// Reads the run's profiler traces; a trace that cannot be opened is a warning.
    static func readTraces(files: [DiscoveredFile], options: ReportOptions, findings: inout FindingLog) -> [ProfilerTrace] {
        var traces: [ProfilerTrace] = []
        for file in files where file.kind == .profilerTrace {
            do {
                traces.append(try TraceReader.read(path: file.path, displayPath: file.displayPath, limits: options.limits,
                                                   findings: &findings))
            } catch {
                findings.add(Finding(.warning, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        return traces
    }

    /// An estimate over the training window from `--gpu-model`, `--gpu-count` and `--utilization`; nil without a
    /// GPU model.
    static func estimateFromWindow(
        _ window: TrainingWindow, options: ReportOptions, factors: EmissionFactors
    ) throws(FootprintError) -> (EstimateBasis, OperationalEmissions)? {
        guard let model = options.estimateGPUModel else { return nil }
        let spec = try gpuSpec(model)
        let basis = EstimateBasis(gpu: spec, gpuCount: options.estimateGPUCount, hours: window.seconds / 3600,
                                  utilization: options.estimateUtilization, hoursSource: "the training window")
        return (basis, EmissionsModel.estimated(gpuCount: basis.gpuCount, hours: basis.hours, tdpWatts: spec.tdpWatts,
                                                utilization: basis.utilization, factors: factors))
    }

    /// The bundled spec for a GPU name, or an error listing close names.
    public static func gpuSpec(_ name: String) throws(FootprintError) -> GPUSpec {
        guard let spec = GPUSpecTable.bundled.spec(forName: name) else {
            let words = name.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 2 }
            let close = GPUSpecTable.bundled.specs.filter { spec in words.contains { spec.model.lowercased().contains($0.lowercased()) } }
            let hint = close.isEmpty ? "" : " (close: \(close.prefix(6).map(\.model).joined(separator: ", ")))"
            throw FootprintError(.invalidOption, "no bundled GPU matches '\(name)'\(hint); `footprint gpus` lists them")
        }
        return spec
    }

    static func powerReadingOptions(_ options: ReportOptions) throws(FootprintError) -> PowerLogReadingOptions {
        var readingOptions = PowerLogReadingOptions()
        readingOptions.queryGPUFields = options.queryGPUFields
        readingOptions.gapThresholdSeconds = options.gapThresholdSeconds
        readingOptions.dmonIntervalSeconds = options.dmonIntervalSeconds
        readingOptions.limits = options.limits
        if let start = options.dmonStart {
            let bytes = Array(start.utf8)
            guard let parsed = bytes.withUnsafeBufferPointer(TimestampParser.parse) else {
                throw FootprintError(.invalidOption, "--dmon-start '\(start)' is not a date and time such as '2024-03-05 14:02:11'")
            }
            readingOptions.dmonStart = parsed
        }
        return readingOptions
    }

    static func readPowerLogs(
        files: [DiscoveredFile], readingOptions: PowerLogReadingOptions, findings: inout FindingLog
    ) -> [PowerLog] {
        var logs: [PowerLog] = []
        for file in files where file.kind.isPowerLog {
            do {
                let log = file.kind == .nvidiaSMICSV
                    ? try NvidiaSMICSVReader.read(path: file.path, displayPath: file.displayPath,
                                                  options: readingOptions, findings: &findings)
                    : try NvidiaSMIDmonReader.read(path: file.path, displayPath: file.displayPath,
                                                   options: readingOptions, findings: &findings)
                if let log { logs.append(log) }
            } catch {
                findings.add(Finding(.warning, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        return logs
    }

    /// Reads the run's event files into a timeline; nil when there are none.
    static func readTimeline(
        files: [DiscoveredFile], options: ReportOptions, findings: inout FindingLog
    ) throws(FootprintError) -> RunTimeline? {
        var eventFiles: [EventFile] = []
        for file in files where file.kind == .tensorBoardEvents {
            do {
                eventFiles.append(try EventFileReader.read(path: file.path, displayPath: file.displayPath,
                                                           limits: options.limits, findings: &findings))
            } catch {
                findings.add(Finding(.warning, error.message, location: InputLocation(path: file.displayPath)))
            }
        }
        guard !eventFiles.isEmpty else {
            if options.stepTag != nil || options.target != nil {
                throw FootprintError(.invalidOption, "--step-tag and --target need TensorBoard event files (events.out.tfevents.*), and the run has none")
            }
            return nil
        }
        let timeline = try RunTimeline.build(files: eventFiles, stepTag: options.stepTag)
        if timeline.training == nil {
            findings.add(Finding(.warning, "the event files hold no scalar tag with two or more steps at different times: no training window"))
        }
        for run in timeline.runs {
            for (earlier, later) in run.concurrentFilePairs {
                findings.add(Finding(.note, "\(later) was written while \(earlier) still was (several writers in one folder); their points are merged by step",
                                     location: InputLocation(path: later)))
            }
        }
        return timeline
    }

    /// The first point meeting `--target`, with the tag's display name and best value.
    static func findTarget(_ target: TrainingTarget?, in timeline: RunTimeline?) throws(FootprintError) -> (
        target: TrainingTarget, displayTag: String, step: Int64?, wallTime: Double?, value: Double?, best: Double?
    )? {
        guard let target, let timeline else { return nil }
        guard let (run, series) = timeline.series(named: target.tag) else {
            let known = timeline.runs.flatMap { run in run.series.map { RunTimeline.displayName(tag: $0.tag, folder: run.folder) } }
            throw FootprintError(.invalidOption,
                                 "--target names tag '\(target.tag)', which is not a scalar tag of the event files; they have: \(known.prefix(30).joined(separator: ", "))")
        }
        let values = series.points.values.filter { !$0.isNaN }
        let best = target.comparison == .atMost || target.comparison == .below ? values.min() : values.max()
        let point = target.firstPointMeeting(in: series.points)
        return (target, RunTimeline.displayName(tag: series.tag, folder: run.folder), point?.step, point?.wallTime,
                point?.value, best)
    }

    static func outcome(
        of point: (target: TrainingTarget, displayTag: String, step: Int64?, wallTime: Double?, value: Double?, best: Double?),
        window: TrainingWindow?, jobTraces: [EnergyTrace]?
    ) -> TargetOutcome {
        var joules: Double?
        if let wallTime = point.wallTime, let window, let jobTraces {
            let end = max(window.startSeconds, wallTime)
            joules = jobTraces.reduce(0) { $0 + ($1.joules(from: window.startSeconds, to: end) ?? 0) }
        }
        return TargetOutcome(target: point.target, displayTag: point.displayTag, step: point.step,
                             wallTimeSeconds: point.wallTime, value: point.value, joules: joules, bestValue: point.best)
    }

    /// The instants whose cumulative energy the training accounting needs.
    static func trainingBoundaries(_ window: TrainingWindow, target: Double?) -> [Double] {
        var instants = [window.startSeconds, window.endSeconds]
        for pause in window.pauses { instants += [pause.startSeconds, pause.endSeconds] }
        if let target { instants.append(max(window.startSeconds, target)) }
        return Array(Set(instants)).sorted()
    }

    /// Energy of the job's GPUs in the training window, before and after it, and in its pauses.
    static func accountTraining(_ window: TrainingWindow, jobTraces: [EnergyTrace]) -> TrainingEnergy {
        func energy(_ start: Double, _ end: Double) -> Double {
            jobTraces.reduce(0) { $0 + ($1.joules(from: start, to: end) ?? 0) }
        }
        let windowJoules = energy(window.startSeconds, window.endSeconds)
        let before = jobTraces.reduce(0) { $0 + ($1.cumulativeJoules(at: window.startSeconds) ?? 0) }
        let after = jobTraces.reduce(0) { $0 + $1.joules - ($1.cumulativeJoules(at: window.endSeconds) ?? $1.joules) }
        let coverage = window.seconds > 0 && !jobTraces.isEmpty
            ? jobTraces.reduce(0) { $0 + $1.overlapSeconds(from: window.startSeconds, to: window.endSeconds) }
                / (window.seconds * Double(jobTraces.count))
            : 0
        let pauses = TrainingPause.Kind.allCases.compactMap { kind -> TrainingEnergy.PauseTotal? in
            let ofKind = window.pauses.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { return nil }
            return TrainingEnergy.PauseTotal(
                kind: kind, count: ofKind.count, seconds: ofKind.reduce(0) { $0 + $1.seconds },
                joules: ofKind.reduce(0) { $0 + energy($1.startSeconds, $1.endSeconds) })
        }
        return TrainingEnergy(
            windowJoules: windowJoules, beforeJoules: before, afterJoules: after, windowCoverage: coverage,
            pauses: pauses, joulesPerStep: window.steps > 0 ? windowJoules / Double(window.steps) : nil)
    }

    /// Reads the power logs as if in UTC and infers their zone's offset from the training window.
    static func inferClock(
        files: [DiscoveredFile], window: TrainingWindow, readingOptions: PowerLogReadingOptions,
        options: ReportOptions, fallback: ClockAssumption, findings: inout FindingLog
    ) -> ClockAssumption {
        var probe = readingOptions
        probe.zone = .utc
        probe.boundaries = OffsetInference.boundaries(windowStart: window.startSeconds, windowEnd: window.endSeconds)
        var scratch = FindingLog()
        let logs = readPowerLogs(files: files, readingOptions: probe, findings: &scratch)
        guard logs.contains(where: { if case .local = $0.clock { return true } else { return false } }) else {
            return fallback
        }
        var gpus = joinGPUs(logs, findings: &scratch)
        if (try? selectJobGPUs(&gpus, selectors: options.gpuSelectors, findings: &scratch)) == nil { return fallback }
        guard let inference = OffsetInference.infer(windowStart: window.startSeconds, windowEnd: window.endSeconds,
                                                    traces: gpus.filter(\.usedByJob).map(\.trace))
        else {
            findings.add(Finding(.warning, "could not infer the power logs' zone from the training window (no GPU activity overlaps it at any offset within ±14 h); read them in this machine's zone, \(fallback.zone) — pass --tz"))
            var clock = fallback
            clock.wasNeeded = true
            return clock
        }
        if !inference.isClear {
            findings.add(Finding(.warning, "the inferred UTC offset \(ClockZone.formatOffset(inference.offsetSeconds)) is not clear: \(ClockZone.formatOffset(inference.runnerUpOffsetSeconds)) fits almost as well (score \(ReportFormatting.fixed(inference.runnerUpScore, 3)) against \(ReportFormatting.fixed(inference.score, 3))); pass --tz"))
        }
        return ClockAssumption(zone: .fixedOffset(seconds: inference.offsetSeconds), source: .inferred,
                               wasNeeded: true, inference: inference)
    }

    static func resolveClock(_ options: ReportOptions) -> ClockAssumption {
        if let zone = options.zone { return ClockAssumption(zone: zone, source: .option, wasNeeded: false) }
        let identifier = ZoneRules.current.identifier
        let zone = ClockZone.parse(identifier) ?? .utc
        return ClockAssumption(zone: zone, source: .machine, wasNeeded: false)
    }

    /// Merges each GPU's series across logs (matched by UUID, bus id or index) into one report entry.
    static func joinGPUs(_ logs: [PowerLog], findings: inout FindingLog) -> [GPUReport] {
        var order: [String] = []
        var members: [String: [(log: PowerLog, series: PowerSeries)]] = [:]
        for log in logs {
            for series in log.gpus where series.trace.sampleCount > 0 {
                let key = series.identity.matchKey
                if members[key] == nil { order.append(key) }
                members[key, default: []].append((log, series))
            }
        }
        return order.map { key in
            let parts = members[key] ?? []
            let (trace, overlapping) = EnergyTrace.joined(parts.map(\.series.trace))
            for index in overlapping {
                findings.add(Finding(.warning,
                                     "GPU \(parts[index].series.identity.label): samples overlap those of \(parts[0].log.path); this file's samples for it are left out",
                                     location: InputLocation(path: parts[index].log.path)))
            }
            let kept = parts.indices.filter { !overlapping.contains($0) }.map { parts[$0] }
            var invalid: [String: Int] = [:]
            for part in kept { invalid.merge(part.series.invalidReasons, uniquingKeysWith: +) }
            let utilizations = kept.compactMap(\.series.maximumUtilizationPercent)
            var identity = kept[0].series.identity
            for part in kept.dropFirst() {
                identity.name = identity.name ?? part.series.identity.name
                identity.uuid = identity.uuid ?? part.series.identity.uuid
                identity.index = identity.index ?? part.series.identity.index
                identity.busID = identity.busID ?? part.series.identity.busID
            }
            let fields = Set(kept.compactMap(\.log.powerField)).sorted()
            return GPUReport(
                identity: identity, usedByJob: true, usageReason: "", trace: trace, invalidReasons: invalid,
                maximumUtilizationPercent: utilizations.max(), coverage: 0, files: kept.map(\.log.path),
                powerField: fields.isEmpty ? nil : fields.joined(separator: ", "))
        }
    }

    /// Marks the job's GPUs: those named by `--gpus`, else every GPU that was not idle all log.
    static func selectJobGPUs(
        _ gpus: inout [GPUReport], selectors: [String]?, findings: inout FindingLog
    ) throws(FootprintError) {
        if let selectors {
            for selector in selectors where !gpus.contains(where: { $0.identity.matches(selector: selector) }) {
                let known = gpus.map { gpu in
                    [gpu.identity.label, gpu.identity.uuid, gpu.identity.busID].compactMap { $0 }.joined(separator: " / ")
                }
                throw FootprintError(.invalidOption,
                                     "--gpus '\(selector)' names no GPU in the logs; they have: \(known.joined(separator: "; "))")
            }
            for index in gpus.indices {
                let selected = selectors.contains { gpus[index].identity.matches(selector: $0) }
                gpus[index].usedByJob = selected
                gpus[index].usageReason = selected ? "--gpus" : "not in --gpus"
            }
            return
        }
        let idle = gpus.map(isIdleAllLog)
        for index in gpus.indices {
            let gpu = gpus[index]
            var isIdle = idle[index]
            if isIdle && gpu.maximumUtilizationPercent == nil {
                // Without utilization, a flat power trace could also be a GPU busy all log: call it idle only
                // beside a GPU that clearly worked harder.
                let p99 = gpu.trace.wattsQuantile(0.99)
                isIdle = gpus.indices.contains { other in
                    !idle[other] && gpus[other].trace.wattsQuantile(0.99) >= p99 + 20
                }
            }
            gpus[index].usedByJob = !isIdle
            gpus[index].usageReason = isIdle ? idleDescription(gpu) : "active"
        }
        if !gpus.contains(where: \.usedByJob) {
            for index in gpus.indices {
                gpus[index].usedByJob = true
                gpus[index].usageReason = "all GPUs look idle: all counted"
            }
            if gpus.count > 1 {
                findings.add(Finding(.warning, "every GPU looks idle all log; all are counted as the job's (pass --gpus to choose)"))
            }
        }
    }

    static func isIdleAllLog(_ gpu: GPUReport) -> Bool {
        let band = max(idlePowerBandWatts, 0.05 * gpu.trace.minimumWatts)
        let quietPower = gpu.trace.wattsQuantile(0.99) - gpu.trace.minimumWatts <= band
        let quietUtilization = (gpu.maximumUtilizationPercent ?? 0) <= idleUtilizationPercent
        return quietPower && quietUtilization
    }

    static func idleDescription(_ gpu: GPUReport) -> String {
        let band = ReportFormatting.fixed(gpu.trace.wattsQuantile(0.99) - gpu.trace.minimumWatts, 1)
        let utilization = gpu.maximumUtilizationPercent.map { "≤ \(ReportFormatting.fixed($0, 0))% utilization, " } ?? ""
        return "idle all log (\(utilization)99% of samples within \(band) W of its minimum)"
    }

    /// Adds findings a reader of the report must see: gaps, invalid readings, clock problems.
    static func noteProblems(gpus: [GPUReport], logs: [PowerLog], clock: ClockAssumption, findings: inout FindingLog) {
        for gpu in gpus {
            let label = "GPU \(gpu.identity.label)"
            let location = InputLocation(path: gpu.files.joined(separator: ", "))
            for gap in gpu.trace.gaps.prefix(FindingLog.keptPerKind) {
                findings.add(
                    Finding(.warning,
                            "\(label): \(ReportFormatting.duration(gap.seconds)) without samples from \(ReportFormatting.readableUTC(gap.startSeconds)); bridged linearly (\(ReportFormatting.significant(gap.joules)) J)",
                            location: location),
                    kind: "gap-\(gpu.identity.matchKey)", summary: "gaps of \(label)")
            }
            if gpu.trace.gapCount > gpu.trace.gaps.count {
                findings.add(Finding(.warning, "\(label): \(gpu.trace.gapCount - gpu.trace.gaps.count) further gaps counted", location: location))
            }
            for (reason, count) in gpu.invalidReasons.sorted(by: { $0.key < $1.key }) {
                findings.add(Finding(.warning, "\(label): \(count) power readings '\(reason)' were not samples", location: location))
            }
            if gpu.trace.duplicateCount > 0 {
                findings.add(Finding(.note, "\(label): \(gpu.trace.duplicateCount) samples repeat the previous sample's time; left out", location: location))
            }
            if gpu.trace.outOfOrderCount > 0 {
                findings.add(Finding(.warning, "\(label): \(gpu.trace.outOfOrderCount) samples go back in time (clock step or mixed logs); left out", location: location))
            }
        }
        for log in logs {
            let location = InputLocation(path: log.path)
            if log.ambiguousTimeCount > 0 {
                findings.add(Finding(.warning, "\(log.ambiguousTimeCount) local times fall in the hour repeated when \(clock.zone) left daylight saving time; resolved by row order", location: location))
            }
            if log.nonexistentTimeCount > 0 {
                findings.add(Finding(.warning, "\(log.nonexistentTimeCount) local times do not exist in \(clock.zone) (skipped hour at the start of daylight saving time); read with the offset before the change — check --tz", location: location))
            }
        }
    }
}

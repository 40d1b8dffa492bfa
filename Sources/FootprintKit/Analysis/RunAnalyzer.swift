/// Runs the whole pipeline on one run folder: discover and sniff files, read the power logs onto one UTC clock,
/// integrate per GPU, decide which GPUs were the job's, and apply the emission factors.
public enum RunAnalyzer {
    /// A GPU counts as idle all log when its utilization never exceeds this…
    static let idleUtilizationPercent = 1.0
    /// …and 99% of its samples lie within this many watts (or 5% of it, if larger) of its minimum.
    static let idlePowerBandWatts = 5.0

    /// Analyses the run at `runDirectory` (a folder, or a single log file).
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/nothingAnalysable`` when no file yields power samples,
    ///   ``FootprintError/Code-swift.struct/invalidOption`` for options that do not fit the run.
    public static func analyze(runDirectory: String, options: ReportOptions) throws(FootprintError) -> RunReport {
        var findings = FindingLog()
        let clock = resolveClock(options)
        var readingOptions = PowerLogReadingOptions()
        readingOptions.zone = clock.zone
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

        let files = try RunDiscovery.discover(runDirectory: runDirectory, limits: options.limits, findings: &findings)
        var logs: [PowerLog] = []
        for file in files {
            switch file.kind {
            case .nvidiaSMICSV, .nvidiaSMIDmon:
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
            case .tensorBoardEvents, .profilerTrace:
                findings.add(Finding(.note, "\(file.kind.rawValue): not used for energy yet",
                                     location: InputLocation(path: file.displayPath)))
            case .other:
                break
            }
        }
        var gpus = joinGPUs(logs, findings: &findings)
        guard !gpus.isEmpty else {
            let recognised = files.filter(\.kind.isPowerLog).map(\.displayPath)
            let detail = recognised.isEmpty
                ? "found no GPU power log among \(files.count) files (looked for nvidia-smi --query-gpu CSV, CSVs with time and power columns, and nvidia-smi dmon logs, plain or gzip)"
                : "no valid power samples in \(recognised.joined(separator: ", ")) (see the warnings)"
            let warnings = findings.allFindings().map { "  " + $0.description }.joined(separator: "\n")
            throw FootprintError(.nothingAnalysable, detail + (warnings.isEmpty ? "" : "\n" + warnings),
                                 location: InputLocation(path: runDirectory))
        }
        let windowStart = gpus.map(\.trace.firstSeconds).min() ?? 0
        let windowEnd = gpus.map(\.trace.lastSeconds).max() ?? 0
        let windowSeconds = windowEnd - windowStart
        for index in gpus.indices {
            let trace = gpus[index].trace
            gpus[index].coverage = windowSeconds > 0
                ? max(0, trace.spanSeconds - trace.gapSeconds) / windowSeconds : (trace.sampleCount > 0 ? 1 : 0)
        }
        try selectJobGPUs(&gpus, selectors: options.gpuSelectors, findings: &findings)
        noteProblems(gpus: gpus, logs: logs, clock: clock, findings: &findings)

        let factors = try EmissionsModel.factors(
            region: options.region, gramsCO2ePerKWh: options.gramsCO2ePerKWh, pue: options.pue,
            runYear: ReportFormatting.utcYear(windowStart))
        var usedClock = clock
        usedClock.wasNeeded = logs.contains { if case .local = $0.clock { return true } else { return false } }
        return RunReport(
            runPath: runDirectory, files: files, powerLogs: logs, windowStartSeconds: windowStart,
            windowEndSeconds: windowEnd, gpus: gpus, clock: usedClock, factors: factors,
            findings: findings.allFindings())
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
        var members: [String: [(log: PowerLog, series: GPUPowerSeries)]] = [:]
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

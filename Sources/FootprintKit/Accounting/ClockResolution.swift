/// Puts the run's power logs on the UTC clock and reads them on it: in the zone of `--tz`; else, when there is a
/// training window, at the offset that lines GPU activity up with it (``OffsetInference``); else in this
/// machine's zone.
///
/// Inference parses each log once. ``resolve(zone:window:gpuSelectors:options:reading:retainedSampleLimit:findings:)``
/// reads the logs with their local times taken as UTC, each trace retaining the (seconds, watts) of every valid
/// reading it was given — at most ``maximumRetainedSamples`` in the whole run — and scores the offsets on those
/// traces. ``powerLogs(boundaries:reading:findings:)`` then replays the retained samples, shifted by the offset,
/// through the integrator with the run's real boundaries: the same subtraction and additions as reading with
/// `--tz` at that offset, so the same traces to the bit, and the readers' findings are added where the reading
/// belongs. The logs are read a second time only when their samples go past the bound or a log mixes local and
/// zoned times (a note says so), or when inference fails and falls back to a machine zone known by name, whose
/// daylight-saving rules place local times by the order of rows.
struct ClockResolution {
    /// Samples retained for the replay, in the whole run: 24 bytes each, 96 MB (and, for a moment, up to as much
    /// again while a trace's array grows). Every power column of a log retains its own, until the log is finished.
    static let maximumRetainedSamples = 4_000_000

    private(set) var clock: ClockAssumption
    private let options: PowerLogReadingOptions
    /// The logs as read for inference, with their retained samples; nil without inference or once used.
    private var probe: [PowerLog]?
    /// What the readers found while reading `probe`, added to the run's findings where the logs' reading belongs.
    private var probeFindings = FindingLog()
    /// The bound on `probe`'s retained samples.
    private var retainedSampleLimit = 0
    /// Whether the logs' raw local times were already looked at for daylight-saving changes.
    private var scannedForDSTChanges = false
    /// Whether a `clock.assumed` finding was already given.
    private var assumptionReported = false

    private init(clock: ClockAssumption, options: PowerLogReadingOptions) {
        self.clock = clock
        self.options = options
    }

    /// Resolves the clock; reads the power logs for inference when no zone is given and there is a training
    /// window to line them up with.
    ///
    /// - Parameters:
    ///   - options: how to read the power logs (their zone and boundaries are set here).
    ///   - retainedSampleLimit: the samples the inference's reading may retain for the replay.
    static func resolve(
        zone: ClockZone?, window: TrainingWindow?, gpuSelectors: [String]?, options: PowerLogReadingOptions,
        reading: inout SourceReading, retainedSampleLimit: Int = maximumRetainedSamples, findings: inout FindingLog
    ) -> ClockResolution {
        var resolution = ClockResolution(clock: assumption(zone: zone), options: options)
        guard zone == nil, let window, reading.hasPowerLogs else { return resolution }
        var probeOptions = options
        probeOptions.zone = .utc
        probeOptions.boundaries = OffsetInference.boundaries(
            windowStart: window.startSeconds, windowEnd: window.endSeconds)
        probeOptions.retainedSampleLimit = retainedSampleLimit
        resolution.retainedSampleLimit = retainedSampleLimit
        let logs = reading.powerLogs(options: probeOptions, findings: &resolution.probeFindings)
        resolution.probe = logs
        let changes = LoggedDSTChange.find(in: logs)
        resolution.scannedForDSTChanges = true
        resolution.clock = infer(
            from: logs, window: window, gpuSelectors: gpuSelectors, fallback: resolution.clock,
            findings: &findings)
        resolution.assumptionReported = resolution.clock.source == .machine && resolution.clock.wasNeeded
        resolution.clock.dstChanges = changes
        resolution.clock.chooseZone(fitting: changes, findings: &findings)
        return resolution
    }

    /// The zone of `--tz`, else this machine's.
    static func assumption(zone: ClockZone?) -> ClockAssumption {
        if let zone { return ClockAssumption(zone: zone, source: .option, wasNeeded: false) }
        let identifier = ZoneRules.current.identifier
        let zone = ClockZone.parse(identifier) ?? .utc
        return ClockAssumption(zone: zone, source: .machine, wasNeeded: false)
    }

    /// The power logs on the resolved clock with `boundaries` registered, and the clock saying whether its zone
    /// mattered.
    mutating func powerLogs(
        boundaries: [Double], reading: inout SourceReading, findings: inout FindingLog
    ) -> (clock: ClockAssumption, logs: [PowerLog]) {
        var options = self.options
        options.zone = clock.zone
        options.boundaries = Array(Set(boundaries)).sorted()
        let logs =
            replayedProbe(options: options, findings: &findings)
            ?? reading.powerLogs(options: options, findings: &findings)
        var clock = self.clock.reading(logs)
        if clock.source == .machine, !scannedForDSTChanges, Self.mayHoldDSTChange(logs) {
            // Read once more with local times taken as UTC and every sample kept, rows out of order included, to
            // see where the local clock stepped.
            var rawOptions = self.options
            rawOptions.zone = .utc
            rawOptions.boundaries = []
            rawOptions.retainedSampleLimit = Self.maximumRetainedSamples
            var scratch = FindingLog()
            clock.dstChanges = LoggedDSTChange.find(in: reading.powerLogs(options: rawOptions, findings: &scratch))
        }
        scannedForDSTChanges = true
        self.clock.dstChanges = clock.dstChanges
        if clock.isAssumed, !assumptionReported {
            assumptionReported = true
            findings.add(
                Finding(
                    .warning, .clockAssumed,
                    "the power logs carry local times without a zone and there is no training window to infer it from; they were read in this machine's zone, \(clock.zone) — pass --tz"
                ))
        }
        if clock.source == .inferred, !clock.zoneFromDSTChange, let inference = clock.inference {
            findings.add(
                Finding(
                    .note, .clockInferred,
                    "the power logs' local times were read in \(clock.zone), inferred by lining up GPU activity with the training window (UTC offset \(ClockZone.formatOffset(inference.offsetSeconds)), score \(ReportFormatting.fixed(inference.score, 3)))"
                ))
        }
        return (clock, logs)
    }

    /// Whether a log read with local times shows what a daylight-saving change in them leaves: samples going back,
    /// gaps, or local times repeated or skipped in the zone read.
    private static func mayHoldDSTChange(_ logs: [PowerLog]) -> Bool {
        logs.contains { log in
            log.hasLocalTimes
                && (log.ambiguousTimeCount > 0 || log.nonexistentTimeCount > 0
                    || log.gpus.contains { $0.trace.outOfOrderCount > 0 || $0.trace.gapCount > 0 })
        }
    }

    /// The inference's logs replayed with `options`, their readers' findings added; nil when there are none or
    /// they cannot be replayed. Lets go of them either way.
    private mutating func replayedProbe(options: PowerLogReadingOptions, findings: inout FindingLog) -> [PowerLog]? {
        guard let probe else { return nil }
        self.probe = nil
        guard probe.allSatisfy(\.retainsAllSamples) else {
            findings.add(
                Finding(
                    .note, .inputLimit,
                    "the power logs were read twice to infer their clock: they hold more samples than the \(ReportFormatting.grouped(retainedSampleLimit)) kept in memory for one pass, or a log mixes local and zoned times"
                ))
            return nil
        }
        var logs: [PowerLog] = []
        for log in probe {
            guard
                let replayed = log.replayed(
                    in: options.zone, boundaries: options.boundaries,
                    gapThresholdSeconds: options.gapThresholdSeconds)
            else { return nil }
            logs.append(replayed)
        }
        findings.append(contentsOf: probeFindings)
        return logs
    }

    /// Infers the zone's offset from logs read as if in UTC, or returns `fallback` when none has local times or
    /// `--gpus` does not fit them.
    private static func infer(
        from logs: [PowerLog], window: TrainingWindow, gpuSelectors: [String]?, fallback: ClockAssumption,
        findings: inout FindingLog
    ) -> ClockAssumption {
        guard logs.contains(where: \.hasLocalTimes) else { return fallback }
        var scratch = FindingLog()
        var gpus = DeviceJoining.join(logs, findings: &scratch)
        if (try? JobGPUSelection.select(&gpus, selectors: gpuSelectors, findings: &scratch)) == nil { return fallback }
        guard
            let inference = OffsetInference.infer(
                windowStart: window.startSeconds, windowEnd: window.endSeconds,
                traces: gpus.filter(\.usedByJob).map(\.trace))
        else {
            findings.add(
                Finding(
                    .warning, .clockAssumed,
                    "could not infer the power logs' zone from the training window (no GPU activity overlaps it at any offset within ±14 h); read them in this machine's zone, \(fallback.zone) — pass --tz"
                ))
            var clock = fallback
            clock.wasNeeded = true
            return clock
        }
        if !inference.isClear {
            findings.add(
                Finding(
                    .warning, .clockInferred,
                    "the inferred UTC offset \(ClockZone.formatOffset(inference.offsetSeconds)) is not clear: \(ClockZone.formatOffset(inference.runnerUpOffsetSeconds)) fits almost as well (score \(ReportFormatting.fixed(inference.runnerUpScore, 3)) against \(ReportFormatting.fixed(inference.score, 3))); pass --tz"
                ))
        }
        return ClockAssumption(
            zone: .fixedOffset(seconds: inference.offsetSeconds), source: .inferred,
            wasNeeded: true, inference: inference)
    }
}

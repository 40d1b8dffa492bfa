/// Puts the run's power logs on the UTC clock and reads them on it: in the zone of `--tz`; else, when there is a
/// training window, at the offset that lines GPU activity up with it (``OffsetInference``); else in this
/// machine's zone.
struct ClockResolution {
    private(set) var clock: ClockAssumption
    private let options: PowerLogReadingOptions

    private init(clock: ClockAssumption, options: PowerLogReadingOptions) {
        self.clock = clock
        self.options = options
    }

    /// Resolves the clock; reads the power logs as if in UTC to infer their offset when no zone is given and
    /// there is a training window to line them up with.
    ///
    /// - Parameter options: how to read the power logs (their zone and boundaries are set here).
    static func resolve(
        zone: ClockZone?, window: TrainingWindow?, gpuSelectors: [String]?, options: PowerLogReadingOptions,
        reading: inout SourceReading, findings: inout FindingLog
    ) -> ClockResolution {
        var resolution = ClockResolution(clock: assumption(zone: zone), options: options)
        guard zone == nil, let window, reading.hasPowerLogs else { return resolution }
        var probeOptions = options
        probeOptions.zone = .utc
        probeOptions.boundaries = OffsetInference.boundaries(windowStart: window.startSeconds, windowEnd: window.endSeconds)
        var scratch = FindingLog()
        let logs = reading.powerLogs(options: probeOptions, findings: &scratch)
        resolution.clock = infer(from: logs, window: window, gpuSelectors: gpuSelectors, fallback: resolution.clock,
                                 findings: &findings)
        return resolution
    }

    /// The zone of `--tz`, else this machine's.
    static func assumption(zone: ClockZone?) -> ClockAssumption {
        if let zone { return ClockAssumption(zone: zone, source: .option, wasNeeded: false) }
        let identifier = ZoneRules.current.identifier
        let zone = ClockZone.parse(identifier) ?? .utc
        return ClockAssumption(zone: zone, source: .machine, wasNeeded: false)
    }

    /// The power logs read on the resolved clock with `boundaries` registered, and the clock saying whether its
    /// zone mattered.
    func powerLogs(
        boundaries: [Double], reading: inout SourceReading, findings: inout FindingLog
    ) -> (clock: ClockAssumption, logs: [PowerLog]) {
        var options = self.options
        options.zone = clock.zone
        options.boundaries = Array(Set(boundaries)).sorted()
        let logs = reading.powerLogs(options: options, findings: &findings)
        var clock = self.clock
        if clock.source != .inferred { clock.wasNeeded = logs.contains(where: \.hasLocalTimes) }
        return (clock, logs)
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
}

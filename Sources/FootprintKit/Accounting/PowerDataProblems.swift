/// The problems of a run's power data that a reader of its report must see: gaps (bridged or unmeasured), sensor
/// readings that look stuck or out of line, readings that were not samples, samples left out, and local times
/// that daylight saving made repeated or skipped.
enum PowerDataProblems {
    /// Adds a finding for each problem, GPU by GPU, then log by log.
    static func note(gpus: [GPUReport], logs: [PowerLog], clock: ClockAssumption, findings: inout FindingLog) {
        for gpu in gpus {
            let label = "GPU \(gpu.identity.label)"
            let location = InputLocation(path: gpu.files.joined(separator: ", "))
            noteGaps(of: gpu, label: label, location: location, findings: &findings)
            noteSensor(of: gpu, label: label, location: location, findings: &findings)
            for (reason, count) in gpu.invalidReasons.sorted(by: { $0.key < $1.key }) {
                findings.add(
                    Finding(
                        .warning, .sampleInvalid, "\(label): \(count) power readings '\(reason)' were not samples",
                        location: location))
            }
            if gpu.trace.duplicateCount > 0 {
                findings.add(
                    Finding(
                        .note, .sampleInvalid,
                        "\(label): \(gpu.trace.duplicateCount) samples repeat the previous sample's time; left out",
                        location: location))
            }
            if gpu.trace.outOfOrderCount > 0 {
                findings.add(
                    Finding(
                        .warning, .clockImplausible,
                        "\(label): \(gpu.trace.outOfOrderCount) samples go back in time (clock step or mixed logs); left out",
                        location: location))
            }
        }
        for log in logs {
            let location = InputLocation(path: log.path)
            let changes = clock.dstChanges.filter { $0.path == log.path }
            for change in changes {
                findings.add(
                    Finding(.warning, .clockDST, dstMessage(change.match, log: log, clock: clock), location: location))
            }
            guard changes.isEmpty else { continue }
            if log.ambiguousTimeCount > 0 {
                findings.add(
                    Finding(
                        .warning, .clockDST,
                        "\(log.ambiguousTimeCount) local times fall in the hour repeated when \(clock.zone) left daylight saving time; resolved by row order",
                        location: location))
            }
            if log.nonexistentTimeCount > 0 {
                findings.add(
                    Finding(
                        .warning, .clockDST,
                        "\(log.nonexistentTimeCount) local times do not exist in \(clock.zone) (skipped hour at the start of daylight saving time); read with the offset before the change — check --tz",
                        location: location))
            }
        }
    }

    /// What a daylight-saving change in a log's local times is, which zones make it, and what reading the log in
    /// `clock`'s zone did with it.
    private static func dstMessage(_ match: DSTZoneMatcher.Match, log: PowerLog, clock: ClockAssumption) -> String {
        let transition = match.transition
        let local = { (seconds: Double) in String(ReportFormatting.readableUTC(seconds).dropLast(4)) }
        let change =
            "the local times go \(transition.repeatsLocalTime ? "back" : "forward") from \(local(match.step.beforeSeconds)) to \(local(match.step.afterSeconds)): the \(transition.repeatsLocalTime ? "end" : "start") of daylight saving time (UTC\(ClockZone.formatOffset(transition.offsetBeforeSeconds)) → UTC\(ClockZone.formatOffset(transition.offsetAfterSeconds))) in \(match.zones.joined(separator: ", "))"
        var readInZone = false
        if case .named(let identifier) = clock.zone, let rules = ZoneRules(identifier: identifier) {
            readInZone = rules.transitions(nearUTC: transition.utcSeconds, hours: 1).contains(transition)
        }
        if readInZone {
            return change
                + "; read in \(clock.zone), which has this change, \(transition.repeatsLocalTime ? "the repeated hour's times are placed by row order" : "the skipped hour is skipped")"
        }
        let effect =
            transition.repeatsLocalTime
            ? "the repeated hour's samples go back in time and were left out"
            : "the skipped hour is counted as a gap"
        return change
            + "; read in \(clock.zone) (\(clock.source == .inferred ? "inferred" : "assumed")), \(effect) — pass --tz with the zone the log was written in"
    }

    /// One finding per gap: bridged ones (`gap.bridged`) and those past the bridge limit (`gap.unbridged`).
    private static func noteGaps(of gpu: GPUReport, label: String, location: InputLocation, findings: inout FindingLog)
    {
        let trace = gpu.trace
        let limit = trace.bridgeLimitSeconds.map { " (the limit is \(ReportFormatting.duration($0)))" } ?? ""
        for gap in trace.unbridgedGaps {
            findings.add(
                Finding(
                    .warning, .gapUnbridged,
                    "\(label): \(ReportFormatting.duration(gap.seconds)) without samples from \(ReportFormatting.readableUTC(gap.startSeconds)); too long to bridge\(limit): unmeasured, its energy not counted",
                    location: location),
                kind: "unbridged-\(gpu.identity.matchKey)", summary: "unbridged gaps of \(label)")
        }
        if trace.unlistedUnbridgedGapCount > 0 {
            findings.add(
                Finding(
                    .warning, .gapUnbridged,
                    "\(label): \(trace.unlistedUnbridgedGapCount) further gaps (\(ReportFormatting.duration(trace.unlistedUnbridgedGaps.seconds))) counted as unmeasured, among them some too long to bridge; their energy is not in the total, but window figures may still include their bridges",
                    location: location, count: trace.unlistedUnbridgedGapCount))
        }
        for gap in trace.gaps {
            findings.add(
                Finding(
                    .warning, .gapBridged,
                    "\(label): \(ReportFormatting.duration(gap.seconds)) without samples from \(ReportFormatting.readableUTC(gap.startSeconds)); bridged linearly (\(ReportFormatting.significant(gap.joules)) J)",
                    location: location),
                kind: "gap-\(gpu.identity.matchKey)", summary: "gaps of \(label)")
        }
        if trace.gapCount > trace.gaps.count {
            findings.add(
                Finding(
                    .warning, .gapBridged, "\(label): \(trace.gapCount - trace.gaps.count) further gaps counted",
                    location: location, count: trace.gapCount - trace.gaps.count))
        }
    }

    /// One finding per stuck stretch (`sensor.stuck`) and per outlier (`sensor.outlier`), with its energy.
    private static func noteSensor(
        of gpu: GPUReport, label: String, location: InputLocation, findings: inout FindingLog
    ) {
        let sensor = gpu.trace.sensor
        for stretch in sensor.stuckStretches {
            findings.add(
                Finding(
                    .warning, .sensorStuck,
                    "\(label): power reads \(ReportFormatting.fixed(stretch.watts, 2)) W on all \(ReportFormatting.grouped(stretch.sampleCount)) samples for \(ReportFormatting.duration(stretch.seconds)) from \(ReportFormatting.readableUTC(stretch.startSeconds))\(stretch.utilizationPercent.map { $0.upperBound - $0.lowerBound >= Double(SensorCheck.stuckUtilizationSpreadPercent) ? " while utilization went between \(ReportFormatting.fixed($0.lowerBound, 0))% and \(ReportFormatting.fixed($0.upperBound, 0))%" : "" } ?? ""); the sensor looks stuck. Kept: \(ReportFormatting.significant(stretch.joules)) J, which the CO2e range's low end leaves out",
                    location: location),
                kind: "stuck-\(gpu.identity.matchKey)", summary: "stuck stretches of \(label)")
        }
        if sensor.stuckCount > sensor.stuckStretches.count {
            findings.add(
                Finding(
                    .warning, .sensorStuck,
                    "\(label): \(sensor.stuckCount - sensor.stuckStretches.count) further stuck stretches counted (\(ReportFormatting.significant(sensor.stuckJoules)) J in all stretches)",
                    location: location, count: sensor.stuckCount - sensor.stuckStretches.count))
        }
        for outlier in sensor.outliers {
            findings.add(
                Finding(
                    .warning, .sensorOutlier,
                    "\(label): a reading of \(ReportFormatting.fixed(outlier.watts, 2)) W at \(ReportFormatting.readableUTC(outlier.seconds)) is far outside this GPU's other readings (its neighbours' line: \(ReportFormatting.fixed(outlier.expectedWatts, 2)) W); kept, it adds \(ReportFormatting.significant(outlier.joules)) J, which the CO2e range's low end leaves out",
                    location: location),
                kind: "outlier-\(gpu.identity.matchKey)", summary: "outlier readings of \(label)")
        }
    }
}

/// The energy of the job's GPUs along the training timeline: in the training window, before and after it, in its
/// pauses, and until the `--target` was met.
enum TrainingAccounting {
    /// The first point meeting `target`, with the tag's display name and best value; its energy is left to
    /// ``outcome(_:window:jobTraces:)``. Points whose value is not a finite number are skipped, with a warning
    /// that counts them.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when the target's tag is not a scalar tag.
    static func target(
        _ target: TrainingTarget?, in timeline: RunTimeline?, findings: inout FindingLog
    ) throws(FootprintError) -> TargetOutcome? {
        guard let target, let timeline else { return nil }
        guard let (run, series) = timeline.series(named: target.tag) else {
            let known = timeline.runs.flatMap { run in
                run.series.map { RunTimeline.displayName(tag: $0.tag, folder: run.folder) }
            }
            throw FootprintError(
                .invalidOption,
                "--target names tag '\(target.tag)', which is not a scalar tag of the event files; they have: \(known.prefix(30).joined(separator: ", "))"
            )
        }
        let scalars = series.points
        let displayTag = RunTimeline.displayName(tag: series.tag, folder: run.folder)
        let values = scalars.points.map(\.value).filter(\.isFinite)
        if let first = scalars.points.firstIndex(where: { !$0.value.isFinite }) {
            findings.add(
                Finding(
                    .warning, .trainingTarget,
                    "--target: \(scalars.count - values.count) points of \(displayTag) are not finite numbers (NaN or ±inf; the first at step \(scalars.points[first].step)); they neither meet the target nor count as the best value",
                    location: InputLocation(path: run.files[Int(scalars.fileIndex(ofPoint: first))].displayPath)))
        }
        let best = target.comparison == .atMost || target.comparison == .below ? values.min() : values.max()
        let point = target.firstPointMeeting(in: scalars)
        return TargetOutcome(
            target: target, displayTag: displayTag,
            step: point?.step, wallTimeSeconds: point?.wallTime, value: point?.value, joules: nil,
            bestValue: best)
    }

    /// The instants whose cumulative energy the training accounting needs.
    static func boundaries(_ window: TrainingWindow, target: Double?) -> [Double] {
        var instants = [window.startSeconds, window.endSeconds]
        for pause in window.pauses { instants += [pause.startSeconds, pause.endSeconds] }
        if let target { instants.append(max(window.startSeconds, target)) }
        return Array(Set(instants)).sorted()
    }

    /// The training energy, with a warning when the power samples miss the window or part of it.
    ///
    /// - Parameters:
    ///   - span: the run's span, which the samples cover.
    ///   - clock: how the power logs' local times were read, for the advice when nothing overlaps.
    static func account(
        _ window: TrainingWindow, jobTraces: [EnergyTrace], span: RunSpan, clock: ClockAssumption,
        findings: inout FindingLog
    ) -> TrainingEnergy {
        var energy = energy(window, jobTraces: jobTraces)
        // No sample in the window: its energy per step is unknown, not zero.
        if energy.windowCoverage == 0 { energy.joulesPerStep = nil }
        // A window inside a gap too long to bridge overlaps the samples' span yet has no coverage: that is a gap,
        // not a clock problem.
        if !jobTraces.contains(where: { $0.overlapSeconds(from: window.startSeconds, to: window.endSeconds) > 0 }) {
            var zoneAdvice = clock.wasNeeded ? " Check --tz (the power logs were read as \(clock.zone))." : ""
            if clock.wasNeeded,
                let offset = OffsetInference.overlappingOffset(
                    windowStart: window.startSeconds, windowEnd: window.endSeconds, traces: jobTraces,
                    readZone: clock.zone)
            {
                zoneAdvice =
                    " They would overlap if the logs' local times were at UTC\(ClockZone.formatOffset(offset)): pass --tz \(ClockZone.formatOffset(offset)) (they were read as \(clock.zone))."
            }
            findings.add(
                Finding(
                    .warning, .clockNoOverlap,
                    "the training window (\(ReportFormatting.readableUTC(window.startSeconds)) → \(ReportFormatting.readableUTC(window.endSeconds))) does not overlap the power samples (\(ReportFormatting.readableUTC(span.startSeconds)) → \(ReportFormatting.readableUTC(span.endSeconds))).\(zoneAdvice)"
                ))
        } else if energy.windowCoverage < 0.95 {
            findings.add(
                Finding(
                    .warning, .coveragePartial,
                    "the power samples back \(ReportFormatting.percent(energy.windowCoverage)) of the training window's GPU-seconds; the rest is time outside the logs (not counted) or gaps (bridged up to the limit, else not counted)"
                ))
        }
        return energy
    }

    /// Energy of the job's GPUs in the training window, before and after it, and in its pauses.
    static func energy(_ window: TrainingWindow, jobTraces: [EnergyTrace]) -> TrainingEnergy {
        func energy(_ start: Double, _ end: Double) -> Double {
            jobTraces.reduce(0) { $0 + ($1.joules(from: start, to: end) ?? 0) }
        }
        let windowJoules = energy(window.startSeconds, window.endSeconds)
        let before = jobTraces.reduce(0) { $0 + ($1.cumulativeJoules(at: window.startSeconds) ?? 0) }
        let after = jobTraces.reduce(0) { $0 + $1.joules - ($1.cumulativeJoules(at: window.endSeconds) ?? $1.joules) }
        let windowCoverage = coverage(window.startSeconds, window.endSeconds, jobTraces: jobTraces)
        let pauses = TrainingPause.Kind.allCases.compactMap { kind -> TrainingEnergy.PauseTotal? in
            let ofKind = window.pauses.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { return nil }
            return TrainingEnergy.PauseTotal(
                kind: kind, count: ofKind.count, seconds: ofKind.reduce(0) { $0 + $1.seconds },
                joules: ofKind.reduce(0) { $0 + energy($1.startSeconds, $1.endSeconds) },
                coverage: coverage(ofKind, jobTraces: jobTraces))
        }
        return TrainingEnergy(
            windowJoules: windowJoules, beforeJoules: before, afterJoules: after, windowCoverage: windowCoverage,
            pauses: pauses, joulesPerStep: window.steps > 0 ? windowJoules / Double(window.steps) : nil)
    }

    /// The share of the job's GPU-seconds in `start...end` backed by samples (``EnergyTrace/coveredSeconds(from:to:)``:
    /// gaps, bridged or not, are not coverage); 0 for an empty window or no GPU.
    static func coverage(_ start: Double, _ end: Double, jobTraces: [EnergyTrace]) -> Double {
        guard end > start, !jobTraces.isEmpty else { return 0 }
        let covered = jobTraces.reduce(0) { $0 + $1.coveredSeconds(from: start, to: end) }
        return min(1, covered / ((end - start) * Double(jobTraces.count)))
    }

    /// The share of the job's GPU-seconds in `pauses` backed by samples; nil when they last no time.
    private static func coverage(_ pauses: [TrainingPause], jobTraces: [EnergyTrace]) -> Double? {
        let seconds = pauses.reduce(0) { $0 + $1.seconds } * Double(jobTraces.count)
        guard seconds > 0 else { return nil }
        let covered = pauses.reduce(0) { total, pause in
            total + jobTraces.reduce(0) { $0 + $1.coveredSeconds(from: pause.startSeconds, to: pause.endSeconds) }
        }
        return min(1, covered / seconds)
    }

    /// `target` with the job's energy from the window's start to the point that met it; nil energy without such a
    /// point, a window or power samples (`jobTraces` nil).
    static func outcome(_ target: TargetOutcome, window: TrainingWindow?, jobTraces: [EnergyTrace]?) -> TargetOutcome {
        var outcome = target
        if let wallTime = target.wallTimeSeconds, let window, let jobTraces {
            let end = max(window.startSeconds, wallTime)
            outcome.joules = jobTraces.reduce(0) { $0 + ($1.joules(from: window.startSeconds, to: end) ?? 0) }
        }
        return outcome
    }
}

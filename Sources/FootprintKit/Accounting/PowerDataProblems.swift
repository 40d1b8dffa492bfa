/// The problems of a run's power data that a reader of its report must see: gaps, readings that were not
/// samples, samples left out, and local times that daylight saving made repeated or skipped.
enum PowerDataProblems {
    /// Adds a finding for each problem, GPU by GPU, then log by log.
    static func note(gpus: [GPUReport], logs: [PowerLog], clock: ClockAssumption, findings: inout FindingLog) {
        for gpu in gpus {
            let label = "GPU \(gpu.identity.label)"
            let location = InputLocation(path: gpu.files.joined(separator: ", "))
            for gap in gpu.trace.gaps.prefix(FindingLog.keptPerKind) {
                findings.add(
                    Finding(
                        .warning, .gapBridged,
                        "\(label): \(ReportFormatting.duration(gap.seconds)) without samples from \(ReportFormatting.readableUTC(gap.startSeconds)); bridged linearly (\(ReportFormatting.significant(gap.joules)) J)",
                        location: location),
                    kind: "gap-\(gpu.identity.matchKey)", summary: "gaps of \(label)")
            }
            if gpu.trace.gapCount > gpu.trace.gaps.count {
                findings.add(
                    Finding(
                        .warning, .gapBridged,
                        "\(label): \(gpu.trace.gapCount - gpu.trace.gaps.count) further gaps counted",
                        location: location))
            }
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
}

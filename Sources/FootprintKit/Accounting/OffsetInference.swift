/// Finds the UTC offset of power logs written in local time without a zone, from a training window known in UTC.
///
/// The power logs are read once as if their local times were UTC. A candidate offset *o* (local = UTC + *o*)
/// puts the training window at `[start + o, end + o]` on that clock. Each candidate is scored by
///
///     score(o) = (share of the GPUs' energy above their idle floor that falls in the window)
///              × (share of the window covered by power samples)
///
/// which is 1 when all activity lies in the window and the window is fully logged. Zone offsets in use are
/// multiples of 15 minutes within ±14 h, so those are the candidates (113). The runner-up is the best candidate
/// at least an hour away from the winner; the winner is clear when the runner-up scores at most 80% of it.
public struct OffsetInference: Sendable, Hashable {
    /// Seconds east of UTC.
    public var offsetSeconds: Int
    public var score: Double
    public var runnerUpOffsetSeconds: Int
    public var runnerUpScore: Double

    static let candidateOffsets = Array(stride(from: -14 * 3600, through: 14 * 3600, by: 900))
    static let clearRatio = 0.8

    public var isClear: Bool { runnerUpScore <= Self.clearRatio * score }

    /// The instants (on the as-if-UTC clock) at which cumulative energy is needed to score every candidate.
    static func boundaries(windowStart: Double, windowEnd: Double) -> [Double] {
        candidateOffsets.flatMap { [windowStart + Double($0), windowEnd + Double($0)] }
    }

    /// Scores every candidate on traces read as if in UTC with ``boundaries(windowStart:windowEnd:)`` registered.
    ///
    /// - Returns: nil when the logs show no activity above their floor or no candidate overlaps the window.
    static func infer(windowStart: Double, windowEnd: Double, traces: [EnergyTrace]) -> OffsetInference? {
        let windowSeconds = windowEnd - windowStart
        let active = traces.filter { $0.sampleCount > 1 }
        guard windowSeconds > 0, !active.isEmpty else { return nil }
        let excessTotal = active.reduce(0) { $0 + $1.joules - $1.minimumWatts * $1.spanSeconds }
        guard excessTotal > 0 else { return nil }
        let scores: [(offset: Int, score: Double)] = candidateOffsets.map { offset in
            let start = windowStart + Double(offset)
            let end = windowEnd + Double(offset)
            var excessInside = 0.0
            var coveredSeconds = 0.0
            for trace in active {
                let overlap = trace.overlapSeconds(from: start, to: end)
                let inside = (trace.joules(from: start, to: end) ?? 0) - trace.minimumWatts * overlap
                excessInside += max(0, inside)
                coveredSeconds += overlap
            }
            let coverage = coveredSeconds / (windowSeconds * Double(active.count))
            return (offset, excessInside / excessTotal * coverage)
        }
        // Ties go to the offset nearest UTC, so that equal scores give the same answer every time.
        guard let best = scores.max(by: { ($0.score, -abs($0.offset)) < ($1.score, -abs($1.offset)) }), best.score > 0
        else {
            return nil
        }
        let runnerUp = scores.filter { abs($0.offset - best.offset) >= 3600 }.max { $0.score < $1.score }
        return OffsetInference(
            offsetSeconds: best.offset, score: best.score,
            runnerUpOffsetSeconds: runnerUp?.offset ?? best.offset, runnerUpScore: runnerUp?.score ?? 0)
    }

    /// The UTC offset (seconds east) at which the power samples, read in `readZone`, would cover most of the
    /// training window, for advice when they do not overlap it: nil when no offset covers at least half of it, or
    /// when one at least an hour away covers nearly as much (more than 80%).
    static func overlappingOffset(
        windowStart: Double, windowEnd: Double, traces: [EnergyTrace], readZone: ClockZone
    ) -> Int? {
        let windowSeconds = windowEnd - windowStart
        let active = traces.filter { $0.sampleCount > 1 }
        guard windowSeconds > 0, windowSeconds.isFinite, !active.isEmpty else { return nil }
        let readOffset: Int
        switch readZone {
        case .fixedOffset(let seconds): readOffset = seconds
        case .named(let identifier):
            guard let rules = ZoneRules(identifier: identifier) else { return nil }
            readOffset = rules.offset(atUTC: windowStart)
        }
        // Read at offset r, a local time t shows as t − r; written at offset o, the window's local times are
        // [start + o, end + o], so on the samples' clock it is shifted by o − r.
        let coverages: [(offset: Int, coverage: Double)] = candidateOffsets.map { offset in
            let shift = Double(offset - readOffset)
            let covered = active.reduce(0) { $0 + $1.overlapSeconds(from: windowStart + shift, to: windowEnd + shift) }
            return (offset, covered / (windowSeconds * Double(active.count)))
        }
        guard
            let best = coverages.max(by: { ($0.coverage, -abs($0.offset)) < ($1.coverage, -abs($1.offset)) }),
            best.coverage >= 0.5
        else { return nil }
        let runnerUp = coverages.filter { abs($0.offset - best.offset) >= 3600 }.map(\.coverage).max() ?? 0
        return runnerUp > clearRatio * best.coverage ? nil : best.offset
    }
}

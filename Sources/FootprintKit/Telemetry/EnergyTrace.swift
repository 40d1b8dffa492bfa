/// One GPU's integrated power over a log (or several logs joined): energy, extent, gaps, sensor findings, and the
/// cumulative energy at the boundaries registered for windows.
///
/// A sample *backs* the time up to the next one when that interval is no longer than the gap threshold: coverage is
/// the time between consecutive samples less every gap, bridged or not.
public struct EnergyTrace: Sendable, Hashable, Codable {
    public var sampleCount: Int
    /// UTC seconds of the first and last valid sample.
    public var firstSeconds: Double
    public var lastSeconds: Double
    public var joules: Double
    /// The left-rectangle rule's energy over the same samples; the right rule's is `2 × joules − leftRuleJoules`.
    public var leftRuleJoules: Double
    /// Power over time at plotting resolution.
    public var profile: PowerProfile
    /// Power of the first and last valid sample.
    public var firstWatts: Double
    public var lastWatts: Double
    public var minimumWatts: Double
    public var maximumWatts: Double
    public var medianIntervalSeconds: Double
    public var gapThresholdSeconds: Double
    /// Gaps bridged linearly, in time order (the longest ``PowerIntegrator/listedGapCapacity`` per log).
    public var gaps: [EnergyGap]
    var unlistedGaps: GapTotals
    /// Gaps longer than the bridge limit, in time order: their time is unmeasured and their energy not counted.
    public var unbridgedGaps: [EnergyGap]
    /// Unbridged gaps that were not listed (only when a log has more than ``PowerIntegrator/listedGapCapacity``
    /// gaps and some unlisted one exceeds the limit).
    var unlistedUnbridgedGaps: GapTotals
    /// The bridge limit applied, or nil when every gap is bridged.
    public var bridgeLimitSeconds: Double?
    /// Stuck stretches and outliers of the power sensor.
    public var sensor: SensorFindings
    var boundaries: [Double]
    var cumulativeJoulesAtBoundaries: [Double]
    var powerHistogram: PowerHistogram
    /// Samples at the same time as the previous one, left out.
    public var duplicateCount: Int
    /// Samples before the previous one, left out.
    public var outOfOrderCount: Int
    /// Every sample given to the integrator, in order, when its reader was asked to keep them (see
    /// ``SampleRetention``) and could; nil otherwise, and for traces of several logs joined.
    var retainedSamples: [PowerSample]?

    /// The span of the valid samples of `traces`, UTC seconds: the first of their first samples to the last of their
    /// last; nil when none has a sample.
    static func span(of traces: some Sequence<EnergyTrace>) -> ClosedRange<Double>? {
        var span: ClosedRange<Double>?
        for trace in traces where trace.sampleCount > 0 {
            span =
                min(
                    span?.lowerBound ?? trace.firstSeconds, trace.firstSeconds)...max(
                    span?.upperBound ?? trace.lastSeconds, trace.lastSeconds)
        }
        return span
    }

    /// Seconds from the first to the last sample.
    public var spanSeconds: Double { sampleCount > 1 ? lastSeconds - firstSeconds : 0 }
    /// Time-weighted mean power over the span's measured time: the energy over the span less its unmeasured gaps.
    public var meanWatts: Double {
        let measured = spanSeconds - unmeasuredSeconds
        return measured > 0 ? joules / measured : (sampleCount > 0 ? minimumWatts : 0)
    }
    public var gapCount: Int { gaps.count + unlistedGaps.count }
    public var unbridgedGapCount: Int { unbridgedGaps.count + unlistedUnbridgedGaps.count }
    /// Seconds inside the span that fall in unbridged gaps.
    public var unmeasuredSeconds: Double { unbridgedGaps.reduce(unlistedUnbridgedGaps.seconds) { $0 + $1.seconds } }
    /// Unbridged gaps whose position is unknown, so that windows cannot leave out their bridges (see
    /// ``limitingBridges(toSeconds:)``).
    public var unlistedUnbridgedGapCount: Int { unlistedUnbridgedGaps.count }
    /// Seconds of the span backed by samples: the span less every gap, bridged or not.
    public var coveredSeconds: Double { max(0, spanSeconds - gapSeconds - unmeasuredSeconds) }
    /// Half the difference between the right and left rectangle rules: how much the sampling alone leaves open.
    public var samplingUncertaintyJoules: Double { abs(joules - leftRuleJoules) }
    public var gapSeconds: Double { gaps.reduce(unlistedGaps.seconds) { $0 + $1.seconds } }
    public var gapJoules: Double { gaps.reduce(unlistedGaps.joules) { $0 + $1.joules } }

    /// Whether the trace is as the integrator leaves it (an energy for each boundary, in order; a consistent
    /// profile and histogram): what a decoded trace must be before it is used.
    var isConsistent: Bool {
        boundaries.count == cumulativeJoulesAtBoundaries.count && zip(boundaries, boundaries.dropFirst()).allSatisfy(<)
            && profile.isConsistent
            && (powerHistogram.counts.isEmpty || powerHistogram.counts.count == PowerIntegrator.histogramBuckets)
    }

    /// The energy between two registered boundaries.
    ///
    /// - Returns: nil when either instant was not registered as a boundary before integration.
    public func joules(from start: Double, to end: Double) -> Double? {
        guard let startJoules = cumulativeJoules(at: start), let endJoules = cumulativeJoules(at: end) else {
            return nil
        }
        return endJoules - startJoules
    }

    /// The energy from the first sample up to a registered boundary (0 before the first sample, the whole
    /// energy after the last).
    public func cumulativeJoules(at instant: Double) -> Double? {
        let index = boundaries.partitionPoint { $0 < instant }
        guard index < boundaries.count, boundaries[index] == instant else { return nil }
        return cumulativeJoulesAtBoundaries[index]
    }

    /// Seconds of `start...end` within this trace's span.
    public func overlapSeconds(from start: Double, to end: Double) -> Double {
        guard sampleCount > 1 else { return 0 }
        return max(0, min(end, lastSeconds) - max(start, firstSeconds))
    }

    /// Seconds of `start...end` backed by samples: its overlap with the span less the listed gaps in it, bridged or
    /// not. Gaps that were only counted (beyond the listed ones per log, the shortest) are taken off in proportion
    /// to the window's share of the span.
    public func coveredSeconds(from start: Double, to end: Double) -> Double {
        let overlap = overlapSeconds(from: start, to: end)
        guard overlap > 0 else { return 0 }
        let listed = (gaps + unbridgedGaps).reduce(0) { $0 + $1.overlapSeconds(from: start, to: end) }
        let unlisted = (unlistedGaps.seconds + unlistedUnbridgedGaps.seconds) * overlap / spanSeconds
        return max(0, overlap - listed - unlisted)
    }

    /// This trace with every gap longer than `limitSeconds` left unmeasured: its bridge's energy is taken out of
    /// the total, of the cumulative energy at each boundary after its start and of the profile, so that the trace
    /// is the segments on either side. A gap of exactly the limit is still bridged.
    ///
    /// When a log had more gaps than it lists and an unlisted one exceeds the limit, every unlisted gap is taken as
    /// unbridged: their energy leaves the total, but not the boundaries (their positions are not known), which
    /// ``unlistedUnbridgedGapCount`` lets a report say.
    public func limitingBridges(toSeconds limitSeconds: Double) -> EnergyTrace {
        var trace = self
        trace.bridgeLimitSeconds = limitSeconds
        let unbridged = gaps.filter { $0.seconds > limitSeconds }
        guard !unbridged.isEmpty || unlistedGaps.longestSeconds > limitSeconds else { return trace }
        trace.gaps = gaps.filter { $0.seconds <= limitSeconds }
        trace.unbridgedGaps = (unbridgedGaps + unbridged).sorted { $0.startSeconds < $1.startSeconds }
        for gap in unbridged {
            trace.joules -= gap.joules
            trace.leftRuleJoules -= gap.startWatts * gap.seconds
            trace.profile.remove(
                from: gap.startSeconds, to: gap.endSeconds, startWatts: gap.startWatts, endWatts: gap.endWatts)
        }
        // One sweep over the boundaries (in order) and the gaps (in time order, disjoint): each boundary loses the
        // bridges of the gaps that ended before it and the part of the one it falls in.
        var passedJoules = 0.0
        var next = 0
        for index in boundaries.indices {
            let boundary = boundaries[index]
            while next < unbridged.count && unbridged[next].endSeconds <= boundary {
                passedJoules += unbridged[next].joules
                next += 1
            }
            let partial = next < unbridged.count ? unbridged[next].bridgeJoules(until: boundary) : 0
            trace.cumulativeJoulesAtBoundaries[index] -= passedJoules + partial
        }
        if unlistedGaps.longestSeconds > limitSeconds {
            trace.joules -= unlistedGaps.joules
            trace.leftRuleJoules -= unlistedGaps.joules
            trace.unlistedUnbridgedGaps.append(contentsOf: unlistedGaps)
            trace.unlistedGaps = GapTotals()
        }
        return trace
    }

    /// The power below which a share `fraction` of the samples lie, to the histogram's 0.5 W resolution.
    public func wattsQuantile(_ fraction: Double) -> Double {
        let total = powerHistogram.counts.reduce(0) { $0 + Int($1) }
        guard total > 0 else { return 0 }
        let target = Int((fraction * Double(total)).rounded(.up))
        var seen = 0
        for (bucket, count) in powerHistogram.counts.enumerated() {
            seen += Int(count)
            if seen >= max(1, target) {
                return min(maximumWatts, Double(bucket + 1) * PowerIntegrator.histogramWattsPerBucket)
            }
        }
        return maximumWatts
    }

    /// This trace integrated again from its retained samples, each `shiftSeconds` earlier, with `boundaries`
    /// registered: the trace a reader would have given with its times read that much earlier (the same
    /// subtraction as a fixed-offset zone's), to the bit.
    ///
    /// - Parameter gapThresholdSeconds: the fixed gap threshold the trace was read with, or nil for the default.
    /// - Returns: nil when the samples were not retained.
    func replayed(shiftedBy shiftSeconds: Double, boundaries: [Double], gapThresholdSeconds: Double?) -> EnergyTrace? {
        var integrator = PowerIntegrator(boundaries: boundaries, gapThresholdSeconds: gapThresholdSeconds)
        guard sampleCount > 0 else { return integrator.finished() }
        guard let retainedSamples else { return nil }
        for sample in retainedSamples {
            integrator.add(
                seconds: sample.seconds - shiftSeconds, watts: sample.watts,
                utilizationPercent: sample.utilizationPercent)
        }
        return integrator.finished()
    }

    /// Joins traces of the same GPU from several logs, in time order, bridging the time between them linearly
    /// (listed as a gap when it exceeds the threshold).
    ///
    /// - Returns: the joined trace and the indices of traces left out because they overlap an earlier one.
    static func joined(_ traces: [EnergyTrace]) -> (trace: EnergyTrace, overlapping: [Int]) {
        let order = traces.indices.filter { traces[$0].sampleCount > 0 }.sorted {
            (traces[$0].firstSeconds, $0) < (traces[$1].firstSeconds, $1)
        }
        guard var joined = order.first.map({ traces[$0] }) else {
            return (traces.first ?? PowerIntegrator().finished(), [])
        }
        var overlapping: [Int] = []
        if order.count > 1 { joined.retainedSamples = nil }
        for index in order.dropFirst() {
            let next = traces[index]
            guard next.firstSeconds > joined.lastSeconds else {
                overlapping.append(index)
                continue
            }
            var bridge = PowerIntegrator(boundaries: joined.boundaries, gapThresholdSeconds: 0)
            bridge.add(seconds: joined.lastSeconds, watts: joined.lastWatts)
            bridge.add(seconds: next.firstSeconds, watts: next.firstWatts)
            let bridged = bridge.finished()
            let interval = next.firstSeconds - joined.lastSeconds
            let threshold = max(joined.gapThresholdSeconds, next.gapThresholdSeconds)
            for boundaryIndex in joined.boundaries.indices {
                joined.cumulativeJoulesAtBoundaries[boundaryIndex] +=
                    bridged.cumulativeJoulesAtBoundaries[boundaryIndex]
                    + next.cumulativeJoulesAtBoundaries[boundaryIndex]
            }
            if interval > threshold, let gap = bridged.gaps.first {
                joined.gaps.append(gap)
            }
            joined.joules += bridged.joules + next.joules
            joined.leftRuleJoules += bridged.leftRuleJoules + next.leftRuleJoules
            joined.profile = joined.profile.merged(with: bridged.profile).merged(with: next.profile)
            joined.sampleCount += next.sampleCount
            joined.lastSeconds = next.lastSeconds
            joined.lastWatts = next.lastWatts
            joined.minimumWatts = min(joined.minimumWatts, next.minimumWatts)
            joined.maximumWatts = max(joined.maximumWatts, next.maximumWatts)
            joined.gaps.append(contentsOf: next.gaps)
            joined.unlistedGaps.append(contentsOf: next.unlistedGaps)
            joined.unbridgedGaps.append(contentsOf: next.unbridgedGaps)
            joined.unlistedUnbridgedGaps.append(contentsOf: next.unlistedUnbridgedGaps)
            joined.sensor = joined.sensor.merged(with: next.sensor)
            joined.duplicateCount += next.duplicateCount
            joined.outOfOrderCount += next.outOfOrderCount
            joined.powerHistogram.add(next.powerHistogram)
            joined.gapThresholdSeconds = threshold
        }
        return (joined, overlapping)
    }
}

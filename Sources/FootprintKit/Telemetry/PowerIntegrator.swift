/// Integrates one GPU's power samples with the trapezoidal rule as they stream in, in constant memory.
///
/// Energy is the integral of the piecewise-linear interpolant through the samples, each at its own time: no
/// extrapolation before the first or after the last sample. Windows are handled by *boundaries* registered up
/// front: the cumulative energy at each boundary instant is taken as the samples pass it, with power
/// interpolated linearly at the boundary, so any window between two boundaries is a difference of two values.
///
/// Intervals longer than the gap threshold (given, or `max(3 s, 3 × median interval)`) are bridged linearly like
/// any other and listed as gaps with their energy (the longest ``listedGapCapacity``, so that a bridge limit
/// applied later finds each gap it must leave unmeasured: ``EnergyTrace/limitingBridges(toSeconds:)``). The median
/// interval is estimated from a systematic sample of at most ``intervalSampleCapacity`` intervals spread over the
/// whole log. Each sample also passes the ``SensorCheck``.
///
/// Samples must come in time order: one at or before the previous sample's time is counted
/// (``duplicateCount`` or ``outOfOrderCount``) and left out.
///
/// Added through ``add(_:isKept:)``, the samples are also kept (24 bytes each), as long as the
/// shared ``SampleRetention`` admits every one, so that the trace can be integrated again on another clock
/// (``EnergyTrace/replayed(shiftedBy:boundaries:gapThresholdSeconds:)``); the retention's bound is then the only
/// memory that grows with the log.
struct PowerIntegrator {
    typealias Gap = EnergyGap

    static let intervalSampleCapacity = 8192
    /// Intervals seen before the running median may raise the provisional gap test above its 3 s floor: a
    /// median of a few intervals is the gap's own when the log starts with one.
    static let medianWarmUpIntervals = 16
    /// Gaps listed individually (the longest); beyond this they are only added up.
    static let listedGapCapacity = 10_000
    /// Width and count of the power histogram used for quantiles (0.5 W up to 4096 W).
    static let histogramWattsPerBucket = 0.5
    static let histogramBuckets = 8192

    private let fixedGapThresholdSeconds: Double?
    private let boundaries: [Double]
    private var nextBoundary = 0
    private(set) var cumulativeJoulesAtBoundaries: [Double]

    private(set) var sampleCount = 0
    private(set) var firstSeconds = 0.0
    private(set) var lastSeconds = 0.0
    private(set) var firstWatts = 0.0
    private(set) var lastWatts = 0.0
    private(set) var joules = 0.0
    /// The left-rectangle rule's energy (each sample's power held until the next), for the sampling uncertainty.
    private(set) var leftRuleJoules = 0.0
    private(set) var minimumWatts = Double.infinity
    private(set) var maximumWatts = -Double.infinity
    private(set) var duplicateCount = 0
    private(set) var outOfOrderCount = 0

    private var intervalSample: [Double] = []
    private var intervalStride = 1
    /// Intervals still to come before the next one is sampled (counts down from `intervalStride`).
    private var intervalsUntilSample = 1
    private var intervalCounter = 0
    private var medianEstimate = 0.0
    private var medianRefreshAt = 1

    private var profile: PowerProfile?
    private var gapCandidates: [Gap] = []
    private var histogram: [UInt32] = []
    /// Every sample added so far, in order, while each was admitted for keeping; nil once one was not.
    private var keptSamples: [PowerSample]? = []
    private var sensorCheck = SensorCheck()

    /// - Parameters:
    ///   - boundaries: UTC instants at which the cumulative energy is wanted, in any order.
    ///   - gapThresholdSeconds: a fixed gap threshold, or nil for `max(3 s, 3 × median interval)`.
    init(boundaries: [Double] = [], gapThresholdSeconds: Double? = nil) {
        self.boundaries = boundaries.sorted()
        cumulativeJoulesAtBoundaries = Array(repeating: 0, count: boundaries.count)
        fixedGapThresholdSeconds = gapThresholdSeconds
    }

    /// Adds the sample `watts` at UTC `seconds`, without keeping it.
    mutating func add(seconds: Double, watts: Double, utilizationPercent: Float = .nan) {
        keptSamples = nil
        integrate(PowerSample(seconds: seconds, watts: watts, utilizationPercent: utilizationPercent))
    }

    /// Adds `sample`, and keeps it when `isKept` (the log's ``SampleRetention`` admitted it); once one sample is
    /// not kept, none of this integrator's are.
    mutating func add(_ sample: PowerSample, isKept: Bool) {
        if keptSamples != nil {
            if isKept {
                keptSamples?.append(sample)
            } else {
                keptSamples = nil
            }
        }
        integrate(sample)
    }

    private mutating func integrate(_ sample: PowerSample) {
        let (seconds, watts) = (sample.seconds, sample.watts)
        if histogram.isEmpty { histogram = Array(repeating: 0, count: Self.histogramBuckets) }
        if sampleCount == 0 {
            firstSeconds = seconds
            firstWatts = watts
            profile = PowerProfile(originSeconds: seconds.rounded(.down))
            lastSeconds = seconds
            lastWatts = watts
            sampleCount = 1
            sensorCheck.add(sample, intervalJoules: 0, isGap: true)
            while nextBoundary < boundaries.count && boundaries[nextBoundary] < seconds { nextBoundary += 1 }
            record(watts)
            return
        }
        let interval = seconds - lastSeconds
        guard interval > 0 else {
            if interval == 0 { duplicateCount += 1 } else { outOfOrderCount += 1 }
            return
        }
        let intervalJoules = (lastWatts + watts) * 0.5 * interval
        // Checked before the loop: the compiler makes the energies unique ahead of the loop, and an empty array
        // (no boundaries) is never unique, so without this check each sample copied it.
        if nextBoundary < boundaries.count {
            while nextBoundary < boundaries.count && boundaries[nextBoundary] <= seconds {
                let boundary = boundaries[nextBoundary]
                let fraction = (boundary - lastSeconds) / interval
                let boundaryWatts = lastWatts + (watts - lastWatts) * fraction
                cumulativeJoulesAtBoundaries[nextBoundary] =
                    joules + (lastWatts + boundaryWatts) * 0.5 * (boundary - lastSeconds)
                nextBoundary += 1
            }
        }
        let isGap = noteInterval(interval, start: PowerSample(seconds: lastSeconds, watts: lastWatts), endWatts: watts)
        sensorCheck.add(sample, intervalJoules: intervalJoules, isGap: isGap)
        joules += intervalJoules
        leftRuleJoules += lastWatts * interval
        profile?.add(from: lastSeconds, to: seconds, startWatts: lastWatts, endWatts: watts)
        lastSeconds = seconds
        lastWatts = watts
        sampleCount += 1
        record(watts)
    }

    private mutating func record(_ watts: Double) {
        if watts < minimumWatts { minimumWatts = watts }
        if watts > maximumWatts { maximumWatts = watts }
        let bucket = min(Self.histogramBuckets - 1, max(0, Int(watts / Self.histogramWattsPerBucket)))
        histogram[bucket] &+= 1
    }

    /// Notes an interval for the median and as a possible gap; returns whether it may be one.
    private mutating func noteInterval(_ interval: Double, start: PowerSample, endWatts: Double) -> Bool {
        // Keep anything that could still be a gap once the median is final; the final threshold filters. The test
        // uses only the intervals before this one, and only once there are enough of them: a gap must not raise
        // the threshold it is tested against (the first interval of a log has no median but its own).
        let provisional =
            fixedGapThresholdSeconds
            ?? max(3, intervalCounter >= Self.medianWarmUpIntervals ? 1.5 * medianEstimate : 0)
        let isGap = interval > provisional
        if isGap {
            gapCandidates.append(
                Gap(startSeconds: start.seconds, seconds: interval, startWatts: start.watts, endWatts: endWatts))
            if gapCandidates.count > 4 * Self.listedGapCapacity { pruneGapCandidates() }
        }
        intervalCounter += 1
        intervalsUntilSample -= 1
        if intervalsUntilSample == 0 {
            intervalsUntilSample = intervalStride
            intervalSample.append(interval)
            if intervalSample.count == Self.intervalSampleCapacity {
                // Keep every other sampled interval and sample half as often from now on.
                intervalSample = stride(from: 0, to: intervalSample.count, by: 2).map { intervalSample[$0] }
                intervalStride *= 2
                intervalsUntilSample = intervalStride
            }
        }
        if intervalCounter >= medianRefreshAt {
            medianEstimate = Median.of(intervalSample)
            // Refresh at doubling counts (a median of at most 8,192 values each time, log₂ n times in all): the
            // provisional threshold only needs to be close, as the final one filters the candidates.
            medianRefreshAt = intervalCounter * 2
        }
        return isGap
    }

    /// The gap threshold of the samples so far: the fixed one, else 3 × the median interval, at least 3 s.
    var gapThresholdSeconds: Double {
        fixedGapThresholdSeconds ?? max(3, 3 * Median.of(intervalSample))
    }

    private mutating func pruneGapCandidates() {
        let threshold = gapThresholdSeconds
        gapCandidates.removeAll { $0.seconds <= threshold }
        if gapCandidates.count > 2 * Self.listedGapCapacity {
            // Pathological cadence: keep the longest so memory stays bounded.
            gapCandidates = Self.longestInTimeOrder(gapCandidates, dropped: &droppedGaps)
        }
    }

    /// The ``listedGapCapacity`` longest of `gaps`, in time order; the others are added to `dropped`.
    private static func longestInTimeOrder(_ gaps: [Gap], dropped: inout GapTotals) -> [Gap] {
        guard gaps.count > listedGapCapacity else { return gaps }
        var sorted = gaps
        sorted.sort { ($0.seconds, $1.startSeconds) > ($1.seconds, $0.startSeconds) }
        dropped.append(contentsOf: sorted[listedGapCapacity...])
        sorted.removeLast(sorted.count - listedGapCapacity)
        sorted.sort { $0.startSeconds < $1.startSeconds }
        return sorted
    }

    /// Gaps pushed out of the list by ``pruneGapCandidates()``, kept only as totals.
    private var droppedGaps = GapTotals()

    /// The result, once every sample has been added.
    ///
    /// - Parameter keepingSamples: false to leave out the kept samples (a replay could not reproduce the trace).
    func finished(keepingSamples: Bool = true) -> EnergyTrace {
        var cumulative = cumulativeJoulesAtBoundaries
        if sampleCount > 0 {
            for index in nextBoundary..<boundaries.count where boundaries[index] >= lastSeconds {
                cumulative[index] = joules
            }
        }
        let threshold = gapThresholdSeconds
        var totals = droppedGaps
        let gaps = Self.longestInTimeOrder(gapCandidates.filter { $0.seconds > threshold }, dropped: &totals)
        return EnergyTrace(
            sampleCount: sampleCount,
            firstSeconds: firstSeconds,
            lastSeconds: lastSeconds,
            joules: joules,
            leftRuleJoules: leftRuleJoules,
            profile: profile ?? PowerProfile(originSeconds: 0),
            firstWatts: firstWatts,
            lastWatts: lastWatts,
            minimumWatts: sampleCount > 0 ? minimumWatts : 0,
            maximumWatts: sampleCount > 0 ? maximumWatts : 0,
            medianIntervalSeconds: Median.of(intervalSample),
            gapThresholdSeconds: threshold,
            gaps: gaps,
            unlistedGaps: totals,
            unbridgedGaps: [],
            unlistedUnbridgedGaps: GapTotals(),
            bridgeLimitSeconds: nil,
            sensor: sensorCheck.finished(histogram: histogram, bucketWatts: Self.histogramWattsPerBucket),
            boundaries: boundaries,
            cumulativeJoulesAtBoundaries: cumulative,
            powerHistogram: PowerHistogram(counts: histogram),
            duplicateCount: duplicateCount,
            outOfOrderCount: outOfOrderCount,
            retainedSamples: keepingSamples ? keptSamples : nil)
    }
}

/// Sanity checks of one GPU's power sensor, made on the samples as they stream through the integrator, in
/// constant memory.
///
/// - **Stuck**: at least ``stuckMinimumSamples`` consecutive readings, bit-identical, over at least
///   ``stuckMinimumSeconds`` without a gap. nvidia-smi's `power.draw` is refreshed by the driver every 20–100 ms
///   and repeats its last value between refreshes (at `-lms 1`, ~100 identical rows; an idle Kepler repeats for
///   ~2 s), and a live sensor quoted to 0.01 W does not hold one value for minutes. The stretch must last as long
///   as the default bridge limit (300 s): a frozen reading carries no more than a gap bridged between two equal
///   readings, which is accepted up to that length. The count keeps slow loggers (one row per 15–60 s) from being
///   flagged by a few equal rows. Where the log has `utilization.gpu`, a stretch is also stuck when it lasts at
///   least ``stuckWhileBusyMinimumSeconds`` while the utilization moves by at least
///   ``stuckUtilizationSpreadPercent`` points: a GPU that goes from idle to busy changes its power within a second.
/// - **Outlier**: one reading above the straight line between its two neighbours by at least
///   ``spikeNeighbourRatio`` × the neighbours' own difference (an isolated spike, not a load step, whose next
///   reading stays up), both neighbours within ``spikeMaximumNeighbourSeconds``, and far outside the GPU's own
///   distribution: more than `max(10 × 1.4826 × MAD, 10 W, median / 2)` above the median and above twice the
///   highest reading that is not such a spike. Its energy is the deviation from the line × half the time between
///   its neighbours. Slower logs are not tested: `power.draw` averages over up to a second, so one high reading
///   among slow samples can be a real burst of work. Dips are not tested either: GPUs power-gate for a moment
///   (laptop GPUs read ~1 W at power-state changes), and a dip takes little energy away.
struct SensorCheck {
    static let stuckMinimumSeconds = 300.0
    static let stuckMinimumSamples = 20
    /// A stretch this long (and ``stuckMinimumSamples`` readings) is stuck when the utilization moved…
    static let stuckWhileBusyMinimumSeconds = 10.0
    /// …by at least this many percentage points within it.
    static let stuckUtilizationSpreadPercent: Float = 30
    static let spikeNeighbourRatio = 4.0
    static let spikeMaximumNeighbourSeconds = 1.0
    /// Spikes smaller than this are not kept as candidates.
    static let spikeMinimumWatts = 5.0
    /// Robust standard deviations (1.4826 × MAD) from the median beyond which a spike is an outlier…
    static let outlierScaleMultiple = 10.0
    /// …and at least this far from it, in watts or as a share of the median.
    static let outlierFloorWatts = 10.0
    static let outlierFloorShareOfMedian = 0.5
    /// An outlier exceeds the highest other reading by this factor.
    static let outlierFactorBeyondOthers = 2.0
    /// Stuck stretches listed, and spike candidates kept (the largest), per log.
    static let listedCapacity = 1024

    private var runStartSeconds = 0.0
    private var runEndSeconds = 0.0
    private var runWatts = Double.nan
    private var runCount = 0
    private var runJoules = 0.0
    /// The lowest and highest utilization within the stretch (NaN without a utilization column).
    private var runUtilizationLow = Float.nan
    private var runUtilizationHigh = Float.nan
    private var findings = SensorFindings()

    /// The last two samples, and how many samples in a row (up to 3) came without a gap between them.
    private var previous = PowerSample(seconds: 0, watts: 0)
    private var beforePrevious = PowerSample(seconds: 0, watts: 0)
    private var samplesSinceGap = 0
    private var candidates: [SensorOutlier] = []

    /// Adds the next sample; `intervalJoules` is the integral since the previous one, `isGap` whether that interval
    /// may be a gap (a stuck stretch or a spike does not span one).
    mutating func add(_ sample: PowerSample, intervalJoules: Double, isGap: Bool) {
        if !isGap && sample.watts == runWatts {
            runCount += 1
            runEndSeconds = sample.seconds
            runJoules += intervalJoules
        } else {
            if runCount >= Self.stuckMinimumSamples { closeRun() }
            runStartSeconds = sample.seconds
            runEndSeconds = sample.seconds
            runWatts = sample.watts
            runCount = 1
            runJoules = 0
            runUtilizationLow = .nan
            runUtilizationHigh = .nan
        }
        if !sample.utilizationPercent.isNaN {
            // `min`/`max` with a NaN start keep the number.
            runUtilizationLow =
                runUtilizationLow.isNaN ? sample.utilizationPercent : min(runUtilizationLow, sample.utilizationPercent)
            runUtilizationHigh =
                runUtilizationHigh.isNaN
                ? sample.utilizationPercent : max(runUtilizationHigh, sample.utilizationPercent)
        }
        samplesSinceGap = isGap ? 1 : min(samplesSinceGap + 1, 3)
        // The line between the neighbours lies between them, so a spike rises above the lower one by as much.
        if samplesSinceGap == 3 && previous.watts - min(beforePrevious.watts, sample.watts) >= Self.spikeMinimumWatts {
            noteSpike(before: beforePrevious, middle: previous, after: sample)
        }
        beforePrevious = previous
        previous = sample
    }

    private mutating func closeRun() {
        let seconds = runEndSeconds - runStartSeconds
        let utilizationMoved = runUtilizationHigh - runUtilizationLow >= Self.stuckUtilizationSpreadPercent
        guard runCount >= Self.stuckMinimumSamples,
            seconds >= Self.stuckMinimumSeconds || (utilizationMoved && seconds >= Self.stuckWhileBusyMinimumSeconds)
        else {
            return
        }
        let stretch = SensorStuckStretch(
            startSeconds: runStartSeconds, endSeconds: runEndSeconds, sampleCount: runCount, watts: runWatts,
            joules: runJoules,
            utilizationPercent: runUtilizationLow.isNaN ? nil : Double(runUtilizationLow)...Double(runUtilizationHigh))
        if findings.stuckStretches.count < Self.listedCapacity { findings.stuckStretches.append(stretch) }
        findings.stuckCount += 1
        findings.stuckSeconds += stretch.seconds
        findings.stuckJoules += stretch.joules
    }

    private mutating func noteSpike(before: PowerSample, middle: PowerSample, after: PowerSample) {
        let span = after.seconds - before.seconds
        guard span > 0, middle.seconds - before.seconds <= Self.spikeMaximumNeighbourSeconds,
            after.seconds - middle.seconds <= Self.spikeMaximumNeighbourSeconds
        else { return }
        let line = before.watts + (after.watts - before.watts) * (middle.seconds - before.seconds) / span
        let deviation = middle.watts - line
        guard deviation >= Self.spikeMinimumWatts,
            deviation >= Self.spikeNeighbourRatio * abs(after.watts - before.watts)
        else { return }
        candidates.append(
            SensorOutlier(
                seconds: middle.seconds, watts: middle.watts, expectedWatts: line, joules: deviation * span * 0.5))
        if candidates.count >= 2 * Self.listedCapacity {
            // Keep the largest deviations; the others stay ordinary readings.
            candidates.sort { $0.watts - $0.expectedWatts > $1.watts - $1.expectedWatts }
            candidates.removeLast(candidates.count - Self.listedCapacity)
            candidates.sort { $0.seconds < $1.seconds }
        }
    }

    /// The findings, once every sample has been added; `histogram` counts every reading in buckets of `bucketWatts`
    /// from 0 W.
    func finished(histogram: [UInt32], bucketWatts: Double) -> SensorFindings {
        var check = self
        check.closeRun()
        var result = check.findings
        guard !candidates.isEmpty else { return result }
        var others = histogram
        for candidate in candidates {
            let bucket = Self.bucket(candidate.watts, count: others.count, bucketWatts: bucketWatts)
            if others[bucket] > 0 { others[bucket] -= 1 }
        }
        guard let highest = others.lastIndex(where: { $0 > 0 }) else { return result }
        let center: (Int) -> Double = { (Double($0) + 0.5) * bucketWatts }
        let median = Self.quantile(0.5, of: histogram).map(center) ?? 0
        let mad = Self.medianAbsoluteDeviation(histogram, median: median, center: center)
        let bound = max(
            Self.outlierScaleMultiple * 1.4826 * mad, Self.outlierFloorWatts, Self.outlierFloorShareOfMedian * median)
        let highestOther = Double(highest + 1) * bucketWatts
        result.outliers = candidates.filter { candidate in
            candidate.watts - median > bound && candidate.watts > Self.outlierFactorBeyondOthers * highestOther
        }
        return result
    }

    private static func bucket(_ watts: Double, count: Int, bucketWatts: Double) -> Int {
        guard watts.isFinite else { return 0 }
        return min(count - 1, max(0, Int(watts / bucketWatts)))
    }

    /// The bucket below which a share `fraction` of the counts lie.
    private static func quantile(_ fraction: Double, of histogram: [UInt32]) -> Int? {
        let total = histogram.reduce(0) { $0 + Int($1) }
        guard total > 0 else { return nil }
        let target = max(1, Int((fraction * Double(total)).rounded(.up)))
        var seen = 0
        for (bucket, count) in histogram.enumerated() {
            seen += Int(count)
            if seen >= target { return bucket }
        }
        return histogram.count - 1
    }

    /// The median distance of the readings from `median`, at the histogram's resolution.
    private static func medianAbsoluteDeviation(
        _ histogram: [UInt32], median: Double, center: (Int) -> Double
    ) -> Double {
        let deviations = histogram.indices.filter { histogram[$0] > 0 }
            .map { (deviation: abs(center($0) - median), count: Int(histogram[$0])) }
            .sorted { $0.deviation < $1.deviation }
        let total = deviations.reduce(0) { $0 + $1.count }
        var seen = 0
        for entry in deviations {
            seen += entry.count
            if 2 * seen >= total { return entry.deviation }
        }
        return 0
    }
}

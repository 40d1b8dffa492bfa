/// The run's power profile slid in time against a grid-intensity series (`footprint whatif --shift ±H`): its
/// emissions at each start within ±H hours, and the best and worst of them.
///
/// Offsets are whole steps: the series' interval when its rows are evenly spaced, else one hour. The job's power
/// profile moved by an offset d draws, in each series interval [a, b), the energy the run drew in [a − d, b − d),
/// read from each job GPU's trace with ``EnergyTrace/joules(from:to:)`` (the analysis registers every series edge
/// as a boundary, so for an evenly spaced series covering the run these instants are all known); kg CO2e is the sum
/// of those energies × the interval's intensity × PUE.
///
/// An offset is a candidate only when the series covers the whole shifted run (from its first to its last power
/// sample): energy outside the series would need an intensity the series does not give, so such offsets are
/// counted in ``notCoveredCount`` and left out. An offset whose energy at a shifted edge is not known (an unevenly
/// spaced series) is counted in ``unpricedCount`` and left out too.
public struct CounterfactualShift: Sendable, Hashable {
    /// One start time priced.
    public struct Candidate: Sendable, Hashable {
        /// Seconds the run is moved by: negative earlier, positive later.
        public var offsetSeconds: Double
        /// UTC seconds of the moved run's first power sample.
        public var startSeconds: Double
        /// The moved run's emissions: each series interval's energy × its intensity × PUE.
        public var kilogramsCO2e: Double
    }

    /// The window asked for, ± hours.
    public var windowHours: Double
    /// Seconds between neighbouring offsets.
    public var stepSeconds: Double
    /// True when the step is the series' own interval (its rows evenly spaced); false for the one-hour step of an
    /// unevenly spaced series.
    public var stepIsSeriesInterval: Bool
    /// UTC seconds of the job's first power sample; nil without power samples.
    public var runStartSeconds: Double?
    /// Offsets in ±``windowHours`` at ``stepSeconds``, the run's own included.
    public var offsetCount: Int
    /// The offsets priced, earliest first.
    public var candidates: [Candidate]
    /// Offsets left out because the series does not cover the whole moved run.
    public var notCoveredCount: Int
    /// Offsets left out because the run's energy at a moved series edge is not known.
    public var unpricedCount: Int

    /// The run as it happened (offset 0), when the series covers it; nil otherwise.
    public var actual: Candidate? { candidates.first { $0.offsetSeconds == 0 } }
    /// The lowest-emission start; ties go to the smallest move, then the earlier one.
    public var best: Candidate? {
        candidates.min { Self.rank($0, lowFirst: true) < Self.rank($1, lowFirst: true) }
    }
    /// The highest-emission start; ties go to the smallest move, then the earlier one.
    public var worst: Candidate? {
        candidates.min { Self.rank($0, lowFirst: false) < Self.rank($1, lowFirst: false) }
    }
    /// kg CO2e saved by starting at the best time rather than the actual one; nil without both.
    public var savingKilogramsCO2e: Double? {
        guard let actual, let best else { return nil }
        return actual.kilogramsCO2e - best.kilogramsCO2e
    }
    /// The saving as a share of the actual emissions; nil without both, or when the actual emissions are 0.
    public var savingShare: Double? {
        guard let saving = savingKilogramsCO2e, let actual, actual.kilogramsCO2e > 0 else { return nil }
        return saving / actual.kilogramsCO2e
    }

    /// The largest number of steps either side that is considered (a window of a year in 0.1 s steps stays
    /// countable); offsets are further limited to those the series covers.
    static let maximumSteps = 1e12

    /// Prices the job's traces at every offset in ±`windowHours`.
    ///
    /// - Parameters:
    ///   - jobTraces: the job GPUs' traces, with the series' edges registered as boundaries.
    ///   - pue: applied to every offset alike.
    ///   - windowHours: positive, finite.
    /// - Complexity: O(c × (n + g × log m)) for c covered offsets, g traces, n series intervals per moved run and m
    ///   series rows.
    public static func price(
        jobTraces: [EnergyTrace], series: IntensitySeries, pue: Double, windowHours: Double
    ) -> CounterfactualShift {
        let (step, even) = step(of: series)
        let reach = min(maximumSteps, max(0, (windowHours * 3600 / step).rounded(.down)))
        let offsetCount = Int(2 * reach + 1)
        let traces = jobTraces.filter { $0.sampleCount > 0 }
        var shift = CounterfactualShift(
            windowHours: windowHours, stepSeconds: step, stepIsSeriesInterval: even, runStartSeconds: nil,
            offsetCount: offsetCount, candidates: [], notCoveredCount: offsetCount, unpricedCount: 0)
        guard let span = EnergyTrace.span(of: traces) else { return shift }
        shift.runStartSeconds = span.lowerBound
        let intervals = series.intervals
        let lowest = max(-reach, ((series.firstSeconds - span.lowerBound) / step).rounded(.up))
        let highest = min(reach, ((series.endSeconds - span.upperBound) / step).rounded(.down))
        guard lowest.isFinite, highest.isFinite, lowest <= highest else { return shift }
        for steps in Int(lowest)...Int(highest) {
            let offset = Double(steps) * step
            guard span.lowerBound + offset >= series.firstSeconds, span.upperBound + offset <= series.endSeconds
            else { continue }
            guard let grams = grams(traces, intervals: intervals, offsetSeconds: offset) else {
                shift.unpricedCount += 1
                continue
            }
            shift.candidates.append(
                Candidate(
                    offsetSeconds: offset, startSeconds: span.lowerBound + offset,
                    kilogramsCO2e: grams * pue / 1000))
        }
        shift.notCoveredCount = offsetCount - shift.candidates.count - shift.unpricedCount
        return shift
    }

    /// The step between offsets: the series' interval when its rows are evenly spaced (one row counts as even, at
    /// its typical interval), else one hour.
    static func step(of series: IntensitySeries) -> (seconds: Double, isSeriesInterval: Bool) {
        let starts = series.startSeconds
        guard starts.count > 1 else {
            let typical = series.typicalIntervalSeconds
            return typical.isFinite && typical > 0 ? (typical, true) : (3600, false)
        }
        let first = starts[1] - starts[0]
        let even = first > 0 && zip(starts.dropFirst(), starts.dropFirst(2)).allSatisfy { $1 - $0 == first }
        return even ? (first, true) : (3600, false)
    }

    /// Grams CO2e per unit of PUE of `traces` moved by `offsetSeconds`: each series interval's energy × its
    /// intensity; nil when an energy is not known.
    private static func grams(
        _ traces: [EnergyTrace], intervals: [(start: Double, end: Double, gramsCO2ePerKWh: Double)],
        offsetSeconds: Double
    ) -> Double? {
        var grams = 0.0
        for trace in traces {
            let start = trace.firstSeconds + offsetSeconds
            let end = trace.lastSeconds + offsetSeconds
            var index = firstInterval(endingAfter: start, in: intervals)
            while index < intervals.count && intervals[index].start < end {
                let interval = intervals[index]
                guard
                    let joules = joules(
                        trace, from: interval.start - offsetSeconds, to: interval.end - offsetSeconds)
                else { return nil }
                grams += joules / EnergyUnit.joulesPerKilowattHour * interval.gramsCO2ePerKWh
                index += 1
            }
        }
        return grams
    }

    /// The index of the first interval whose end is after `instant` (intervals are contiguous and in order).
    private static func firstInterval(
        endingAfter instant: Double, in intervals: [(start: Double, end: Double, gramsCO2ePerKWh: Double)]
    ) -> Int {
        intervals.partitionPoint { $0.end <= instant }
    }

    /// The trace's energy between two instants: ``EnergyTrace/joules(from:to:)`` where both are registered
    /// boundaries; an instant that is not, at or before the first sample counts as no energy yet and at or after
    /// the last as the whole energy; nil for an unregistered instant inside the trace.
    static func joules(_ trace: EnergyTrace, from start: Double, to end: Double) -> Double? {
        if let joules = trace.joules(from: start, to: end) { return joules }
        func cumulative(_ instant: Double) -> Double? {
            if let joules = trace.cumulativeJoules(at: instant) { return joules }
            if instant <= trace.firstSeconds { return 0 }
            if instant >= trace.lastSeconds { return trace.joules }
            return nil
        }
        guard let startJoules = cumulative(start), let endJoules = cumulative(end) else { return nil }
        return endJoules - startJoules
    }

    /// The sort key of a candidate: kg CO2e (ascending, or descending when not `lowFirst`), then the size of the
    /// move, then the offset.
    private static func rank(_ candidate: Candidate, lowFirst: Bool) -> (Double, Double, Double) {
        (
            lowFirst ? candidate.kilogramsCO2e : -candidate.kilogramsCO2e, abs(candidate.offsetSeconds),
            candidate.offsetSeconds
        )
    }
}

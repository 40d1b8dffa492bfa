/// Builds one GPU's trace from a cumulative energy counter (DCGM's total energy, millijoules since the driver was
/// loaded), beside its power readings, in constant memory.
///
/// The energy is the sum of the counter's positive increments; a decrease is a reset, and the energy of that
/// interval is not known (``resetCount``). Between two readings the counter is taken as linear, which gives the
/// cumulative energy at registered boundaries and the profile (each interval at its mean power). Power readings go through a ``PowerIntegrator`` as usual, for the span, the gaps, the sensor
/// check and the trapezoid cross-check (``powerJoules``); without any, the counter's interval means stand in for
/// them. With fewer than two counter readings, or readings that do not span the power readings' time, the trace is
/// the power integrator's alone (``usesCounter``).
struct EnergyCounterIntegrator {
    private let boundaries: [Double]
    private var power: PowerIntegrator
    private var derivedPower: PowerIntegrator
    private var nextBoundary = 0
    private var cumulativeJoulesAtBoundaries: [Double]
    private var profile: PowerProfile?
    private var lastSeconds = 0.0
    private var lastMillijoules = 0.0
    private var firstSeconds = 0.0
    private(set) var readingCount = 0
    /// The sum of the positive increments, joules.
    private(set) var joules = 0.0
    private(set) var resetCount = 0

    init(boundaries: [Double], gapThresholdSeconds: Double?) {
        self.boundaries = boundaries.sorted()
        cumulativeJoulesAtBoundaries = Array(repeating: 0, count: boundaries.count)
        power = PowerIntegrator(boundaries: boundaries, gapThresholdSeconds: gapThresholdSeconds)
        derivedPower = PowerIntegrator(boundaries: boundaries, gapThresholdSeconds: gapThresholdSeconds)
    }

    /// Valid power readings added so far.
    var powerSampleCount: Int { power.sampleCount }

    /// The trapezoid of the power readings, joules; nil without two of them.
    var powerJoules: Double? { power.sampleCount > 1 ? power.joules : nil }

    /// Whether the energy is the counter's: two readings or more that span the power readings' time, each end
    /// within a gap threshold of theirs. A counter that started late or stopped early (`N/A` at the start or end)
    /// would leave that time out of the energy: the power's trapezoid is the energy then.
    var usesCounter: Bool {
        guard readingCount > 1 else { return false }
        guard power.sampleCount > 1 else { return true }
        let slack = power.gapThresholdSeconds
        return firstSeconds <= power.firstSeconds + slack && lastSeconds >= power.lastSeconds - slack
    }

    /// The seconds between the first and last counter readings.
    var counterSpanSeconds: Double { lastSeconds - firstSeconds }

    /// The seconds between the first and last power readings.
    var powerSpanSeconds: Double { power.lastSeconds - power.firstSeconds }

    /// Adds a power reading in watts at UTC `seconds`.
    mutating func addPower(seconds: Double, watts: Double, utilizationPercent: Float = .nan) {
        power.add(seconds: seconds, watts: watts, utilizationPercent: utilizationPercent)
    }

    /// Adds a counter reading in millijoules at UTC `seconds`.
    ///
    /// - Returns: false when the reading is below the previous one (a reset).
    @discardableResult
    mutating func addCounter(seconds: Double, millijoules: Double) -> Bool {
        guard readingCount > 0 else {
            readingCount = 1
            firstSeconds = seconds
            lastSeconds = seconds
            lastMillijoules = millijoules
            profile = PowerProfile(originSeconds: seconds.rounded(.down))
            while nextBoundary < boundaries.count && boundaries[nextBoundary] < seconds { nextBoundary += 1 }
            return true
        }
        let interval = seconds - lastSeconds
        // A reading at or before the previous one's time is left out (the power readings count theirs).
        guard interval > 0 else { return true }
        let isReset = millijoules < lastMillijoules
        let increment = isReset ? 0 : (millijoules - lastMillijoules) / 1000
        if isReset { resetCount += 1 }
        while nextBoundary < boundaries.count && boundaries[nextBoundary] <= seconds {
            let fraction = (boundaries[nextBoundary] - lastSeconds) / interval
            cumulativeJoulesAtBoundaries[nextBoundary] = joules + increment * fraction
            nextBoundary += 1
        }
        let watts = increment / interval
        profile?.add(from: lastSeconds, to: seconds, startWatts: watts, endWatts: watts)
        if readingCount == 1 { derivedPower.add(seconds: lastSeconds, watts: watts) }
        derivedPower.add(seconds: seconds, watts: watts)
        joules += increment
        lastSeconds = seconds
        lastMillijoules = millijoules
        readingCount += 1
        return !isReset
    }

    /// The trace: the counter's energy over the power readings' (or the counter's own) timing.
    func finished() -> EnergyTrace {
        var trace = (power.sampleCount > 0 ? power : derivedPower).finished(keepingSamples: false)
        // Power derived from the counter's steps is no sensor's reading: a counter that repeats its value between
        // updates makes steps of 0 and twice the power, which are no stuck sensor or outliers.
        if power.sampleCount == 0 { trace.sensor = SensorFindings() }
        guard usesCounter, let profile else { return trace }
        var cumulative = cumulativeJoulesAtBoundaries
        for index in nextBoundary..<boundaries.count where boundaries[index] >= lastSeconds {
            cumulative[index] = joules
        }
        trace.joules = joules
        // The counter leaves no sampling uncertainty between its readings.
        trace.leftRuleJoules = joules
        trace.cumulativeJoulesAtBoundaries = cumulative
        trace.profile = profile
        if power.sampleCount == 0 {
            trace.firstSeconds = firstSeconds
            trace.lastSeconds = lastSeconds
        }
        return trace
    }
}

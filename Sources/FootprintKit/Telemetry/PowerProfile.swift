/// Power over time at plotting resolution, in constant memory: at most ``capacity`` buckets of equal width, each
/// holding the energy and the time covered by samples in it. When the span outgrows the buckets, neighbours merge
/// in pairs and the width doubles, so any log length fits.
public struct PowerProfile: Sendable, Hashable, Codable {
    public static let capacity = 1024

    /// UTC seconds where bucket 0 starts.
    public private(set) var originSeconds: Double
    public private(set) var bucketSeconds: Double
    private(set) var joules: [Double] = []
    private(set) var coveredSeconds: [Double] = []

    init(originSeconds: Double, bucketSeconds: Double = 1) {
        self.originSeconds = originSeconds
        self.bucketSeconds = bucketSeconds
    }

    /// Mean power per bucket: (bucket start UTC seconds, watts) for buckets with samples, in time order.
    public var points: [(seconds: Double, watts: Double)] {
        joules.indices.compactMap { index in
            // A bucket emptied by a removal keeps rounding residue only.
            coveredSeconds[index] > 1e-9 * bucketSeconds
                ? (originSeconds + (Double(index) + 0.5) * bucketSeconds, joules[index] / coveredSeconds[index]) : nil
        }
    }

    /// The energy between two instants, at bucket resolution: each bucket's energy counted in the share of its
    /// width that falls between them.
    public func joules(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        var total = 0.0
        for index in joules.indices {
            let bucketStart = originSeconds + Double(index) * bucketSeconds
            let overlap = min(end, bucketStart + bucketSeconds) - max(start, bucketStart)
            if overlap > 0 { total += joules[index] * overlap / bucketSeconds }
        }
        return total
    }

    /// Adds the linear segment from (`start`, `startWatts`) to (`end`, `endWatts`), split across the buckets it
    /// crosses.
    mutating func add(from start: Double, to end: Double, startWatts: Double, endWatts: Double) {
        accumulate(from: start, to: end, startWatts: startWatts, endWatts: endWatts, sign: 1)
    }

    /// Takes out a segment added before (a gap left unmeasured): its energy and its time leave the buckets.
    mutating func remove(from start: Double, to end: Double, startWatts: Double, endWatts: Double) {
        accumulate(from: start, to: end, startWatts: startWatts, endWatts: endWatts, sign: -1)
    }

    private mutating func accumulate(
        from start: Double, to end: Double, startWatts: Double, endWatts: Double, sign: Double
    ) {
        guard end > start, start >= originSeconds else { return }
        while end - originSeconds > Double(Self.capacity) * bucketSeconds { mergePairs() }
        let first = bucketIndex(start)
        if end <= originSeconds + Double(first + 1) * bucketSeconds {
            // Within one bucket (most segments): no point between the ends to interpolate.
            addToBucket(
                first, joules: sign * (startWatts + endWatts) * 0.5 * (end - start), seconds: sign * (end - start))
            return
        }
        var from = start
        while from < end {
            let index = bucketIndex(from)
            let bucketEnd = originSeconds + Double(index + 1) * bucketSeconds
            let to = min(end, bucketEnd)
            // The segment's own ends exactly, points between interpolated.
            let wattsFrom =
                from == start ? startWatts : startWatts + (endWatts - startWatts) * (from - start) / (end - start)
            let wattsTo = to == end ? endWatts : startWatts + (endWatts - startWatts) * (to - start) / (end - start)
            addToBucket(index, joules: sign * (wattsFrom + wattsTo) * 0.5 * (to - from), seconds: sign * (to - from))
            from = to > from ? to : end
        }
    }

    /// The bucket that holds the instant `seconds` (at or after the origin). Samples come in time order, so it is
    /// mostly the last bucket so far, found by two comparisons rather than the division. The bounds are whole
    /// seconds (the origin is, and the width a power of two of at least one), so both find the same bucket.
    @inline(__always)
    private func bucketIndex(_ seconds: Double) -> Int {
        let last = joules.count - 1
        let lastStart = originSeconds + Double(last) * bucketSeconds
        if seconds >= lastStart && seconds < lastStart + bucketSeconds { return last }
        return min(Int((seconds - originSeconds) / bucketSeconds), Self.capacity - 1)
    }

    @inline(__always)
    private mutating func addToBucket(_ index: Int, joules energy: Double, seconds: Double) {
        // Appended one by one, so the arrays grow geometrically rather than by an allocation per new bucket.
        while joules.count <= index {
            joules.append(0)
            coveredSeconds.append(0)
        }
        joules[index] += energy
        coveredSeconds[index] += seconds
    }

    private mutating func mergePairs() {
        var mergedJoules: [Double] = []
        var mergedCovered: [Double] = []
        for pair in stride(from: 0, to: joules.count, by: 2) {
            let next = pair + 1 < joules.count
            mergedJoules.append(joules[pair] + (next ? joules[pair + 1] : 0))
            mergedCovered.append(coveredSeconds[pair] + (next ? coveredSeconds[pair + 1] : 0))
        }
        joules = mergedJoules
        coveredSeconds = mergedCovered
        bucketSeconds *= 2
    }

    /// This profile with `other`'s buckets added as constant-power segments (for logs of one GPU joined).
    func merged(with other: PowerProfile) -> PowerProfile {
        var result = PowerProfile(
            originSeconds: min(originSeconds, other.originSeconds),
            bucketSeconds: min(bucketSeconds, other.bucketSeconds))
        for profile in [self, other] {
            for index in profile.joules.indices where profile.coveredSeconds[index] > 1e-9 * profile.bucketSeconds {
                let start = profile.originSeconds + Double(index) * profile.bucketSeconds
                let watts = profile.joules[index] / profile.coveredSeconds[index]
                result.add(from: start, to: start + profile.coveredSeconds[index], startWatts: watts, endWatts: watts)
            }
        }
        return result
    }

    /// Whether the buckets are as this type keeps them (one time per energy, within ``capacity``, a positive
    /// finite width): what a decoded profile must be before it is used.
    var isConsistent: Bool {
        joules.count == coveredSeconds.count && joules.count <= Self.capacity && bucketSeconds > 0
            && bucketSeconds.isFinite && originSeconds.isFinite
    }
}

/// One scalar tag's points in the order they were read: step, UTC wall time and value.
public struct ScalarSeries: Sendable, Hashable, Codable {
    public var steps: [Int64] = []
    /// Unix seconds (UTC) as the writer stamped each event.
    public var wallTimes: [Double] = []
    public var values: [Double] = []
    /// The index (in the run's file order) of the file each point came from.
    public var fileIndices: [UInt16] = []
    /// Whether steps never decrease, so that a purge only cuts a suffix.
    private var stepsAscend = true

    public var count: Int { steps.count }

    /// The points the series holds before its storage must grow.
    var capacity: Int { min(steps.capacity, wallTimes.capacity, values.capacity, fileIndices.capacity) }

    /// Makes room for `count` points in all, in one step.
    mutating func reserveCapacity(_ count: Int) {
        steps.reserveCapacity(count)
        wallTimes.reserveCapacity(count)
        values.reserveCapacity(count)
        fileIndices.reserveCapacity(count)
    }

    mutating func append(step: Int64, wallTime: Double, value: Double, fileIndex: UInt16) {
        if let last = steps.last, step < last { stepsAscend = false }
        steps.append(step)
        wallTimes.append(wallTime)
        values.append(value)
        fileIndices.append(fileIndex)
    }

    /// Removes the points whose step is at or after `step`; returns how many.
    mutating func removePoints(fromStep step: Int64) -> Int {
        if stepsAscend {
            var cut = steps.count
            while cut > 0 && steps[cut - 1] >= step { cut -= 1 }
            let removed = steps.count - cut
            steps.removeLast(removed)
            wallTimes.removeLast(removed)
            values.removeLast(removed)
            fileIndices.removeLast(removed)
            return removed
        }
        guard steps.contains(where: { $0 >= step }) else { return 0 }
        var kept = ScalarSeries()
        for index in steps.indices where steps[index] < step {
            kept.append(
                step: steps[index], wallTime: wallTimes[index], value: values[index], fileIndex: fileIndices[index])
        }
        let removed = count - kept.count
        self = kept
        return removed
    }

    /// Marks every point as coming from the file `fileIndex`.
    private mutating func assign(toFile fileIndex: UInt16) {
        if fileIndices.count != count || fileIndices.contains(where: { $0 != fileIndex }) {
            fileIndices = Array(repeating: fileIndex, count: count)
        }
    }

    mutating func append(contentsOf other: ScalarSeries, fileIndex: UInt16) {
        guard count > 0 else {
            // Into an empty series the points move whole: `other`'s storage is shared, not copied.
            self = other
            assign(toFile: fileIndex)
            return
        }
        if !other.stepsAscend || (steps.last.map { last in other.steps.first.map { $0 < last } ?? false } ?? false) {
            stepsAscend = false
        }
        steps.append(contentsOf: other.steps)
        wallTimes.append(contentsOf: other.wallTimes)
        values.append(contentsOf: other.values)
        fileIndices.append(contentsOf: repeatElement(fileIndex, count: other.count))
    }

    /// Whether every point has its step, time, value and file: what a decoded series must be before it is used.
    var isConsistent: Bool {
        wallTimes.count == steps.count && values.count == steps.count && fileIndices.count == steps.count
    }
}

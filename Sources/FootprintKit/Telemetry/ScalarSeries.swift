/// One scalar tag's points in the order they were read, and the file each came from.
///
/// The points are one array, so that reading a point appends once and a point's step, time and value sit
/// together. The files are kept as runs: a tag's points come from a run's files one file after the other.
public struct ScalarSeries: Sendable, Hashable, Codable {
    /// Where the points of one file start: the points from ``start`` up to the next run's start came from the
    /// file ``fileIndex`` (in the run's file order).
    struct FileRun: Sendable, Hashable, Codable {
        var start: Int
        var fileIndex: UInt16
    }

    public internal(set) var points: [ScalarPoint] = []
    /// The files of the points, in point order; points before the first run (all of them when there is none) came
    /// from file 0.
    private var fileRuns: [FileRun] = []
    /// Whether steps never decrease, so that a purge only cuts a suffix.
    private var stepsAscend = true

    public var count: Int { points.count }

    /// The points the series holds before its storage must grow.
    var capacity: Int { points.capacity }

    /// Makes room for `count` points in all, in one step.
    mutating func reserveCapacity(_ count: Int) {
        points.reserveCapacity(count)
    }

    /// Appends a point of the file the series' last points came from.
    mutating func append(step: Int64, wallTime: Double, value: Double) {
        if let last = points.last, step < last.step { stepsAscend = false }
        points.append(ScalarPoint(step: step, wallTime: wallTime, value: value))
    }

    /// The index (in the run's file order) of the file the point at `index` came from.
    public func fileIndex(ofPoint index: Int) -> UInt16 {
        let after = fileRuns.partitionPoint { $0.start <= index }
        return after == 0 ? 0 : fileRuns[after - 1].fileIndex
    }

    /// The number of distinct steps: a count of changes when steps never decrease (the usual case), else a set.
    var distinctStepCount: Int {
        guard let first = points.first else { return 0 }
        guard stepsAscend else { return Set(points.lazy.map(\.step)).count }
        var count = 1
        var previous = first.step
        for point in points where point.step != previous {
            count += 1
            previous = point.step
        }
        return count
    }

    /// Removes the points whose step is at or after `step`; returns how many.
    mutating func removePoints(fromStep step: Int64) -> Int {
        let before = count
        if stepsAscend {
            var cut = count
            while cut > 0 && points[cut - 1].step >= step { cut -= 1 }
            points.removeLast(before - cut)
            fileRuns.removeAll { $0.start >= cut }
            return before - cut
        }
        guard points.contains(where: { $0.step >= step }) else { return 0 }
        var kept = ScalarSeries()
        for index in points.indices where points[index].step < step {
            kept.startFile(fileIndex(ofPoint: index), at: kept.count)
            kept.append(step: points[index].step, wallTime: points[index].wallTime, value: points[index].value)
        }
        self = kept
        return before - count
    }

    /// Appends the points of `other`, a series read from one file, as the points of the file `fileIndex`.
    mutating func append(contentsOf other: ScalarSeries, fileIndex: UInt16) {
        let otherAscend = other.stepsAscend
        if count == 0 {
            // Into an empty series the points move whole: `other`'s storage is shared, not copied.
            points = other.points
        } else {
            if let last = points.last, let first = other.points.first, first.step < last.step { stepsAscend = false }
            points.append(contentsOf: other.points)
        }
        stepsAscend = stepsAscend && otherAscend
        if other.count > 0 { startFile(fileIndex, at: count - other.count) }
    }

    /// Makes the points from `start` on those of the file `fileIndex`.
    private mutating func startFile(_ fileIndex: UInt16, at start: Int) {
        if fileIndex != fileRuns.last?.fileIndex ?? 0 {
            fileRuns.append(FileRun(start: start, fileIndex: fileIndex))
        }
    }

    /// Encoded as one array per field, not one object per point: a report part's series take about two thirds of
    /// the bytes.
    private enum CodingKeys: String, CodingKey {
        case steps, wallTimes, values, fileRuns, stepsAscend
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let steps = try container.decode([Int64].self, forKey: .steps)
        let wallTimes = try container.decode([Double].self, forKey: .wallTimes)
        let values = try container.decode([Double].self, forKey: .values)
        guard wallTimes.count == steps.count, values.count == steps.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "steps, wall times and values of unequal counts")
        }
        points = steps.indices.map { ScalarPoint(step: steps[$0], wallTime: wallTimes[$0], value: values[$0]) }
        fileRuns = try container.decode([FileRun].self, forKey: .fileRuns)
        stepsAscend = try container.decode(Bool.self, forKey: .stepsAscend)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points.map(\.step), forKey: .steps)
        try container.encode(points.map(\.wallTime), forKey: .wallTimes)
        try container.encode(points.map(\.value), forKey: .values)
        try container.encode(fileRuns, forKey: .fileRuns)
        try container.encode(stepsAscend, forKey: .stepsAscend)
    }

    /// Whether the file runs are in point order within the points, each of one of `fileCount` files: what a
    /// decoded series must be before it is used.
    func isConsistent(fileCount: Int) -> Bool {
        var next = 0
        for run in fileRuns {
            guard run.start >= next, run.start < count, Int(run.fileIndex) < fileCount else { return false }
            next = run.start + 1
        }
        return count == 0 || fileCount > 0
    }
}

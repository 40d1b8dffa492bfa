/// What a summary value carries, as TensorBoard's plugins classify it.
public enum SummaryValueKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case scalar, histogram, image, audio, text, hparams
    /// A tensor of another plugin, or a non-scalar tensor under the scalars plugin.
    case tensor
    /// Summary metadata with no value (as hparams and some plugins write).
    case metadataOnly = "metadata only"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    /// The position in ``allCases``.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}

/// One scalar tag's points in the order they were read: step, UTC wall time and value.
public struct ScalarSeries: Sendable, Hashable {
    public var steps: [Int64] = []
    /// Unix seconds (UTC) as the writer stamped each event.
    public var wallTimes: [Double] = []
    public var values: [Double] = []
    /// The index (in the run's file order) of the file each point came from.
    public var fileIndices: [UInt16] = []
    /// Whether steps never decrease, so that a purge only cuts a suffix.
    private var stepsAscend = true

    public var count: Int { steps.count }

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
            kept.append(step: steps[index], wallTime: wallTimes[index], value: values[index], fileIndex: fileIndices[index])
        }
        let removed = count - kept.count
        self = kept
        return removed
    }

    mutating func append(contentsOf other: ScalarSeries, fileIndex: UInt16) {
        if !other.stepsAscend || (steps.last.map { last in other.steps.first.map { $0 < last } ?? false } ?? false) {
            stepsAscend = false
        }
        steps.append(contentsOf: other.steps)
        wallTimes.append(contentsOf: other.wallTimes)
        values.append(contentsOf: other.values)
        fileIndices.append(contentsOf: repeatElement(fileIndex, count: other.count))
    }
}

/// A tag of an event file: what its values were and, for scalars, their points.
public struct EventTag: Sendable, Hashable {
    public var name: String
    /// The plugin named by the tag's first summary metadata (`scalars`, `histograms`, `hparams`, …).
    public var plugin: String?
    /// Values seen, per ``SummaryValueKind`` in its declaration order (an array: this is counted per value).
    var countsByKind = [Int](repeating: 0, count: SummaryValueKind.allCases.count)
    /// Scalar points stored as `simple_value`, and as a rank-0 tensor.
    public var simpleValueCount = 0
    public var tensorScalarCount = 0
    public var series = ScalarSeries()

    public var isScalar: Bool { simpleValueCount + tensorScalarCount > 0 }

    /// Values seen, by kind (kinds never seen are absent).
    public var valueCounts: [SummaryValueKind: Int] {
        var counts: [SummaryValueKind: Int] = [:]
        for (kind, count) in zip(SummaryValueKind.allCases, countsByKind) where count > 0 { counts[kind] = count }
        return counts
    }
    /// `simple_value`, `tensor` or both, as the tag's scalars were stored.
    public var scalarShape: String {
        switch (simpleValueCount > 0, tensorScalarCount > 0) {
        case (true, true): "simple_value+tensor"
        case (true, false): "simple_value"
        case (false, true): "tensor"
        case (false, false): "-"
        }
    }
}

/// Everything read from one TensorBoard event file.
public struct EventFile: Sendable, Hashable {
    public var path: String
    public var displayPath: String
    /// The Unix seconds in the file's name (`events.out.tfevents.<seconds>.<host>…`), which orders a run's files.
    public var nameSeconds: Double?
    public var records = TFRecordCounts()
    public var eventCount = 0
    /// Records whose protobuf could not be decoded.
    public var undecodableCount = 0
    public var fileVersion: String?
    /// The writer named in `source_metadata` (newer PyTorch and TensorBoard writers).
    public var writer: String?
    public var firstWallTime: Double?
    public var lastWallTime: Double?
    /// `graph_def` and `meta_graph_def` events, `tagged_run_metadata`, `log_message` and `session_log` events.
    public var graphCount = 0
    public var runMetadataCount = 0
    public var logMessageCount = 0
    public var sessionLogCount = 0
    /// Steps of SessionLog START events (a restart: later points purge earlier ones at or after this step).
    public var sessionStartSteps: [Int64] = []
    /// Points dropped within the file by a SessionLog START.
    public var supersededCount = 0
    /// Events whose wall time is not a finite number; their scalars are left out.
    public var invalidWallTimeCount = 0
    /// Tags in the order first seen.
    public var tags: [EventTag] = []

    public var valueCounts: [SummaryValueKind: Int] {
        tags.reduce(into: [:]) { counts, tag in counts.merge(tag.valueCounts, uniquingKeysWith: +) }
    }

    /// Reads the seconds from a file name such as `events.out.tfevents.1713773043.host.286970.0`.
    static func nameSeconds(fileName: String) -> Double? {
        let marker = "tfevents."
        guard let markerStart = fileName.firstRange(of: marker) else { return nil }
        let digits = fileName[markerStart.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Double(digits)
    }
}

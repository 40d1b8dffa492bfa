/// Everything read from one TensorBoard event file.
public struct EventFile: Sendable, Hashable, Codable {
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
    /// Events with values whose wall time is outside ``PlausibleTime`` (NaN and ±inf too), or whose step is
    /// outside ``EventDecoder/plausibleSteps``; their scalars are left out.
    public var invalidWallTimes = RejectedValues()
    public var invalidSteps = RejectedValues()
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

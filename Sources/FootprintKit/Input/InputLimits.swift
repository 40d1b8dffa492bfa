/// Limits that bound the work and memory spent on any one input.
///
/// Encoded with the options' names (`max_inflated_bytes`, …).
public struct InputLimits: Sendable, Hashable, Codable {
    /// The most bytes a compressed file may inflate to before reading stops (`--max-inflated-bytes`).
    public var maximumInflatedBytes: UInt64 = 64 << 30
    /// The longest text line read; longer lines are skipped with a warning (`--max-line-bytes`).
    public var maximumLineBytes: Int = 1 << 20
    /// The largest TFRecord accepted; a longer length is taken as damage (`--max-record-bytes`).
    public var maximumRecordBytes: Int = 64 << 20
    /// The deepest nesting of a JSON document (`--max-json-depth`).
    public var maximumJSONDepth: Int = 512

    public init() {}

    enum CodingKeys: String, CodingKey {
        case maximumInflatedBytes = "max_inflated_bytes"
        case maximumLineBytes = "max_line_bytes"
        case maximumRecordBytes = "max_record_bytes"
        case maximumJSONDepth = "max_json_depth"
    }
}

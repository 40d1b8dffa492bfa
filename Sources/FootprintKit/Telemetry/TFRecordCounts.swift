internal import Foundation

/// What the walk met, beyond the records handed out.
public struct TFRecordCounts: Sendable, Hashable, Codable {
    /// Records framed, including those skipped for a bad data checksum.
    public var recordCount = 0
    public var corruptRecordCount = 0
    /// Bytes skipped while looking for the framing again.
    public var skippedBytes = 0
    /// Bytes of a partial record at the end of the stream.
    public var truncatedTailBytes = 0
}

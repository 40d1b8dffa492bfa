internal import Foundation

/// The audit's rows and what happened on the way.
public struct AuditResult: Sendable {
    public var rows: [AuditRow]
    /// Runs whose cached result was reused, and runs analysed now.
    public var reusedCount: Int
    public var analysedCount: Int
    /// Folders that could not be read during discovery.
    public var unreadableFolders: [String]
    /// Runs left to other shards, and left out by `--since`/`--until`.
    public var otherShardCount: Int
    public var outsideDatesCount: Int
    /// What `--sacct` read and left out.
    public var notes: [String] = []
}

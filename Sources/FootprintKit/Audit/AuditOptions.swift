internal import Foundation

/// What an audit is asked to do besides the per-run options.
public struct AuditOptions: Sendable {
    public var rule: AuditDiscovery.Rule = .logsByName
    /// Runs analysed at once (`--jobs`); memory is bounded by this, not by the number of runs.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// A cache of earlier results keyed by each run's file fingerprint (`--cache`).
    public var cachePath: String?
    /// Keep runs whose start (UTC) is on or after / before these `YYYY-MM-DD` dates; error rows are kept.
    public var since: String?
    public var until: String?
    /// Analyse only the runs that hash to shard `index` of `count` (1-based, `--shard K/N`).
    public var shard: (index: Int, count: Int)?
    public var report = ReportOptions()

    public init() {}
}

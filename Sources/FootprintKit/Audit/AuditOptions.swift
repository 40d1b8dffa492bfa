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
    public var shard: Shard?
    /// A sacct dump whose jobs each become a row (`--sacct`), beside (or instead of) the run folders.
    public var sacctPath: String?
    public var report = ReportOptions()

    public init() {}
}

extension AuditOptions {
    /// Checks `--jobs` and the form of `--since` and `--until`.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming the option.
    public func validate() throws(FootprintError) {
        guard jobs >= 1 else { throw FootprintError(.invalidOption, "--jobs must be at least 1") }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, value.count != 10 || value.split(separator: "-").count != 3 {
                throw FootprintError(.invalidOption, "\(name) '\(value)' is not a date such as 2024-03-05")
            }
        }
    }

    /// The rule `--run-depth` or `--run-glob` gives; nil when neither is given.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` when both are.
    public static func rule(runDepth: Int?, runGlob: String?) throws(FootprintError) -> AuditDiscovery.Rule? {
        switch (runDepth, runGlob) {
        case (let depth?, nil): .depth(depth)
        case (nil, let glob?): .glob(glob)
        case (nil, nil): nil
        case (.some, .some): throw FootprintError(.invalidOption, "give --run-depth or --run-glob, not both")
        }
    }
}

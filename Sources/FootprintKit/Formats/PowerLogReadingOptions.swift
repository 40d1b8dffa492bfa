internal import Foundation

/// What the power-log readers need besides the file: the clock, column hints, windows and limits.
struct PowerLogReadingOptions: Sendable {
    /// Whether there is a second core: on one, a log's rows are parsed and integrated on the reading thread.
    static let hasSecondCore = ProcessInfo.processInfo.activeProcessorCount > 1

    /// The zone of local timestamps.
    var zone: ClockZone = .utc
    /// The `--query-gpu` field list, for files written with `noheader`.
    var queryGPUFields: [String]?
    /// The first row's local time and the sampling interval of a dmon log without date/time columns.
    var dmonStart: LogTimestamp?
    var dmonIntervalSeconds = 1.0
    /// A fixed gap threshold, or nil for the default rule.
    var gapThresholdSeconds: Double?
    /// UTC instants at which cumulative energy is wanted (window edges).
    var boundaries: [Double] = []
    /// Valid power samples that the traces of one reading may retain, all logs together, so that they can be
    /// replayed on another clock (``PowerLog/replayed(in:boundaries:gapThresholdSeconds:)``); 0 retains none.
    /// A trace that would go past the bound retains nothing.
    var retainedSampleLimit = 0
    var limits = InputLimits()
    /// Readings above this are not plausible for one GPU of unknown model and are left out (counted as invalid);
    /// a model in the bundled table is held to 3 × its TDP.
    var maximumPlausibleWatts = 5000.0
    /// Whether a log's readings may be integrated on another thread while its rows are read
    /// (``PowerRowAccumulator``): not while the logs are read side by side, which keeps every core busy already.
    var integratesBesideReading = true

    /// Checks a power reading against `maximumWatts`; returns the reason it is left out, or nil when it is usable.
    func rejection(ofWatts watts: Double, maximumWatts: Double) -> String? {
        if !watts.isFinite { return "not a finite number" }
        if watts < 0 { return "negative" }
        if watts > maximumWatts { return "above \(Int(maximumWatts)) W (implausible for this GPU)" }
        return nil
    }
}

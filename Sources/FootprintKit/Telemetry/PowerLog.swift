/// The power samples one file yielded, per device.
public struct PowerLog: Sendable, Hashable, Codable {
    /// The path relative to the run folder.
    public var path: String
    /// Every file the log was read from, when it is several (an MLflow run's metric files, one per GPU).
    public var sourcePaths: [String] = []
    public var format: SourceKind
    public var encoding: InputEncoding
    /// The power column the energy was computed from (`power.draw.average`, `power.draw`, `pwr`, …), or nil when
    /// the log has none.
    public var powerField: String?
    /// The cumulative energy counter the energy was taken from (DCGM's `TOTEC`), or nil when it is integrated power.
    public var energyCounterField: String?
    public var clock: LogClock
    public var dataRowCount: Int
    public var gpus: [PowerSeries]
    /// Local times that occurred twice (DST fall-back) or never (spring-forward) under the zone.
    public var ambiguousTimeCount: Int
    public var nonexistentTimeCount: Int
    /// Rows whose time is outside ``PlausibleTime``; their readings are not samples.
    public var implausibleTimes = RejectedValues()
    /// The summary figures of a tracker that gives totals per run rather than samples (CodeCarbon).
    public var trackerTotals: TrackerTotals?

    /// Whether the log's times are local ones, read in a zone.
    var hasLocalTimes: Bool {
        if case .local = clock { return true }
        return false
    }

    /// Samples its traces retained (see ``EnergyTrace/retainedSamples``).
    var retainedSampleCount: Int { gpus.reduce(0) { $0 + ($1.trace.retainedSamples?.count ?? 0) } }

    /// Whether every trace with samples retained them all, so that ``replayed(in:boundaries:gapThresholdSeconds:)``
    /// can rebuild it.
    var retainsAllSamples: Bool { gpus.allSatisfy { $0.trace.sampleCount == 0 || $0.trace.retainedSamples != nil } }

    /// This log, read with its local times taken as UTC and its samples retained, as a reading in `zone` with
    /// `boundaries` registered gives it: each trace replayed with its times shifted by the zone's offset (not at
    /// all for a log whose times carry their zone).
    ///
    /// - Parameter gapThresholdSeconds: the fixed gap threshold the log was read with, or nil for the default.
    /// - Returns: nil when a trace's samples were not retained, or when the log has local times and `zone` is not
    ///   a fixed offset (daylight-saving rules place repeated local times by the order of rows, which the samples
    ///   do not keep).
    func replayed(in zone: ClockZone, boundaries: [Double], gapThresholdSeconds: Double?) -> PowerLog? {
        var shiftSeconds = 0.0
        if case .local(let readZone) = clock {
            guard readZone == .utc, case .fixedOffset(let offset) = zone else { return nil }
            shiftSeconds = Double(offset)
            // Under a fixed offset no local time is repeated or skipped: the counts stay 0, as read in UTC.
        }
        var log = self
        for index in gpus.indices {
            guard
                let trace = gpus[index].trace.replayed(
                    shiftedBy: shiftSeconds, boundaries: boundaries,
                    gapThresholdSeconds: gapThresholdSeconds)
            else { return nil }
            log.gpus[index].trace = trace
        }
        if case .local = clock { log.clock = .local(zone) }
        return log
    }
}

/// The power samples one file yielded, per device.
public struct PowerLog: Sendable, Hashable {
    /// The path relative to the run folder.
    public var path: String
    public var format: SourceKind
    public var encoding: InputEncoding
    /// The power column the energy was computed from (`power.draw.average`, `power.draw`, `pwr`, …), or nil when
    /// the log has none.
    public var powerField: String?
    public var clock: LogClock
    public var dataRowCount: Int
    public var gpus: [PowerSeries]
    /// Local times that occurred twice (DST fall-back) or never (spring-forward) under the zone.
    public var ambiguousTimeCount: Int
    public var nonexistentTimeCount: Int

    /// Whether the log's times are local ones, read in a zone.
    var hasLocalTimes: Bool {
        if case .local = clock { return true }
        return false
    }
}

/// A change of a zone's UTC offset (a daylight-saving change): the UTC instant and the offsets either side.
public struct ZoneTransition: Sendable, Hashable {
    /// The first UTC instant with the new offset.
    public var utcSeconds: Double
    /// Seconds east of UTC before and from the change.
    public var offsetBeforeSeconds: Int
    public var offsetAfterSeconds: Int

    /// The wall-clock time at which the change happens, on the old offset (03:00 for Europe/Berlin in October),
    /// as seconds since 1970-01-01 00:00 of the local clock.
    public var localBeforeSeconds: Double { utcSeconds + Double(offsetBeforeSeconds) }
    /// The wall-clock time the clock shows right after the change (02:00 for Europe/Berlin in October).
    public var localAfterSeconds: Double { utcSeconds + Double(offsetAfterSeconds) }
    /// Whether the clock goes back (a repeated local hour), rather than forward (a missing one).
    public var repeatsLocalTime: Bool { offsetAfterSeconds < offsetBeforeSeconds }
}

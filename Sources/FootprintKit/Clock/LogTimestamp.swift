/// A time read from a log: a local wall-clock time still needing a zone, or an absolute UTC instant.
enum LogTimestamp: Equatable {
    /// Seconds since 1970-01-01 00:00 of the log's local wall clock (no zone known yet).
    case local(Double)
    /// Seconds since the Unix epoch, UTC.
    case absolute(Double)
}

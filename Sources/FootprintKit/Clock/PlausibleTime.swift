/// The instants a log's clock can plausibly show: from 2010-01-01 to 2100-01-01 UTC, for every clock the tool
/// reads (power samples, TensorBoard wall times, profiler traces, intensity series).
///
/// NVML and nvidia-smi first reported power in 2011, TensorBoard appeared in 2015 and Kineto traces in 2020, so no
/// real log is older than 2010; that also rejects the dates a machine shows after its clock battery dies (1970, the
/// Unix epoch; 1980, the DOS epoch; 2000, many RTC chips' base). 2100 is far past any log this tool will read and
/// rejects sentinel dates (9999-12-31) and garbage; within the range every time fits a millisecond count, a
/// calendar date and the report's formats.
enum PlausibleTime {
    /// 2010-01-01T00:00:00Z.
    static let earliestSeconds = 1_262_304_000.0
    /// 2100-01-01T00:00:00Z.
    static let latestSeconds = 4_102_444_800.0
    /// How findings name the range.
    static let rangeDescription = "2010-01-01 to 2100-01-01 UTC"

    /// Whether UTC `seconds` lies in the range (false for NaN and ±inf).
    static func contains(_ seconds: Double) -> Bool {
        seconds >= earliestSeconds && seconds < latestSeconds
    }
}

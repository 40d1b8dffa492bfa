#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one field of a power log holds.
enum FieldReading: Equatable {
    /// A number, already multiplied by the scale its unit suffix implies (`mW` → 0.001, `kW` → 1000).
    case number(Double)
    /// A bracketed status such as `[N/A]`, `[Not Supported]`, `[Unknown Error]`, or a lone `-` or `N/A`.
    case unavailable(String)
    /// Anything else.
    case unreadable
}

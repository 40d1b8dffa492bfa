import FuzzSupport
@testable import FootprintKit

// The grid-intensity series reader.
FuzzInput.run { path in
    var findings = FindingLog()
    if let series = try? IntensitySeries.read(path: path, limits: FuzzInput.limits, findings: &findings) {
        _ = series.intervals
    }
}

import FuzzSupport
@testable import FootprintKit

// The streaming JSON scanner, the profiler-trace reader and the settling of the trace's clock.
FuzzInput.run { path in
    var findings = FindingLog()
    if let trace = try? TraceReader.read(
        path: path, displayPath: "fuzz.pt.trace.json", limits: FuzzInput.limits, findings: &findings)
    {
        _ = ProfilerAccounting.boundaries(ProfilerAccounting.align([trace], timeline: nil, findings: &findings))
    }
}

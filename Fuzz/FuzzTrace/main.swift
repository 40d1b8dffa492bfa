import FuzzSupport
@testable import FootprintKit

// The streaming JSON scanner and the profiler-trace reader.
FuzzInput.run { path in
    var findings = FindingLog()
    if let trace = try? TraceReader.read(path: path, displayPath: "fuzz.pt.trace.json", limits: FuzzInput.limits, findings: &findings) {
        _ = ProfilerAccounting.boundaries([trace])
    }
}

import FuzzSupport
@testable import FootprintKit

// The three DCGM readers over the same bytes: dcgmi dmon text (with a start time), a dcgm-exporter scrape and a
// Prometheus query_range document.
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.limits = FuzzInput.limits
    options.dmonStart = .absolute(1_709_647_200)
    options.boundaries = [1_709_647_210, 1_709_647_260]
    var findings = FindingLog()
    _ = try? DCGMDmonReader.read(path: path, displayPath: "fuzz.txt", options: options, findings: &findings)
    let scrape = DiscoveredFile(
        path: path, displayPath: "metrics-1709647200.prom", sizeBytes: 0, kind: .dcgmExporter, encoding: nil)
    _ = try? DCGMExporterReader.read(files: [scrape], options: options, findings: &findings)
    _ = try? DCGMQueryRangeReader.read(path: path, displayPath: "fuzz.json", options: options, findings: &findings)
}

import FuzzSupport
@testable import FootprintKit

// The experiment trackers' readers on the same bytes: CodeCarbon's emissions.csv (with its totals' text), an
// MLflow GPU power metric, and an event file's Megatron-LM energy tags.
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.limits = FuzzInput.limits
    var findings = FindingLog()
    if let log = try? CodeCarbonReader.read(
        path: path, displayPath: "emissions.csv", options: options, findings: &findings),
        let totals = log.trackerTotals
    {
        _ = TrackerTotalsText.summary(totals)
    }
    let metric = DiscoveredFile(
        path: path, displayPath: "gpu_0_power_usage_watts", sizeBytes: 0, kind: .mlflowGPUPower, encoding: nil)
    _ = try? MLflowPowerMetricReader.read(files: [metric], options: options, findings: &findings)
    if let events = try? EventFileReader.read(
        path: path, displayPath: "events.out.tfevents.1.fuzz", limits: FuzzInput.limits, findings: &findings)
    {
        _ = MegatronEnergyReader.powerLog(of: events, options: options, findings: &findings)
    }
}

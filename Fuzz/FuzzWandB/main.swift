import FuzzSupport
@testable import FootprintKit

// The W&B readers: a run file's framing and records (power and history), the events stream and the CSV export.
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.limits = FuzzInput.limits
    var findings = FindingLog()
    _ = try? WandBReader.read(path: path, displayPath: "run-fuzz.wandb", options: options, findings: &findings)
    _ = try? WandBHistoryReader.read(path: path, displayPath: "run-fuzz.wandb", limits: FuzzInput.limits)
}

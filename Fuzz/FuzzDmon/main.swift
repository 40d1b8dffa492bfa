import FuzzSupport
@testable import FootprintKit

// The nvidia-smi dmon reader, with and without date/time columns.
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.limits = FuzzInput.limits
    options.dmonStart = .local(1_709_647_200)
    var findings = FindingLog()
    _ = try? NvidiaSMIDmonReader.read(path: path, displayPath: "fuzz.log", options: options, findings: &findings)
}

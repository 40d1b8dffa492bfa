import FuzzSupport
@testable import FootprintKit

// The nvidia-smi / user CSV reader, local times in a zone with DST, with window boundaries.
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.zone = .named(identifier: "Europe/Berlin")
    options.limits = FuzzInput.limits
    options.boundaries = [1_709_647_200, 1_709_650_800]
    var findings = FindingLog()
    _ = try? NvidiaSMICSVReader.read(path: path, displayPath: "fuzz.csv", options: options, findings: &findings)
}

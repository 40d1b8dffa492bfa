import FuzzSupport
@testable import FootprintKit

// The nvidia-smi / user CSV reader, local times in a zone with DST, with window boundaries; read again in blocks of
// a few bytes, which must give the same log and findings wherever the blocks end (unless a line was too long: where
// that is noticed depends on the reads).
FuzzInput.run { path in
    var options = PowerLogReadingOptions()
    options.zone = .named(identifier: "Europe/Berlin")
    options.limits = FuzzInput.limits
    options.boundaries = [1_709_647_200, 1_709_650_800]
    var findings = FindingLog()
    let log = try? NvidiaSMICSVReader.read(path: path, displayPath: "fuzz.csv", options: options, findings: &findings)
    var smallBlockFindings = FindingLog()
    let smallBlockLog = try? NvidiaSMICSVReader.read(
        path: path, displayPath: "fuzz.csv", options: options, findings: &smallBlockFindings, blockBytes: 7)
    let all = findings.allFindings()
    guard !(all + smallBlockFindings.allFindings()).contains(where: { $0.message.contains("longer than") }) else {
        return
    }
    precondition(String(describing: log) == String(describing: smallBlockLog), "blocks change the log")
    precondition(all == smallBlockFindings.allFindings(), "blocks change the findings")
}

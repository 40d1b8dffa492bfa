import Foundation
@testable import FootprintKit
import FootprintTestSupport

/// Reads one CSV power log with the given options.
func readCSV(
    _ path: String, zone: ClockZone = .utc, queryGPU: [String]? = nil, boundaries: [Double] = []
) throws -> (log: PowerLog?, findings: [Finding]) {
    var options = PowerLogReadingOptions()
    options.zone = zone
    options.queryGPUFields = queryGPU
    options.boundaries = boundaries
    var findings = FindingLog()
    let log = try NvidiaSMICSVReader.read(
        path: path, displayPath: (path as NSString).lastPathComponent,
        options: options, findings: &findings)
    return (log, findings.allFindings())
}

/// Reads a whole stream into memory (tests only).
func readAll(_ stream: any ByteStream, chunk: Int = 4096) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if count == 0 { return out }
        out.append(contentsOf: buffer[0..<count])
    }
}

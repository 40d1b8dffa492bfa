import Foundation
@testable import FootprintKit

/// Paths to the repository's fixtures and to the shared real logs (absent in a user's clone).
enum TestPaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ relative: String) -> String { repositoryRoot + "/Fixtures/" + relative }

    /// `../shared/real-logs/<relative>` when that folder exists, else nil (the test then skips, saying so).
    static func sharedRealLog(_ relative: String) -> String? {
        let path = repositoryRoot + "/../shared/real-logs/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static var sharedRealLogsPresent: Bool { sharedRealLog("SOURCES.md") != nil }

    /// The values `Scripts/make-fixtures.py` computed independently from the synthetic fixtures.
    static var expected: [String: Any] {
        let data = FileManager.default.contents(atPath: fixture("expected.json")) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// A number in `expected.json` at the path of keys, or NaN when absent.
    static func expectedNumber(_ keys: String...) -> Double {
        var node: Any? = expected
        for key in keys { node = (node as? [String: Any])?[key] }
        return (node as? NSNumber)?.doubleValue ?? .nan
    }

    /// A number in `expected-training.json` (written by `Scripts/make-training-fixtures.py`), or NaN.
    static func expectedTraining(_ keys: String...) -> Double {
        let data = FileManager.default.contents(atPath: fixture("expected-training.json")) ?? Data()
        var node: Any? = try? JSONSerialization.jsonObject(with: data)
        for key in keys { node = (node as? [String: Any])?[key] }
        return (node as? NSNumber)?.doubleValue ?? .nan
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "footprint-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to a new temporary file named `name` and returns its path.
    static func write(_ bytes: [UInt8], named name: String) -> String {
        let path = temporaryFolder() + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func write(_ text: String, named name: String) -> String { write(Array(text.utf8), named: name) }
}

/// Reads one CSV power log with the given options.
func readCSV(
    _ path: String, zone: ClockZone = .utc, queryGPU: [String]? = nil, boundaries: [Double] = []
) throws -> (log: PowerLog?, findings: [Finding]) {
    var options = PowerLogReadingOptions()
    options.zone = zone
    options.queryGPUFields = queryGPU
    options.boundaries = boundaries
    var findings = FindingLog()
    let log = try NvidiaSMICSVReader.read(path: path, displayPath: (path as NSString).lastPathComponent,
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

func relativeError(_ value: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
}

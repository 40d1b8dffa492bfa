import Foundation
import Testing

/// Runs the built `footprint` binary and checks its output and exit status.
struct FootprintCLITests {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `footprint` binary beside the test bundle (SwiftPM builds it first: the test target depends on it).
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("footprint").path,
            Bundle.main.bundleURL.appendingPathComponent("footprint").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("footprint").path,
            repositoryRoot + "/.build/debug/footprint",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func reportsTheExampleRunAsMarkdown() throws {
        let result = try Self.run(["report", "Fixtures/runs/example", "--tz", "Europe/Berlin", "--region", "FR"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Footprint of `Fixtures/runs/example`"))
        #expect(result.stdout.contains("3 × NVIDIA A100-SXM4-80GB"))
        #expect(result.stdout.contains("France (FR), 2024"))
        #expect(result.stderr.contains("nvidia-smi.csv: warning: GPU 2:"))
    }

    @Test func writesEveryFormatIntoTheOutputFolder() throws {
        let folder = NSTemporaryDirectory() + "footprint-cli-" + UUID().uuidString
        let result = try Self.run(["report", "Fixtures/runs/example", "--tz", "+01:00", "--format", "md,csv,json",
                                   "--output", folder])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["report.csv", "report.json", "report.md"])
        let again = NSTemporaryDirectory() + "footprint-cli-" + UUID().uuidString
        _ = try Self.run(["report", "Fixtures/runs/example", "--tz", "+01:00", "--format", "md,csv,json",
                          "--output", again])
        for file in files {
            #expect(FileManager.default.contents(atPath: folder + "/" + file)
                    == FileManager.default.contents(atPath: again + "/" + file))
        }
    }

    @Test func folderWithoutLogsExitsWithStatusTwo() throws {
        let folder = NSTemporaryDirectory() + "footprint-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try Self.run(["report", folder])
        #expect(result.status == 2)
        #expect(result.stderr.contains("found no GPU power log"))
    }

    @Test(arguments: [["--tz", "Mars/Olympus"], ["--format", "pdf"], ["--pue", "0.5"], ["--region", "Atlantis"]])
    func invalidOptionsExitWithStatusOne(options: [String]) throws {
        let result = try Self.run(["report", "Fixtures/runs/example"] + options)
        #expect(result.status == 1)
        #expect(!result.stderr.isEmpty)
    }
}

import Foundation
import Testing
import FootprintTestSupport

/// Runs the built `footprint` binary and checks its output and exit status.
struct FootprintCLITests {
    static let repositoryRoot = TestPaths.repositoryRoot

    /// The `footprint` binary beside the test bundle (SwiftPM builds it first: the test target depends on it).
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "footprint"
            ).path,
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

    /// Runs the binary (or `executable`) with `environment` added to the test's, in `directory` (by default the
    /// repository root), and waits for it.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], executable: String = binary,
        directory: String = repositoryRoot
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
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
        let result = try Self.run([
            "report", "Fixtures/runs/example", "--tz", "+01:00", "--format", "md,csv,json",
            "--output", folder,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["report.csv", "report.json", "report.md"])
        let again = NSTemporaryDirectory() + "footprint-cli-" + UUID().uuidString
        _ = try Self.run([
            "report", "Fixtures/runs/example", "--tz", "+01:00", "--format", "md,csv,json",
            "--output", again,
        ])
        for file in files {
            #expect(
                FileManager.default.contents(atPath: folder + "/" + file)
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

    @Test func reportsTheTrainingWindowInJSONAndCSV() throws {
        let folder = NSTemporaryDirectory() + "footprint-cli-" + UUID().uuidString
        let result = try Self.run([
            "report", "Fixtures/runs/training-resumed", "--tz", "Asia/Kolkata", "--target",
            "train/loss<=0.5", "--format", "json,csv", "--output", folder,
        ])
        #expect(result.status == 0)
        let data = try #require(FileManager.default.contents(atPath: folder + "/report.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let training = try #require(json["training"] as? [String: Any])
        let expected = ExpectedValue.value(in: "expected-training.json", at: ["training-resumed"]) as? [String: Any]
        #expect(
            training["tag"] as? String == "train/loss" && training["first_step"] as? Int == 0
                && training["last_step"] as? Int == 1000)
        #expect(
            training["start"] as? String == "2024-03-05T14:00:00.000Z"
                && training["end"] as? String == "2024-03-05T14:15:05.000Z")
        let joules = try #require(training["joules"] as? Double)
        #expect(abs(joules - (expected?["window_joules"] as? Double ?? 0)) < 0.001)
        #expect(
            abs((training["joules_per_step"] as? Double ?? 0) - (expected?["joules_per_step"] as? Double ?? 0)) < 1e-6)
        let outside = (expected?["before_joules"] as? Double ?? 0) + (expected?["after_joules"] as? Double ?? 0)
        #expect(abs((training["outside_joules"] as? Double ?? 0) - outside) < 0.002)
        #expect((training["target"] as? [String: Any])?["step"] as? Int == 420)
        let csv = try String(contentsOfFile: folder + "/report.csv", encoding: .utf8).split(separator: "\n")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = csv[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let cells = Dictionary(uniqueKeysWithValues: zip(header, row))
        #expect(cells["train_seconds"] == "905.000" && cells["steps"] == "1000")
        #expect(cells["train_energy_kwh"] == String(format: "%.9f", joules / 3.6e6))
        #expect(cells["joules_per_step"] == String(format: "%.6f", expected?["joules_per_step"] as? Double ?? 0))
    }

    @Test func inspectListsTagsAndGPUs() throws {
        let events = try Self.run(["inspect", "Fixtures/tfevents/tensorboardX"])
        #expect(events.status == 0)
        #expect(events.stdout.contains("ray/tune/episode_reward_mean  simple_value  100 scalar    0…297"))
        #expect(events.stdout.contains("weights") && events.stdout.contains("10 histogram"))
        let power = try Self.run(["inspect", "Fixtures/runs/training-resumed/nvidia-smi.csv", "--tz", "+05:30"])
        #expect(power.status == 0)
        #expect(power.stdout.contains("1,116    2024-03-05 13:58:00 UTC → 2024-03-05 14:16:35 UTC"))
    }

    @Test func listsBundledRegionsAndGPUs() throws {
        let regions = try Self.run(["regions", "europe-west4"])
        #expect(
            regions.status == 0 && regions.stdout.contains("gcp:europe-west4")
                && regions.stdout.contains("Google Cloud region-carbon-info 2024"))
        let states = try Self.run(["regions", "US-C"])
        #expect(
            states.stdout.contains("US-CA") && states.stdout.contains("California") && states.stdout.contains("2016"))
        let gpus = try Self.run(["gpus", "A10"])
        #expect(
            gpus.status == 0 && gpus.stdout.contains("NVIDIA A10G (AWS)")
                && gpus.stdout.contains("NVIDIA A100 SXM4 80GB"))
    }

    @Test func estimatesWithoutAPowerLog() throws {
        let result = try Self.run([
            "estimate", "--gpu", "A100-SXM4-80GB", "--hours", "184320", "--intensity", "423.4",
            "--format", "csv",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        let cells = Dictionary(
            uniqueKeysWithValues: zip(
                lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        #expect(cells["method"] == "estimated" && cells["kg_co2e"] == "31216.435200")
        let unknown = try Self.run(["estimate", "--gpu", "Voodoo 5", "--hours", "1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("footprint gpus"))
    }

    @Test(arguments: [
        ["--tz", "Mars/Olympus"], ["--format", "pdf"], ["--pue", "0.5"], ["--region", "Atlantis"],
        ["--target", "loss=3"], ["--step-tag", "no/such/tag"], ["--cloud", "gcp:nowhere"],
        ["--pue-preset", "moon"], ["--intensity-series", "Fixtures/runs/example/config.yaml"],
    ])
    func invalidOptionsExitWithStatusOne(options: [String]) throws {
        let result = try Self.run(["report", "Fixtures/runs/example"] + options)
        #expect(result.status == 1)
        #expect(!result.stderr.isEmpty)
    }
}

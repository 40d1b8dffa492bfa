import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// MLflow's file store, written by mlflow itself (`Scripts/make-tracker-fixtures.py`): a run's GPU power metrics
/// read as one log, energies against the script's own trapezoid sums.
struct MLflowReaderTests {
    static let expected = "trackers/expected-trackers.json"
    static let store = TestPaths.fixture("trackers/mlflow")

    private static func options() -> ReportOptions {
        var options = ReportOptions()
        options.zone = .utc
        return options
    }

    // MARK: - Classification

    @Test func recognisesPowerMetricsRunMetaAndOtherMetrics() throws {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: Self.store, limits: InputLimits(), findings: &findings)
        let kinds = Dictionary(files.map { (String($0.displayPath.split(separator: "/").last!), $0.kind) }) { a, _ in a
        }
        #expect(kinds["gpu_0_power_usage_watts"] == .mlflowGPUPower)
        #expect(kinds["gpu_1_power_usage_watts"] == .mlflowGPUPower)
        #expect(kinds["gpu_0_utilization_percentage"] == .mlflowMetric)
        #expect(kinds["loss"] == .mlflowMetric)
        let metas = files.filter { $0.displayPath.hasSuffix("meta.yaml") }
        #expect(metas.filter { $0.kind == .mlflowRunMeta }.count == 1)
        #expect(metas.filter { $0.kind == .foreign }.count == 2)
    }

    /// The power metric is read only under its metric's name: the same lines under another name are one MLflow
    /// metric of something else.
    @Test func thePowerMetricIsKnownByItsName() throws {
        let folder = TestPaths.fixture("classification/mlruns/0/0123456789abcdef")
        let power = folder + "/metrics/system/gpu_0_power_usage_watts"
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: folder, limits: InputLimits(), findings: &findings)
        #expect(Set(files.map(\.kind)) == [.mlflowGPUPower, .mlflowRunMeta])
        let renamed = TestPaths.write(try [UInt8](Data(contentsOf: URL(fileURLWithPath: power))), named: "data")
        let other = try RunDiscovery.discover(runDirectory: renamed, limits: InputLimits(), findings: &findings)
        #expect(other.first?.kind == .mlflowMetric)
    }

    @Test func runMetaGivesNameStatusAndTimes() throws {
        let path = try #require(
            FileManager.default.subpathsOfDirectory(atPath: Self.store).first {
                $0.split(separator: "/").count == 4 && $0.hasSuffix("/meta.yaml")
            })
        let meta = try #require(MLflowRunMeta.read(path: Self.store + "/" + path, limits: InputLimits()))
        #expect(meta.runName == "synthetic-2gpu")
        #expect(meta.status == "FINISHED")
        #expect(meta.startSeconds == 1_717_236_000)
        #expect(meta.endSeconds == 1_717_236_305)
        #expect(
            meta.runID == ExpectedValue.value(in: Self.expected, at: ["mlflow", "run_id"]) as? String)
    }

    // MARK: - Energy

    @Test func aRunsGPUsAreOneHostsWithTheScriptsEnergies() throws {
        let report = try RunAnalyzer.analyze(runDirectory: Self.store, options: Self.options())
        #expect(report.powerLogs.count == 1)
        #expect(report.powerLogs.first?.format == .mlflowSystemMetrics)
        #expect(report.powerLogs.first?.clock == .embedded)
        #expect(report.powerLogs.first?.sourcePaths.count == 2)
        #expect(report.gpus.count == 2)
        for gpu in report.gpus {
            #expect(gpu.identity.host.isEmpty)
            #expect(gpu.trace.sampleCount == 30)
            let index = try #require(gpu.identity.index)
            let joules = ExpectedValue.number(in: Self.expected, "mlflow", "joules_per_gpu", index)
            #expect(relativeError(gpu.trace.joules, joules) <= 1e-9, "GPU \(index)")
        }
        let total = report.gpus.reduce(0) { $0 + $1.trace.joules }
        #expect(relativeError(total, ExpectedValue.number(in: Self.expected, "mlflow", "joules")) <= 1e-9)
        #expect(!report.findings.contains { $0.severity == .warning })
    }

    /// The run's `metrics/loss` gives the training window when there is no TensorBoard file: its first and last
    /// points (read here from the file's text), not the system metrics.
    @Test func trainingMetricsGiveTheWindow() throws {
        let report = try RunAnalyzer.analyze(runDirectory: Self.store, options: Self.options())
        let window = try #require(report.training)
        let lossPath = try #require(
            FileManager.default.subpathsOfDirectory(atPath: Self.store).first { $0.hasSuffix("/metrics/loss") })
        let points = try String(contentsOfFile: Self.store + "/" + lossPath, encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ") }
        let times = points.map { Double($0[0])! / 1000 }
        let steps = points.map { Int64($0[2])! }
        #expect(window.tag == "loss" && window.choice == .knownName)
        #expect(window.startSeconds == times.min()! && window.endSeconds == times.max()!)
        #expect(
            window.firstStep == steps.min()! && window.lastStep == steps.max()! && window.pointCount == points.count)
        let tags = report.timeline?.runs.flatMap(\.series).map(\.tag) ?? []
        #expect(!tags.contains { $0.hasPrefix("system/") })
        #expect(report.trainingEnergy?.joulesPerStep != nil)
    }

    @Test func nodeFoldersAreHosts() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try #require(
            FileManager.default.subpathsOfDirectory(atPath: Self.store).first {
                $0.hasSuffix("gpu_0_power_usage_watts")
            })
        let lines = try String(contentsOfFile: Self.store + "/" + source, encoding: .utf8).split(separator: "\n")
        for (node, extraWatts) in [("node-a", 0), ("node-b", 7)] {
            let target = folder + "/run/metrics/system/\(node)"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let shifted = lines.map { line in
                let fields = line.split(separator: " ")
                return "\(fields[0]) \(Double(fields[1])! + Double(extraWatts)) \(fields[2])\n"
            }
            _ = FileManager.default.createFile(
                atPath: target + "/gpu_0_power_usage_watts", contents: Data(shifted.joined().utf8))
        }
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: Self.options())
        #expect(Set(report.gpus.map(\.identity.host)) == ["node-a", "node-b"])
    }

    /// `audit` takes each MLflow run folder (the one holding the run's `meta.yaml`) as a run.
    @Test func auditFindsTheRunFolder() {
        let (runs, unreadable) = AuditDiscovery.runs(under: Self.store, rule: .logsByName)
        #expect(unreadable.isEmpty)
        let runID = ExpectedValue.value(in: Self.expected, at: ["mlflow", "run_id"]) as? String ?? "?"
        #expect(runs.map(\.relativePath).count == 1)
        #expect(runs.first?.relativePath.hasSuffix("/" + runID) == true)
    }

    // MARK: - Damage

    @Test func damagedLinesAreLocatedAndSkipped() throws {
        let path = TestPaths.fixture("trackers/damaged/mlruns/1/run/metrics/system/gpu_0_power_usage_watts")
        var findings = FindingLog()
        let file = DiscoveredFile(
            path: path, displayPath: "gpu_0_power_usage_watts", sizeBytes: 0, kind: .mlflowGPUPower,
            encoding: nil)
        let log = try #require(
            try MLflowPowerMetricReader.read(files: [file], options: PowerLogReadingOptions(), findings: &findings))
        let all = findings.allFindings()
        // Line 6 holds `abc` for the value, line 7 `garbage`, line 8 a fourth field, line 22 is cut short.
        #expect(all.filter { $0.code == .inputDamaged }.compactMap(\.location?.line) == [7, 8, 22])
        #expect(log.gpus.first?.invalidReasons["unreadable"] == 1)
        #expect(log.gpus.first?.trace.sampleCount == 18)
        #expect(log.dataRowCount == 22)
    }

    /// GPU 0's power metric with its first line cut, GPU 1's empty: GPU 0 is read from its other lines (its energy
    /// the trapezoid of those lines, computed here from the file's text), GPU 1's power is unknown, with a warning
    /// naming its file, never left out silently.
    @Test func aDamagedOrEmptyPowerMetricIsStillItsGPUs() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.copyItem(atPath: Self.store, toPath: folder)
        let system = try #require(
            FileManager.default.subpathsOfDirectory(atPath: folder).first { $0.hasSuffix("metrics/system") })
        let gpu0 = folder + "/" + system + "/gpu_0_power_usage_watts"
        let lines = try String(contentsOfFile: gpu0, encoding: .utf8).split(separator: "\n")
        #expect(
            FileManager.default.createFile(
                atPath: gpu0, contents: Data(("17172\n" + lines.dropFirst().joined(separator: "\n") + "\n").utf8)))
        #expect(
            FileManager.default.createFile(atPath: folder + "/" + system + "/gpu_1_power_usage_watts", contents: Data())
        )
        let samples = lines.dropFirst().map { line in
            let parts = line.split(separator: " ")
            return (seconds: Double(parts[0])! / 1000, watts: Double(parts[1])!)
        }
        let joules = zip(samples, samples.dropFirst()).reduce(0.0) { total, pair in
            total + (pair.0.watts + pair.1.watts) / 2 * (pair.1.seconds - pair.0.seconds)
        }
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: Self.options())
        #expect(report.gpus.map(\.identity.index) == ["0"])
        #expect(report.gpus.first?.trace.sampleCount == lines.count - 1)
        #expect(relativeError(report.gpus.first?.trace.joules ?? 0, joules) <= 1e-12)
        #expect(report.findings.contains { $0.code == .inputDamaged && $0.location?.line == 1 })
        #expect(
            report.findings.contains {
                $0.severity == .warning && $0.message.hasSuffix("GPU 1's power is unknown")
                    && $0.location?.path.hasSuffix("gpu_1_power_usage_watts") == true
            })
    }

    @Test func aFileWithoutMetricLinesGivesNoLog() throws {
        let path = TestPaths.write("not a line\n", named: "gpu_3_power_usage_watts")
        var findings = FindingLog()
        let file = DiscoveredFile(
            path: path, displayPath: "gpu_3_power_usage_watts", sizeBytes: 0, kind: .mlflowGPUPower, encoding: nil)
        let log = try MLflowPowerMetricReader.read(
            files: [file], options: PowerLogReadingOptions(), findings: &findings)
        #expect(log == nil)
        #expect(findings.allFindings().map(\.code) == [.inputDamaged, .inputUnreadable])
    }

    @Test func aGPUWithoutValidReadingsStaysWithoutSamples() throws {
        let path = TestPaths.write("1717236000000 nan 0\n1717236010000 -5 1\n", named: "gpu_3_power_usage_watts")
        var findings = FindingLog()
        let file = DiscoveredFile(
            path: path, displayPath: "gpu_3_power_usage_watts", sizeBytes: 0, kind: .mlflowGPUPower, encoding: nil)
        let log = try #require(
            try MLflowPowerMetricReader.read(files: [file], options: PowerLogReadingOptions(), findings: &findings))
        #expect(log.gpus.first?.identity.index == "3")
        #expect(log.gpus.first?.trace.sampleCount == 0)
        #expect(log.gpus.first?.invalidSampleCount == 2)
    }

    @Test(
        arguments: [
            ("gpu_0_power_usage_watts", "0"), ("gpu_12_power_usage_watts", "12"), ("gpu__power_usage_watts", nil),
            ("gpu_x_power_usage_watts", nil), ("gpu_0_utilization_percentage", nil),
        ] as [(String, String?)])
    func gpuIndexComesFromTheMetricName(name: String, index: String?) {
        #expect(MLflowPowerMetricReader.gpuIndex(fileName: Substring(name)) == index)
    }
}

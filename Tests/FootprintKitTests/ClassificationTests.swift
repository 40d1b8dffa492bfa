import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// A file's kind comes from its content: folders never decide it, and the files of other producers are named as
/// what they are (`Fixtures/classification/`, written by `Scripts/make-classification-fixtures.py`).
struct ClassificationTests {
    private static func discover(_ path: String) throws -> (files: [DiscoveredFile], findings: [Finding]) {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: path, limits: InputLimits(), findings: &findings)
        return (files, findings.allFindings())
    }

    // MARK: - Folders do not decide

    /// nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv (MIT, a copy of the shared real log), GPU 0 .. 7: the
    /// energies `python3 Scripts/real-log-energies.py` prints for it.
    static let nanoGPTJoules = [
        61672.21441, 65530.818165, 61055.17793, 59174.00928, 61228.204255, 58646.090955, 60613.24474, 58947.339055,
    ]

    @Test(arguments: ["x.tfevents.y", "emissions.csv", "events.out.tfevents.1709647200.host", "wandb"])
    func aPowerLogInAFolderNamedLikeAnotherFormatIsRead(folderName: String) throws {
        let root = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/" + folderName
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("nvidia-smi-csv/nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv"),
            toPath: folder + "/gpu_metrics.csv")
        for runPath in [root, folder] {
            let (files, _) = try Self.discover(runPath)
            #expect(files.map(\.kind) == [.nvidiaSMICSV])
            var options = ReportOptions()
            options.zone = .utc
            let report = try RunAnalyzer.analyze(runDirectory: runPath, options: options)
            #expect(report.gpus.map(\.identity.label) == (0..<8).map(String.init))
            for (gpu, joules) in zip(report.gpus, Self.nanoGPTJoules) {
                #expect(relativeError(gpu.trace.joules, joules) <= 1e-6)
            }
        }
    }

    /// A file named like an event file whose content is a CSV is read as the CSV; only when its content is
    /// nothing recognised does its own name word the reason.
    @Test func ownNameOnlyWordsTheReason() throws {
        let csv = TestPaths.write("time,gpu_power_W\n2024-03-05 14:02:11,100.0\n", named: "events.out.tfevents.1.host")
        #expect(try Self.discover(csv).files.map(\.kind) == [.nvidiaSMICSV])
        let garbage = TestPaths.write(
            [0x89, 0x91, 0xF0, 0x95, 0x68, 0xCE, 0x6D, 0xFF, 1, 2, 3, 4, 5], named: "x.tfevents.y")
        #expect(try Self.discover(garbage).files.first?.note?.hasPrefix("named like a TensorBoard event file") == true)
        let folder = TestPaths.temporaryFolder() + "/events.out.tfevents.1.host"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let inside = folder + "/blob"
        _ = FileManager.default.createFile(
            atPath: inside, contents: Data([0x89, 0x91, 0xF0, 0x95, 0x68, 0xCE, 1, 2, 3]))
        #expect(try Self.discover(inside).files.first?.note == "binary content")
    }

    // MARK: - Producers recognised by signature

    /// Each fixture, the producer it must be named as and the detail its content gives.
    static let foreign: [(file: String, producer: String, detail: String?)] = [
        ("wandb/run-20240305_140211-abcd1234/files/wandb-summary.json", "W&B wandb-summary.json", nil),
        ("wandb/run-20240305_140211-abcd1234/files/config.yaml", "W&B config.yaml", nil),
        ("wandb/run-20240305_140211-abcd1234/files/wandb-metadata.json", "W&B wandb-metadata.json", nil),
        ("mlruns/0/meta.yaml", "MLflow meta.yaml", "experiment"),
        ("mlperf/server.json", "MLPerf power server.json", nil),
        ("mlperf/mlperf_log_summary.txt", "MLPerf LoadGen summary (mlperf_log_summary.txt)", nil),
        ("slurm/sacct-fixed.txt", "Slurm sacct output", "fixed-width columns"),
    ]

    /// Recognised by content: the same bytes under a neutral name give the same producer, a finding names it
    /// at the file, and the note the report prints says what it is.
    @Test(arguments: foreign)
    func producerIsRecognisedByContent(file: String, producer: String, detail: String?) throws {
        let path = TestPaths.fixture("classification/" + file)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for candidate in [path, TestPaths.write(bytes, named: "data")] {
            let (files, findings) = try Self.discover(candidate)
            let found = try #require(files.first)
            #expect(found.kind == .foreign)
            #expect(found.foreign?.producer == producer)
            #expect(found.foreign?.detail == detail)
            #expect(found.note?.hasPrefix(producer + (detail.map { " (\($0))" } ?? "") + ": ") == true)
            #expect(findings.map(\.code) == [.inputForeign])
            #expect(findings.first?.location?.path == found.displayPath)
        }
    }

    /// W&B's system metrics are read, whatever the files are named: the run file, the events stream and the CSV
    /// export are W&B power logs by their content.
    @Test(arguments: [
        "wandb/run-20240305_140211-abcd1234/run-abcd1234.wandb",
        "wandb/run-20240305_140211-abcd1234/files/wandb-events.jsonl", "wandb/export/system-metrics.csv",
    ])
    func wandbSystemMetricsAreRead(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("classification/" + file))))
        for candidate in [TestPaths.fixture("classification/" + file), TestPaths.write(bytes, named: "data")] {
            #expect(try Self.discover(candidate).files.map(\.kind) == [.wandb])
        }
    }

    /// sacct's parsable output (`--parsable2`, and `-p` with its trailing `|`) is read, whatever the files are named.
    @Test(arguments: ["slurm/sacct-parsable.txt", "slurm/sacct-p-trailing.txt"])
    func sacctParsableIsRead(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("classification/" + file))))
        for candidate in [TestPaths.fixture("classification/" + file), TestPaths.write(bytes, named: "data")] {
            #expect(try Self.discover(candidate).files.map(\.kind) == [.slurmAccounting])
        }
    }

    /// DCGM's three shapes are read, whatever the files are named.
    @Test(
        arguments: zip(
            ["dcgm/dcgmi-dmon.txt", "dcgm/metrics-1709647331.prom", "dcgm/query_range.json"],
            [InputKind.dcgmDmon, .dcgmExporter, .dcgmQueryRange]))
    func dcgmFilesAreRead(file: String, kind: InputKind) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("classification/" + file))))
        for candidate in [TestPaths.fixture("classification/" + file), TestPaths.write(bytes, named: "data")] {
            #expect(try Self.discover(candidate).files.map(\.kind) == [kind])
        }
    }

    /// A run folder holding only files of other producers has no GPU energy: the analysis stops with the
    /// reason, each file named. An MLPerf folder's analyzer log is the system's wall energy, never GPU energy.
    @Test func aFolderOfForeignFilesHasNoEnergy() throws {
        #expect(throws: FootprintError.self) {
            try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("classification/slurm"), options: ReportOptions())
        }
        var options = ReportOptions()
        options.zone = .utc
        let mlperf = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("classification/mlperf"), options: options)
        #expect(mlperf.gpus.isEmpty && mlperf.systemEnergy != nil && mlperf.energyMissingReason != nil)
        let (files, findings) = try Self.discover(TestPaths.fixture("classification"))
        let foreign = files.filter { $0.kind == .foreign }
        #expect(foreign.count == Self.foreign.count)
        #expect(findings.filter { $0.code == .inputForeign }.count == Self.foreign.count)
    }

    // MARK: - A CSV is a power log only with a GPU power column

    @Test func powerColumnsOfOtherComponentsAreNotGPUPower() throws {
        let cpu = try #require(try Self.discover(TestPaths.fixture("classification/csv/cpu-power.csv")).files.first)
        #expect(cpu.kind == .other)
        #expect(cpu.note?.contains("(cpu_power_w, ram_power_w) are not GPU power") == true)
        let beside = try #require(
            try Self.discover(TestPaths.fixture("classification/csv/power-beside-cpu.csv")).files.first)
        #expect(beside.kind == .other)
        let headers: [(header: String, isPowerLog: Bool)] = [
            ("time,cpu_power,gpu_power,ram_power", true), ("timestamp,package_power_w", false),
            ("time,system_power_w", false), ("time,Total Power (W)", false), ("time,cpu_util,power", false),
            ("time,gpu_util,cpu_util,power_w", true), ("time,rank,cpu_util,power_w", true),
            ("time,frame_power", false), ("time,power_W", false),
        ]
        for (header, isPowerLog) in headers {
            let path = TestPaths.write(header + "\n2024-03-05 14:02:11,1,2,3\n", named: "log.csv")
            #expect(try Self.discover(path).files.first?.kind == (isPowerLog ? .nvidiaSMICSV : .other), "\(header)")
        }
        // A plain power column alone does not say whose power it is: the file's own name breaks the tie.
        let plain = "time,power_W\n2024-03-05 14:02:11,100.0\n"
        let meter = try #require(try Self.discover(TestPaths.write(plain, named: "node_power.csv")).files.first)
        #expect(meter.kind == .other && meter.note?.contains("does not say whose power it is") == true)
        let named = try Self.discover(TestPaths.write(plain, named: "gpu_power.csv")).files.first
        #expect(named?.kind == .nvidiaSMICSV)
    }

    /// `time,power_W` alone is a single-GPU log: 100 W then 200 W two seconds later is (100 + 200) / 2 × 2 s =
    /// 300 J by the trapezoid rule.
    @Test func aPlainPowerColumnInASingleDeviceFileIsGPUPower() throws {
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(
            runDirectory: TestPaths.fixture("classification/csv/single-gpu-power.csv"), options: options)
        #expect(report.gpus.count == 1)
        #expect(relativeError(try #require(report.gpus.first).trace.joules, 300) <= 1e-12)
    }

    @Test func nvidiaSMILogsWithoutPowerAreNotPowerLogs() throws {
        let csv = TestPaths.write(
            "timestamp, index, utilization.gpu [%]\n2024/03/05 14:02:11.000, 0, 50 %\n", named: "gpu.csv")
        let found = try #require(try Self.discover(csv).files.first)
        #expect(found.kind == .other)
        #expect(found.note?.hasPrefix("nvidia-smi CSV without a power column") == true)
        let dmon = TestPaths.write("# gpu     sm    mem\n# Idx      %      %\n    0     46     26\n", named: "dmon.log")
        #expect(
            try Self.discover(dmon).files.first?.note?.hasPrefix("nvidia-smi dmon log without the pwr column") == true)
    }
}

/// A user's logger that writes one power column per GPU (`GPU0 Power (W)`, `GPU1 Power (W)`) on each row: every
/// column is its own GPU, not an alternative field of one.
@Suite struct WidePowerColumnsTests {
    @Test func eachGPUColumnIsAGPU() throws {
        let folder = TestPaths.temporaryFolder()
        try """
        Timestamp,Node,CPU Power (W),GPU0 Power (W),GPU1 Power (W),gpu_2_power_w
        2024-03-05 14:00:00,n1,50,200,180,100
        2024-03-05 14:00:01,n1,51,210,190,100
        2024-03-05 14:00:03,n1,52,230,170,120

        """.write(toFile: folder + "/power.csv", atomically: true, encoding: .utf8)
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        // By hand, trapezoids: GPU 0 (200+210)/2 + (210+230)/2·2 = 205 + 440 = 645 J; GPU 1 185 + 360 = 545 J;
        // GPU 2 100 + 220 = 320 J. CPU power is not a GPU's.
        #expect(report.gpus.map(\.identity.label) == ["0", "1", "2"])
        #expect(report.gpus.map(\.trace.joules) == [645, 545, 320])
        #expect(report.jobJoules == 1_510)
    }
}

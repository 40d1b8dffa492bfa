import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// CodeCarbon's `emissions.csv`, written through its own FileOutput (`Scripts/make-tracker-fixtures.py`), and
/// damaged copies: the last row of each run, its GPU energy at constant mean power, CPU and RAM apart.
struct CodeCarbonReaderTests {
    static let expected = "trackers/expected-trackers.json"
    static let file = TestPaths.fixture("trackers/codecarbon/emissions.csv")

    private static func read(_ path: String, zone: ClockZone = .utc) throws -> (log: PowerLog?, findings: [Finding]) {
        var options = PowerLogReadingOptions()
        options.zone = zone
        var findings = FindingLog()
        let log = try CodeCarbonReader.read(
            path: path, displayPath: (path as NSString).lastPathComponent, options: options, findings: &findings)
        return (log, findings.allFindings())
    }

    // MARK: - The fixture

    @Test func totalsAreTheLastRowOfEachRun() throws {
        let totals = try #require(try Self.read(Self.file).log?.trackerTotals)
        #expect(totals.producer == "CodeCarbon 3.3.2, 38 columns")
        #expect(Double(totals.runCount) == ExpectedValue.number(in: Self.expected, "codecarbon", "runs"))
        #expect(Double(totals.gpuRunCount) == ExpectedValue.number(in: Self.expected, "codecarbon", "gpu_runs"))
        #expect(totals.noGPURunCount == 1)
        for (value, key) in [
            (totals.gpuKilowattHours, "gpu_kwh"), (totals.cpuKilowattHours, "cpu_kwh"),
            (totals.ramKilowattHours, "ram_kwh"), (totals.emissionsKilograms, "emissions_kg"),
        ] {
            #expect(relativeError(value ?? .nan, ExpectedValue.number(in: Self.expected, "codecarbon", key)) <= 1e-9)
        }
        #expect(relativeError(totals.impliedGramsCO2ePerKWh ?? 0, 56) <= 1e-9)
        #expect(totals.locations == ["France (FRA), ile-de-france"])
    }

    /// Each run's GPUs are one device at the run's mean power, from `timestamp − duration` to `timestamp` (local
    /// time): its energy is CodeCarbon's, and a window inside a run is prorated.
    @Test func eachRunIsOneDeviceAtItsMeanPower() throws {
        let (log, findings) = try Self.read(Self.file, zone: .fixedOffset(seconds: 7200))
        let gpus = try #require(log?.gpus)
        #expect(gpus.count == 2)
        #expect(gpus.allSatisfy { $0.identity.kind == .gpuGroup && $0.identity.name == "2 x NVIDIA A100-SXM4-80GB" })
        let first = try #require(gpus.first { $0.identity.otherID == "11111111-aaaa-4bbb-8ccc-000000000001" })
        // 2024-06-01T12:20:00 at +02:00 is 10:20 UTC; the run lasted 1,200 s; 0.2125 kWh.
        #expect(first.trace.firstSeconds == 1_717_236_000)
        #expect(first.trace.lastSeconds == 1_717_237_200)
        #expect(relativeError(first.trace.joules, 0.2125 * 3.6e6) <= 1e-12)
        #expect(relativeError(first.trace.meanWatts, 0.2125 * 3.6e6 / 1200) <= 1e-12)
        #expect(first.trace.gapCount == 0)
        #expect(log?.clock == .local(.fixedOffset(seconds: 7200)))
        #expect(
            findings.contains {
                $0.code == .energyTracker && $0.severity == .note && $0.message.contains("prorated at constant power")
            })
    }

    @Test func theReportsGPUEnergyIsCodeCarbonsAndCPUIsApart() throws {
        var options = ReportOptions()
        options.zone = .utc
        options.emission.region = "FR"
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("trackers/codecarbon"), options: options)
        let kilowattHours = ExpectedValue.number(in: Self.expected, "codecarbon", "gpu_kwh")
        #expect(relativeError(report.jobJoules, kilowattHours * 3.6e6) <= 1e-9)
        #expect(report.gpus.allSatisfy { $0.usedByJob })
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("## Trackers' own figures"))
        #expect(markdown.contains("other energy: CPU 0.03880 kWh, RAM 0.009100 kWh"))
        #expect(markdown.contains("Its own emissions: 0.03348 kg CO2e"))
        #expect(markdown.contains("They differ by the grid intensity"))
        let json = JSONReportWriter.render(report)
        #expect(json.contains("\"trackers\""))
        #expect(json.contains("\"gpu_energy_used\": true"))
        #expect(json.contains("\"cpu\": 0.038800000"))
    }

    // MARK: - Real files with a licence to copy

    /// Real files in `Fixtures/codecarbon/` (MIT): runs, GPU runs and GPU energy (kWh) as
    /// `Scripts/codecarbon-expected.py` computes them; the other real files are in `RealLogsTests`.
    @Test(arguments: [
        ("AIRA_v2.8.3_gpucount1-vs-8xH20_emissions.csv", 1, 1, 1.2714732392282713e-05),
        ("Unstructured-pruning-Llama_oldformat_emissions.csv", 103, 0, 0.0),
        ("codecarbon-repo_examples_emissions.csv", 21, 21, 0.0030258776358669842),
    ])
    func realFileGivesTheScriptsFigures(file: String, runs: Int, gpuRuns: Int, gpuKWh: Double) throws {
        let (log, _) = try Self.read(TestPaths.fixture("codecarbon/" + file))
        let totals = try #require(log?.trackerTotals)
        #expect(totals.runCount == runs)
        #expect(totals.gpuRunCount == gpuRuns)
        #expect(relativeError(totals.gpuKilowattHours, gpuKWh) <= 1e-9)
        let joules = log?.gpus.reduce(0) { $0 + $1.trace.joules } ?? 0
        #expect(relativeError(joules, gpuKWh * EnergyUnit.joulesPerKilowattHour) <= 1e-9)
    }

    // MARK: - Column sets and damage

    /// An unknown column is ignored; a row cut before its GPU columns leaves that run's GPU energy unknown (an
    /// earlier row showed a GPU); `n/a` is not a number; a row one cell short reads its last cell as empty.
    @Test func damagedRowsLeaveGPUEnergyUnknownNotZero() throws {
        let (log, findings) = try Self.read(TestPaths.fixture("trackers/damaged/codecarbon/emissions.csv"))
        let totals = try #require(log?.trackerTotals)
        #expect(totals.runCount == 3)
        #expect(totals.gpuRunCount == 0)
        #expect(totals.unknownGPURunCount == 2)
        #expect(totals.noGPURunCount == 1)
        #expect(log?.gpus.isEmpty == true)
        let unknown = try #require(findings.first { $0.code == .energyTracker && $0.severity == .warning })
        #expect(unknown.location?.line == 3)
        #expect(unknown.message.contains("unknown, not 0"))
        #expect(findings.contains { $0.code == .inputColumns && $0.message.hasPrefix("2 rows are shorter") })
    }

    @Test func aCutLastRowIsSkippedAndARowTooLongIsDamage() throws {
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines.insert(lines[1] + ",extra", at: 2)
        let cut = lines.joined(separator: "\n").dropLast(200)
        let (log, findings) = try Self.read(TestPaths.write(String(cut), named: "emissions.csv"))
        #expect(findings.contains { $0.code == .inputDamaged && $0.message == "last row cut short; skipped" })
        #expect(findings.contains { $0.code == .inputDamaged && $0.location?.line == 3 })
        #expect(log?.trackerTotals?.runCount == 2)
    }

    @Test func aOneXFileHasNoGPUEnergy() throws {
        let (log, findings) = try Self.read(TestPaths.fixture("classification/codecarbon-1.x/emissions.csv"))
        #expect(log?.gpus.isEmpty == true)
        #expect(log?.trackerTotals?.producer == "CodeCarbon 1.x schema, 12 columns")
        #expect(findings.contains { $0.code == .energyTracker && $0.message.hasPrefix("no gpu_energy column") })
    }

    @Test func aFileWithoutDurationIsUnreadable() throws {
        let path = TestPaths.write(
            "timestamp,emissions,energy_consumed,project\n2024-06-01T10:00:00,1,2,x\n", named: "e.csv")
        let (log, findings) = try Self.read(path)
        #expect(log == nil)
        #expect(findings.contains { $0.code == .inputUnreadable })
    }

    @Test(arguments: [
        "codecarbon-1.x/emissions.csv", "codecarbon-2.3.4/emissions.csv", "codecarbon-2.3.4/emissions.csv.bak",
    ])
    func recognisedByItsHeader(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("classification/" + file))))
        var findings = FindingLog()
        let found = try RunDiscovery.discover(
            runDirectory: TestPaths.write(bytes, named: "data"), limits: InputLimits(), findings: &findings)
        #expect(found.first?.kind == .codeCarbonEmissions)
    }

    /// `audit` takes a folder holding an emissions.csv as a run and reads its GPU energy; a file of CPU-only runs
    /// is a run without GPU energy, not an unreadable log.
    /// Task mode (`Fixtures/trackers/codecarbon-tasks`, written through CodeCarbon's own `FileOutput.task_out`): each
    /// row of the task file is one task's own energy, so alone it gives their sum; beside the run's total in
    /// `emissions.csv` the run is counted once, from the total, with a note.
    @Test func taskModeRowsAreEachTasksOwnAndTheRunCountsOnce() throws {
        let source = TestPaths.fixture("trackers/codecarbon-tasks")
        let taskFile = "emissions_exp_44444444-aaaa-4bbb-8ccc-000000000004.csv"
        let tasks = try #require(
            ExpectedValue.value(in: Self.expected, at: ["codecarbon_tasks", "task_gpu_kwh"]) as? [Double])
        let total = ExpectedValue.number(in: Self.expected, "codecarbon_tasks", "total_gpu_kwh")
        #expect(tasks.count == 3)

        let totals = try #require(try Self.read(source + "/" + taskFile).log?.trackerTotals)
        #expect(totals.isPerTask && totals.runCount == 3 && totals.gpuRunCount == 3)
        #expect(relativeError(totals.gpuKilowattHours, tasks.reduce(0, +)) <= 1e-12)

        var options = ReportOptions()
        options.zone = .utc
        let alone = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(atPath: source + "/" + taskFile, toPath: alone + "/" + taskFile)
        let tasksOnly = try RunAnalyzer.analyze(runDirectory: alone, options: options)
        let kilowattHours = tasksOnly.gpus.map(\.trace.joules).reduce(0, +) / 3.6e6
        #expect(relativeError(kilowattHours, tasks.reduce(0, +)) <= 1e-9)

        let both = try RunAnalyzer.analyze(runDirectory: source, options: options)
        #expect(relativeError(both.gpus.map(\.trace.joules).reduce(0, +) / 3.6e6, total) <= 1e-9)
        #expect(
            both.findings.contains {
                $0.code == .inputDuplicate && $0.location?.path == taskFile
                    && $0.message.contains("counted once, from the totals")
            })
    }

    @Test func auditFindsTheRun() {
        let folder = TestPaths.fixture("trackers/codecarbon")
        let (runs, _) = AuditDiscovery.runs(under: folder, rule: .logsByName)
        #expect(runs.map(\.relativePath) == ["."])
        var options = ReportOptions()
        options.zone = .utc
        #expect(Auditor.analyse(folder: folder, relativePath: ".", options: options).status == .ok)
        let cpuOnly = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: cpuOnly) }
        let lines = (try? String(contentsOfFile: Self.file, encoding: .utf8))?.split(separator: "\n") ?? []
        _ = FileManager.default.createFile(
            atPath: cpuOnly + "/emissions.csv",
            contents: Data((lines.prefix(1) + lines.suffix(1)).joined(separator: "\n").utf8))
        let row = Auditor.analyse(folder: cpuOnly, relativePath: ".", options: options)
        #expect(row.status == .noEnergy)
        #expect(row.error.contains("tracked no GPU"))
    }
}

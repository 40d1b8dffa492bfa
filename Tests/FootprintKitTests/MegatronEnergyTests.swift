import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Megatron-LM's `--log-energy` tags in a tensorboardX event file (`Scripts/make-tracker-fixtures.py`): the
/// counters' energy per interval, the evaluation pause between intervals bridged like any gap, against the
/// script's own sums.
struct MegatronEnergyTests {
    static let expected = "trackers/expected-trackers.json"
    static let folder = TestPaths.fixture("trackers/megatron")

    private static func options() -> ReportOptions {
        var options = ReportOptions()
        options.zone = .utc
        return options
    }

    /// An event file of the Megatron tags at `steps` (10 iterations apart, 1.5 s each, 400 W per GPU).
    private static func events(steps: [Int64], power: Double = 400, worldSize: Double?) -> EventFile {
        var file = EventFile(path: "events", displayPath: "events")
        var energy = EventTag(name: MegatronEnergyReader.energyTag)
        var watts = EventTag(name: MegatronEnergyReader.powerTag)
        var world = EventTag(name: MegatronEnergyReader.worldSizeTag)
        for (index, step) in steps.enumerated() {
            let wall = 1_717_236_000 + 15 * Double(index + 1)
            energy.series.append(step: step, wallTime: wall, value: power * 1.5)
            watts.series.append(step: step, wallTime: wall, value: power)
            if let worldSize { world.series.append(step: step, wallTime: wall, value: worldSize) }
        }
        file.tags = [energy, watts] + (worldSize == nil ? [] : [world])
        return file
    }

    // MARK: - The fixture

    @Test func theCountersEnergyAndThePauseAreTheJobsEnergy() throws {
        let report = try RunAnalyzer.analyze(runDirectory: Self.folder, options: Self.options())
        let worldSize = ExpectedValue.number(in: Self.expected, "megatron", "world_size")
        #expect(Double(report.gpus.count) == worldSize)
        #expect(report.powerLogs.map(\.format) == [.megatronEnergy])
        let total = report.gpus.reduce(0) { $0 + $1.trace.joules }
        #expect(relativeError(total, ExpectedValue.number(in: Self.expected, "megatron", "joules")) <= 1e-6)
        let bridged = report.gpus.reduce(0) { $0 + $1.trace.gapJoules }
        #expect(relativeError(bridged, ExpectedValue.number(in: Self.expected, "megatron", "bridged_joules")) <= 1e-6)
        #expect(report.gpus.allSatisfy { $0.usedByJob && $0.trace.gapCount == 1 })
        let first = try #require(report.gpus.first?.trace)
        #expect(abs(first.firstSeconds - ExpectedValue.number(in: Self.expected, "megatron", "first_seconds")) < 1e-6)
        #expect(abs(first.lastSeconds - ExpectedValue.number(in: Self.expected, "megatron", "last_seconds")) < 1e-6)
        #expect(report.findings.contains { $0.code == .energyTracker && $0.severity == .note })
        // The same file still gives the training timeline.
        #expect(report.timeline != nil)
        #expect(report.trainingEnergy != nil)
    }

    /// `audit` takes the event file's folder as a run with measured energy.
    @Test func auditReadsTheRunsEnergy() {
        let row = Auditor.analyse(folder: Self.folder, relativePath: ".", options: Self.options())
        #expect(row.status == .ok)
    }

    @Test func anEventFileWithoutTheTagsGivesNoPowerLog() throws {
        var findings = FindingLog()
        let events = try EventFileReader.read(
            path: TestPaths.fixture("runs/training-tf2/train/" + Self.firstEventFile(in: "runs/training-tf2/train")),
            displayPath: "events", limits: InputLimits(), findings: &findings)
        #expect(
            MegatronEnergyReader.powerLog(of: events, options: PowerLogReadingOptions(), findings: &findings) == nil)
        #expect(findings.allFindings().isEmpty)
    }

    private static func firstEventFile(in folder: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture(folder))) ?? []
        return names.sorted().first { $0.hasPrefix("events.out.tfevents.") } ?? "missing"
    }

    /// A file cut mid-record keeps the intervals before the cut.
    @Test func aCutFileKeepsTheIntervalsBeforeTheCut() throws {
        let name = Self.firstEventFile(in: "trackers/megatron")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
        let path = TestPaths.write(Array(bytes.prefix(bytes.count * 2 / 3)), named: name)
        var findings = FindingLog()
        let log = try #require(
            try MegatronEnergyReader.read(
                path: path, displayPath: name, options: PowerLogReadingOptions(), findings: &findings))
        let points = Int(ExpectedValue.number(in: Self.expected, "megatron", "points"))
        #expect(log.dataRowCount > 0 && log.dataRowCount < points)
    }

    // MARK: - Rules

    @Test func withoutWorldSizeTheLogIsOneGPUsShareWithAWarning() {
        var findings = FindingLog()
        let log = MegatronEnergyReader.powerLog(
            of: Self.events(steps: [10, 20, 30], worldSize: nil), options: PowerLogReadingOptions(),
            findings: &findings)
        #expect(log?.gpus.count == 1)
        // Three intervals of 10 × 1.5 s at 400 W, end to end.
        #expect(relativeError(log?.gpus.first?.trace.joules ?? 0, 3 * 15 * 400) <= 1e-9)
        #expect(findings.allFindings().contains { $0.code == .energyTracker && $0.severity == .warning })
    }

    @Test func theFirstPointCoversOneLogIntervalAfterAResume() {
        var findings = FindingLog()
        let log = MegatronEnergyReader.powerLog(
            of: Self.events(steps: [5010, 5020], worldSize: 2), options: PowerLogReadingOptions(),
            findings: &findings)
        #expect(log?.gpus.count == 2)
        #expect(relativeError(log?.gpus.first?.trace.joules ?? 0, 2 * 15 * 400) <= 1e-9)
        #expect(log?.gpus.first?.trace.firstSeconds == 1_717_236_000)
    }

    @Test func pointsWithoutPositivePowerAreLeftOutAndCounted() {
        var findings = FindingLog()
        var events = Self.events(steps: [10, 20, 30], worldSize: 1)
        events.tags[1].series.points[1].value = 0
        events.tags[0].series.points[2].value = .nan
        let log = MegatronEnergyReader.powerLog(of: events, options: PowerLogReadingOptions(), findings: &findings)
        #expect(log?.dataRowCount == 1)
        #expect(findings.allFindings().contains { $0.code == .inputDamaged && $0.message.hasPrefix("2 ") })
    }

    @Test func aWorldBeyondTheGPULimitIsOneGroup() {
        var findings = FindingLog()
        let log = MegatronEnergyReader.powerLog(
            of: Self.events(steps: [10, 20], power: 700, worldSize: 4096), options: PowerLogReadingOptions(),
            findings: &findings)
        #expect(log?.gpus.count == 1)
        #expect(log?.gpus.first?.identity.kind == .gpuGroup)
        #expect(relativeError(log?.gpus.first?.trace.joules ?? 0, 2 * 15 * 700 * 4096) <= 1e-9)
        #expect(log?.gpus.first?.invalidSampleCount == 0)
    }
}

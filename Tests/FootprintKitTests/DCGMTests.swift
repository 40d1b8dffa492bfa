import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// The DCGM files of `Fixtures/dcgm/` in their three shapes, written by `Scripts/make-dcgm-fixtures.py` in the
/// layouts the tools print; each GPU's counter energy and power trapezoid in `Fixtures/dcgm/expected.json`, computed
/// by that script in plain Python.
@Suite struct DCGMTests {
    /// 2024-03-05 14:02:11 UTC, the fixtures' first tick.
    static let start = 1_709_647_331.0

    /// The power logs of `relative` (a file or a folder under `Fixtures/dcgm/`), with the findings of reading it.
    static func read(
        _ relative: String, dmonStart: LogTimestamp? = nil, boundaries: [Double] = []
    ) throws -> (logs: [PowerLog], findings: [Finding], files: [DiscoveredFile]) {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(
            runDirectory: TestPaths.fixture("dcgm/" + relative), limits: InputLimits(), findings: &findings)
        var options = PowerLogReadingOptions()
        options.dmonStart = dmonStart
        options.boundaries = boundaries
        var reading = SourceReading(files: files, limits: InputLimits())
        let logs = reading.powerLogs(options: options, findings: &findings)
        return (logs, findings.allFindings(), files)
    }

    /// Each fixture, whether it needs the start time, and how its GPUs are keyed in expected.json.
    static let fixtures: [(file: String, needsStart: Bool, byUUID: Bool)] = [
        ("dmon/dcgmi-dmon-3x.txt", true, false),
        ("dmon/dcgmi-dmon-stamped.txt", false, false),
        ("exporter", false, true),
        ("query_range/query_range.json", false, true),
        ("query_range/DCGM_FI_DEV_POWER_USAGE-sum-by-gpu.json", false, false),
    ]

    // MARK: - Energies

    @Test(arguments: fixtures)
    func energiesMatchTheGenerator(file: String, needsStart: Bool, byUUID: Bool) throws {
        let (logs, findings, _) = try Self.read(file, dmonStart: needsStart ? .absolute(Self.start) : nil)
        let log = try #require(logs.first)
        #expect(logs.count == 1)
        #expect(log.format == .dcgm)
        let expected = try #require(
            ExpectedValue.value(in: "dcgm/expected.json", at: [file]) as? [String: [String: Any]])
        #expect(log.gpus.count == expected.count)
        var resets = 0
        for (key, row) in expected {
            let series = try #require(log.gpus.first { (byUUID ? $0.identity.uuid : $0.identity.index) == key })
            let trapezoid = try #require(row["trapezoid_joules"] as? Double)
            #expect(series.trace.sampleCount == row["power_samples"] as? Int, "\(file) \(key)")
            if let counter = row["counter_joules"] as? Double {
                #expect(log.energyCounterField != nil)
                #expect(relativeError(series.trace.joules, counter) <= 1e-9, "\(file) \(key)")
                #expect(relativeError(try #require(series.powerIntegralJoules), trapezoid) <= 1e-9, "\(file) \(key)")
            } else {
                #expect(log.energyCounterField == nil)
                #expect(series.powerIntegralJoules == nil)
                #expect(relativeError(series.trace.joules, trapezoid) <= 1e-9, "\(file) \(key)")
            }
            resets += (row["counter_resets"] as? Int ?? 0) > 0 ? 1 : 0
        }
        #expect(findings.filter { $0.code == .energyCounterReset }.count == resets)
        #expect(
            findings.filter { $0.code == .energyCounter }.count == (log.energyCounterField == nil ? 0 : log.gpus.count))
    }

    /// Cumulative energy at a boundary between two counter readings is the counter interpolated linearly: half the
    /// first increment of GPU aaaa (3.0e10 + 7,500,000 mJ, then + 7,945,320 mJ at the next step) halfway.
    @Test func counterIsInterpolatedAtBoundaries() throws {
        let middle = Self.start + 7.5
        let (logs, _, _) = try Self.read("query_range/query_range.json", boundaries: [Self.start, middle])
        let series = try #require(logs.first?.gpus.first { $0.identity.uuid?.hasPrefix("GPU-aaaa") == true })
        #expect(abs(try #require(series.trace.joules(from: Self.start, to: middle)) - 3972.66) < 1e-6)
    }

    // MARK: - dcgmi dmon

    @Test func dmonWithoutTimesNeedsAStart() throws {
        let (logs, findings, files) = try Self.read("dmon/dcgmi-dmon-3x.txt")
        #expect(files.map(\.kind) == [.dcgmDmon])
        #expect(logs.first?.gpus.allSatisfy { $0.trace.sampleCount == 0 } == true)
        #expect(findings.contains { $0.code == .inputUnreadable && $0.message.contains("--dmon-start") })
    }

    @Test func dmonNotesTheStopLineAndTheCutLine() throws {
        let (_, plain, _) = try Self.read("dmon/dcgmi-dmon-3x.txt", dmonStart: .absolute(Self.start))
        #expect(plain.contains { $0.message.contains("dmon was stopped") && $0.location?.line == 127 })
        #expect(plain.contains { $0.code == .energyCounterReset && $0.location?.line == 81 })
        let (_, stamped, _) = try Self.read("dmon/dcgmi-dmon-stamped.txt")
        #expect(stamped.contains { $0.code == .inputDamaged && $0.location?.line == 63 })
    }

    @Test func dmonCountsNAAndBlankFields() throws {
        let (logs, _, _) = try Self.read("dmon/dcgmi-dmon-3x.txt", dmonStart: .absolute(Self.start))
        let gpu2 = try #require(logs.first?.gpus.first { $0.identity.index == "2" })
        #expect(gpu2.invalidReasons == ["N/A": 2])
        // 40 ticks over 39 s: the header pairs and the hash-ordered rows did not shift them.
        #expect(gpu2.trace.firstSeconds == Self.start)
        #expect(gpu2.trace.lastSeconds == Self.start + 39)
    }

    /// POWER at 200 W for 39 s while TOTEC reads `N/A` for the first 20 ticks: the counter spans half the time, so the
    /// energy is the power's trapezoid (200 W × 39 s = 7,800 J by hand), with a warning, not the counter's 3,800 J.
    @Test func aCounterThatStartedLateLeavesThePowersEnergy() throws {
        let rows = (0..<40).map { (tick: Int) -> String in
            let counter = tick < 20 ? "N/A" : String(1_000_000 + 200_000 * tick)
            return "GPU 0           200.000           \(counter)\n"
        }
        let text = "#Entity         POWER             TOTEC\nID              W                 mJ\n" + rows.joined()
        let path = TestPaths.write(text, named: "dmon.log")
        var options = PowerLogReadingOptions()
        options.dmonStart = .absolute(Self.start)
        var findings = FindingLog()
        let log = try #require(
            DCGMDmonReader.read(path: path, displayPath: "dmon.log", options: options, findings: &findings))
        #expect(log.gpus.first?.trace.joules == 7800)
        #expect(log.energyCounterField == nil)
        #expect(
            findings.allFindings().contains {
                $0.severity == .warning && $0.code == .energyCounter && $0.message.contains("spans 19.0 s of")
            })
    }

    /// A job script's line before the `#Entity` header (`echo "Job started…"; dcgmi dmon … >> log`): still a dmon log,
    /// with the energies of the log without it.
    @Test func aLineBeforeTheHeaderLeavesADmonLog() throws {
        let fixture = TestPaths.fixture("dcgm/dmon/dcgmi-dmon-3x.txt")
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        let folder = TestPaths.temporaryFolder()
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/dcgm.log", contents: Data(("Job 1001 started on gpu01\n" + text).utf8)))
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: folder, limits: InputLimits(), findings: &findings)
        #expect(files.map(\.kind) == [.dcgmDmon])
        var options = PowerLogReadingOptions()
        options.dmonStart = .absolute(Self.start)
        var reading = SourceReading(files: files, limits: InputLimits())
        let prefixed = try #require(reading.powerLogs(options: options, findings: &findings).first)
        let (logs, _, _) = try Self.read("dmon/dcgmi-dmon-3x.txt", dmonStart: .absolute(Self.start))
        let plain = try #require(logs.first)
        #expect(prefixed.gpus.map(\.trace.joules) == plain.gpus.map(\.trace.joules))
        #expect(prefixed.gpus.count == plain.gpus.count && !plain.gpus.isEmpty)
    }

    /// `-e 156` alone at `-d 100`, the counter updated every other tick (it repeats its value between): the energy is
    /// the counter's (38 ticks of 20 J, 760 J by hand), and the steps of 0 and 400 W it implies are no sensor
    /// outliers or stuck stretches.
    @Test func aCounterThatRepeatsItsValueIsNoSensorFault() throws {
        let rows = (0..<40).map { (tick: Int) -> String in "GPU 0           \(1_000_000 + 40_000 * (tick / 2))\n" }
        let path = TestPaths.write("#Entity         TOTEC\nID              mJ\n" + rows.joined(), named: "dmon.log")
        var options = PowerLogReadingOptions()
        options.dmonStart = .absolute(Self.start)
        options.dmonIntervalSeconds = 0.1
        var findings = FindingLog()
        let log = try #require(
            DCGMDmonReader.read(path: path, displayPath: "dmon.log", options: options, findings: &findings))
        let trace = try #require(log.gpus.first?.trace)
        #expect(trace.joules == 760)
        #expect(trace.sensor.outliers.isEmpty && trace.sensor.stuckCount == 0)
    }

    // MARK: - dcgm-exporter

    @Test func exporterScrapesAreOneLogWithHostsAndMIGCountedOnce() throws {
        let (logs, findings, files) = try Self.read("exporter")
        #expect(files.count == 5 && files.allSatisfy { $0.kind == .dcgmExporter })
        let log = try #require(logs.first)
        #expect(logs.count == 1)
        #expect(log.gpus.map(\.identity.host) == ["gpu-node-7", "gpu-node-7"])
        #expect(log.gpus.map(\.identity.name) == ["NVIDIA A100-SXM4-80GB", "NVIDIA A100-SXM4-80GB"])
        #expect(log.gpus[0].invalidReasons == ["blank": 1])
        #expect(log.gpus[1].trace.sampleCount == 5)
        #expect(findings.contains { $0.code == .clockFromName && $0.message.contains("5 scrapes") })
    }

    @Test func exporterLineParsing() throws {
        let line = PrometheusSampleLine(
            #"DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-1",Hostname="a\"b",pod=""} 2.5e+02 1709647331000"#)
        let sample = try #require(line)
        #expect(sample.name == "DCGM_FI_DEV_POWER_USAGE")
        #expect(sample.label("hostname", "Hostname") == "a\"b")
        #expect(sample.value == "2.5e+02")
        #expect(sample.timestampMilliseconds == 1_709_647_331_000)
        #expect(PrometheusSampleLine("# TYPE DCGM_FI_DEV_POWER_USAGE gauge") == nil)
        #expect(PrometheusSampleLine(#"DCGM_FI_DEV_POWER_USAGE{gpu="0} 1"#) == nil)
        #expect(DCGMExporterReader.timeInName("dump/metrics-1709647331.prom") == 1_709_647_331)
        #expect(DCGMExporterReader.timeInName("scrape-1709647331500.txt") == 1_709_647_331.5)
        #expect(DCGMExporterReader.wrapperTime("# 1709647331") == 1_709_647_331)
    }

    /// A scrape without a time in its name is placed at its wrapper's time line, and a finding says so.
    @Test func scrapeWithoutATimeInItsNameTakesItsWrapperLine() throws {
        let text = try String(
            contentsOfFile: TestPaths.fixture("dcgm/exporter/metrics-1709647331.prom"), encoding: .utf8)
        let path = TestPaths.write(Array(("# 2024-03-05T15:00:00Z\n" + text).utf8), named: "scrape.txt")
        let file = DiscoveredFile(
            path: path, displayPath: "scrape.txt", sizeBytes: 0, kind: .dcgmExporter, encoding: nil)
        var findings = FindingLog()
        let log = try #require(
            try DCGMExporterReader.read(files: [file], options: PowerLogReadingOptions(), findings: &findings))
        #expect(log.gpus.map(\.trace.firstSeconds) == [1_709_650_800, 1_709_650_800])
        #expect(
            findings.allFindings().contains {
                $0.code == .clockFromName && $0.message.contains("wrapper lines") && $0.severity == .note
            })
    }

    /// One file of three scrapes of one GPU (100, 200 and 300 W, 10 s apart: 4,000 J by hand), each after its time
    /// line, or each sample with its own `timestamp_ms`: every scrape is a sample, none taken for a MIG repeat.
    @Test func aFileOfSeveralScrapesGivesEachItsTime() throws {
        let labels = #"{gpu="0",UUID="GPU-1",modelName="NVIDIA A100-SXM4-80GB",Hostname="node-1"}"#
        let wrapped = [100, 200, 300].enumerated().map { index, watts in
            "# \(1_709_650_800 + 10 * index)\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
                + "DCGM_FI_DEV_POWER_USAGE\(labels) \(watts)\n"
        }.joined()
        let stamped = [100, 200, 300].enumerated().map { index, watts in
            "DCGM_FI_DEV_POWER_USAGE\(labels) \(watts) \(1_709_650_800_000 + 10_000 * index)\n"
        }.joined()
        for (name, text) in [("wrapped.txt", wrapped), ("stamped.txt", stamped)] {
            let path = TestPaths.write(text, named: name)
            let file = DiscoveredFile(path: path, displayPath: name, sizeBytes: 0, kind: .dcgmExporter, encoding: nil)
            var findings = FindingLog()
            let log = try #require(
                try DCGMExporterReader.read(files: [file], options: PowerLogReadingOptions(), findings: &findings))
            let trace = try #require(log.gpus.first?.trace)
            #expect(log.gpus.count == 1 && trace.sampleCount == 3, "\(name)")
            #expect(trace.joules == 4000 && trace.firstSeconds == 1_709_650_800, "\(name)")
        }
    }

    // MARK: - Prometheus

    @Test func queryRangeMergesRepeatedSeriesAndSkipsNaN() throws {
        let (logs, _, files) = try Self.read("query_range")
        #expect(Set(files.map(\.kind)) == [.dcgmQueryRange])
        let log = try #require(logs.first { $0.path == "query_range.json" })
        #expect(log.gpus.map(\.identity.label) == ["dgx-3/0", "dgx-3/1"])
        #expect(log.gpus[0].invalidReasons == ["NaN": 1])
    }

    /// One GPU in two series, as Prometheus orders them by label: the job's (`pod="train-0"`, 300 W from 100 s to
    /// 190 s) first, the idle time before it (no pod, 100 W from 0 s to 90 s) second. Merged in time order:
    /// 9,000 + 2,000 + 27,000 = 38,000 J by hand, every point taken.
    @Test func seriesOfOneGPUMergeInTimeOrderWhateverTheirOrder() throws {
        func series(_ pod: String, from start: Int, watts: Int) -> String {
            let values = (0..<10).map { "[\(1_730_455_200 + start + 10 * $0), \"\(watts)\"]" }
            return
                #"{"metric": {"__name__": "DCGM_FI_DEV_POWER_USAGE", "UUID": "GPU-1", "gpu": "0", "Hostname": "node01""#
                + pod + #"}, "values": ["# + values.joined(separator: ", ") + "]}"
        }
        let text =
            #"{"status": "success", "data": {"resultType": "matrix", "result": ["#
            + series(#", "pod": "train-0""#, from: 100, watts: 300) + ", " + series("", from: 0, watts: 100) + "]}}"
        let path = TestPaths.write(text, named: "power.json")
        var findings = FindingLog()
        let log = try #require(
            DCGMQueryRangeReader.read(
                path: path, displayPath: "power.json", options: PowerLogReadingOptions(), findings: &findings))
        let trace = try #require(log.gpus.first?.trace)
        #expect(log.gpus.count == 1 && trace.sampleCount == 20)
        #expect(trace.joules == 38_000 && trace.firstSeconds == 1_730_455_200)
    }

    @Test func damagedJSONKeepsThePointsBeforeIt() throws {
        let text = try String(contentsOfFile: TestPaths.fixture("dcgm/query_range/query_range.json"), encoding: .utf8)
        let path = TestPaths.write(Array(text.utf8.prefix(1500)), named: "query_range.json")
        var findings = FindingLog()
        let log = try #require(
            try DCGMQueryRangeReader.read(
                path: path, displayPath: "query_range.json", options: PowerLogReadingOptions(), findings: &findings))
        #expect(log.gpus.first?.trace.sampleCount ?? 0 > 5)
        #expect(findings.allFindings().contains { $0.code == .inputDamaged && $0.location?.byteOffset != nil })
    }

    // MARK: - Sources

    /// A producer whose energy comes from counters outranks one sampling power, whatever the order.
    @Test func counterEnergyOutranksSampledPower() throws {
        let (logs, _, _) = try Self.read("query_range/query_range.json")
        var dcgm = try #require(logs.first)
        var sampled = dcgm
        sampled.format = .nvidiaSMICSV
        sampled.energyCounterField = nil
        sampled.path = "gpu.csv"
        dcgm.path = "query_range.json"
        var findings = FindingLog()
        let (_, counted, sources) = SourceSelection.choose([sampled, dcgm], findings: &findings)
        #expect(counted.map(\.path) == ["query_range.json"])
        #expect(sources.first?.producer == "DCGM")
    }
}

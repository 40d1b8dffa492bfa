import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Energies computed independently with `Scripts/expected-energy.py` (Python csv + datetime, times read as UTC),
/// recorded here: file → (samples, joules) per GPU in order of first appearance.
let independentEnergies: [String: [(samples: Int, joules: Double)]] = [
    "A100_TR_gpudata.csv": [(1245, 1775.8746978771665)],
    "A5000_TR_gpudata.csv": [(2383, 2117.7598644185236)],
    "Flame_nvidia-smi.csv": [(73, 79.82033155202863)],
    "K40m_TR_gpudata.csv": [(2110, 1232.8375999236343)],
    "MLPerf_data_unknown-error.csv": [(12792, 32315.909705282316)],
    "conv2d_forward_baseline_r1_20260419_054635_power.csv": [(205, 1444.6567873632896)],
    "fletcher-io_gtx1650_gpu_power.csv": [(80, 18.169349726438522)],
    "gpu_glasses_8gpu_wrapped_nvidia_smi.csv": [
        (6, 592.2650000000001), (6, 585.88), (6, 583.795), (5, 443.58), (5, 435.83000000000004), (5, 436.89),
        (5, 445.54), (5, 440.595),
    ],
    "gpu_log_19_12_2025.csv": [(1825, 575260.5891217368)],
    "h100pcie_burst_fp_e4m3_bf16_fast_mode_allzero.csv": [(5600, 9805.277090185777)],
    "h20_transient-NA_fp16_half_random.csv": [(41645, 8601.934156289964)],
    "h800sxm_41col_NA_allzero_gemm_int8.csv": [(127, 14964.738502285476)],
    "nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv": [
        (639, 61672.214417140494), (639, 65530.81817317726), (639, 61055.177935860156), (639, 59174.0092884529),
        (639, 61228.20426562314), (639, 58646.090968686345), (639, 60613.24475268359), (639, 58947.3390679574),
    ],
    "plato_noheader_units_gpu_log.csv": [(1923, 159221.0257125627)],
    "vlm_optimization_rtx4090_gpu_log.csv": [(2619, 805871.1631110449)],
]

/// Real files copied into Fixtures (licences allow it).
let fixtureRealLogs = [
    "A100_TR_gpudata.csv", "A5000_TR_gpudata.csv", "K40m_TR_gpudata.csv", "MLPerf_data_unknown-error.csv",
    "gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv",
    "plato_noheader_units_gpu_log.csv",
]

/// Real files without a licence that allows copying: read from ../shared/real-logs when present.
let sharedOnlyRealLogs = [
    "Flame_nvidia-smi.csv", "conv2d_forward_baseline_r1_20260419_054635_power.csv",
    "fletcher-io_gtx1650_gpu_power.csv", "gpu_log_19_12_2025.csv", "h100pcie_burst_fp_e4m3_bf16_fast_mode_allzero.csv",
    "h20_transient-NA_fp16_half_random.csv", "h800sxm_41col_NA_allzero_gemm_int8.csv",
    "vlm_optimization_rtx4090_gpu_log.csv",
]

struct NvidiaSMIReaderTests {
    private func checkEnergies(_ path: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (log, _) = try readCSV(path)
        let gpus = try #require(log?.gpus, sourceLocation: sourceLocation)
        let expected = try #require(independentEnergies[name], sourceLocation: sourceLocation)
        #expect(gpus.map(\.trace.sampleCount) == expected.map(\.samples), sourceLocation: sourceLocation)
        for (gpu, value) in zip(gpus, expected) {
            #expect(
                relativeError(gpu.trace.joules, value.joules) < 1e-9, "\(name) GPU \(gpu.identity.label)",
                sourceLocation: sourceLocation)
        }
    }

    // MARK: - Real logs

    @Test(arguments: fixtureRealLogs)
    func realLogsInFixturesMatchTheIndependentComputation(name: String) throws {
        try checkEnergies(TestPaths.fixture("nvidia-smi-csv/" + name), name: name)
    }

    @Test(
        .enabled(if: TestPaths.sharedRealLogsPresent, "../shared/real-logs is absent (a user's clone): skipped"),
        arguments: sharedOnlyRealLogs)
    func realLogsInSharedMatchTheIndependentComputation(name: String) throws {
        let path = try #require(TestPaths.sharedRealLog("nvidia-smi-csv/" + name))
        try checkEnergies(path, name: name)
    }

    @Test func prefersTheAveragedPowerField() throws {
        let (log, _) = try readCSV(TestPaths.fixture("nvidia-smi-csv/A5000_TR_gpudata.csv"))
        #expect(log?.powerField == "power.draw.average")
        let (a100, _) = try readCSV(TestPaths.fixture("nvidia-smi-csv/A100_TR_gpudata.csv"))
        #expect(a100?.powerField == "power.draw")
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "../shared/real-logs is absent: skipped"))
    func transientNotAvailableIsAnInvalidSampleOfThatColumnOnly() throws {
        let path = try #require(TestPaths.sharedRealLog("nvidia-smi-csv/h20_transient-NA_fp16_half_random.csv"))
        let (log, _) = try readCSV(path)
        #expect(log?.powerField == "power.draw")
        #expect(log?.gpus.first?.invalidSampleCount == 0)
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "../shared/real-logs is absent: skipped"))
    func fieldListReadsFilesWhoseHeaderDoesNotDescribeTheRows() throws {
        // Independent values: Scripts/expected-energy.py FILE --fields <the same list>.
        let wrapped = try #require(
            TestPaths.sharedRealLog("nvidia-smi-csv/gpu-monitor_rtx4060laptop_wrapped_crlf_gpu_usage_log.csv"))
        let (unread, findings) = try readCSV(wrapped)
        #expect(unread?.gpus.isEmpty ?? true)
        #expect(findings.contains { $0.message.contains("pass --query-gpu") })
        let fields =
            "time,timestamp,index,name,utilization.gpu,utilization.memory,memory.used,memory.total,temperature.gpu,power.draw"
        let (log, _) = try readCSV(wrapped, queryGPU: fields.split(separator: ",").map(String.init))
        #expect(log?.gpus.first?.trace.sampleCount == 196)
        #expect(relativeError(try #require(log?.gpus.first?.trace.joules), 466.0750000000001) < 1e-9)

        let headerless = try #require(
            TestPaths.sharedRealLog(
                "nvidia-smi-csv/noheader_Gemm_Multiply_LeakyReLU_baseline_r1_20260410_230639_power.csv"))
        let (plain, _) = try readCSV(
            headerless, queryGPU: ["timestamp", "power.draw", "clocks.gr", "utilization.gpu", "utilization.memory"])
        #expect(plain?.gpus.first?.trace.sampleCount == 129)
        #expect(relativeError(try #require(plain?.gpus.first?.trace.joules), 803.9636422300339) < 1e-9)
    }

    @Test func idsThatDoNotVaryAreDroppedFromLabels() throws {
        let (log, _) = try readCSV(TestPaths.fixture("nvidia-smi-csv/gpu_glasses_8gpu_wrapped_nvidia_smi.csv"))
        #expect(log?.gpus.map(\.identity.label) == (0..<8).map(String.init))
        #expect(log?.clock == .embedded)
    }

    @Test func headerlessFileWithUnitsFindsPowerByItsUnit() throws {
        let (log, findings) = try readCSV(TestPaths.fixture("nvidia-smi-csv/plato_noheader_units_gpu_log.csv"))
        #expect(log?.powerField == "power.draw")
        #expect(findings.contains { $0.message.contains("column in watts was taken as power.draw") })
    }

    @Test func headerlessFileWithoutUnitsNeedsTheFieldList() throws {
        let text = "2026/04/11 04:36:40.028, 11.76, 2130, 0, 0\n2026/04/11 04:36:41.028, 13.76, 2130, 0, 0\n"
        let path = TestPaths.write(text, named: "noheader.csv")
        let (none, findings) = try readCSV(path)
        #expect(none == nil)
        #expect(findings.contains { $0.message.contains("--query-gpu") })
        let (log, _) = try readCSV(
            path, queryGPU: ["timestamp", "power.draw", "clocks.gr", "utilization.gpu", "utilization.memory"])
        #expect(log?.gpus.first?.trace.joules == 12.76)
    }

    @Test func utf16WindowsRedirectWithoutDatesIsExplained() throws {
        let (log, findings) = try readCSV(
            TestPaths.fixture("nvidia-smi-csv/HyperTensor_utf16le-bom_noheader_gpu_monitor.txt"))
        #expect(log == nil)
        #expect(findings.contains { $0.message.contains("not a date and time") && $0.location?.line == 1 })
    }

    // MARK: - Variants

    @Test func readsEveryVariantInOneFile() throws {
        // Units in values, CRLF, columns in any order, a repeated header, [N/A], a truncated last line, 2 GPUs.
        let text = """
            index, power.draw [W], timestamp, utilization.gpu [%]\r
            0, 100.00 W, 2024/03/05 14:00:00.000, 90 %\r
            1, 50.00 W, 2024/03/05 14:00:00.005, 0 %\r
            index, power.draw [W], timestamp, utilization.gpu [%]\r
            0, 200.00 W, 2024/03/05 14:00:01.000, 95 %\r
            1, [N/A], 2024/03/05 14:00:01.005, 0 %\r
            0, 200.00 W, 2024/03/05 14:00:02.000, 95 %\r
            1, 50.00 W, 2024/03/05 14:00:02.005, 0 %\r
            0, 300.00 W, 2024/03/05 14:00:0
            """
        let (log, findings) = try readCSV(TestPaths.write(text, named: "variants.csv"))
        let gpus = try #require(log?.gpus)
        #expect(gpus.count == 2)
        #expect(gpus[0].trace.joules == 150 + 200)
        #expect(gpus[1].trace.joules == 100)
        #expect(gpus[1].invalidReasons == ["[N/A]": 1])
        #expect(gpus[0].maximumUtilizationPercent == 95)
        #expect(findings.contains { $0.message.contains("cut short") && $0.location?.line == 9 })
        #expect(findings.contains { $0.message.contains("header repeats once") })
    }

    @Test func ownCSVWithUnixSecondsAndMilliwatts() throws {
        let text = "time,gpu_index,power_mW\n1709647331,0,100000\n1709647332,0,200000\n"
        let (log, _) = try readCSV(TestPaths.write(text, named: "own.csv"))
        #expect(log?.format == .ownCSV)
        #expect(log?.gpus.first?.trace.joules == 150)
        #expect(log?.gpus.first?.trace.firstSeconds == 1_709_647_331)
    }

    /// A row is matched to its GPU by the bytes of its id columns when they repeat, field by field when spacing or
    /// quoting changes; a row whose id bytes differ in content is another GPU.
    @Test func rowsFindTheirGPUWhateverTheSpacingOfTheirIDs() throws {
        let text = """
            timestamp, index, name, power.draw [W]
            2024/03/05 14:00:00.000, 0, A100, 100 W
            2024/03/05 14:00:00.000, 1, A100, 200 W
            2024/03/05 14:00:01.000,0,A100, 110 W
            2024/03/05 14:00:01.000, "1", "A100", 210 W
            2024/03/05 14:00:02.000, 0, A100, 120 W
            2024/03/05 14:00:02.000, 1, A100 , 220 W
            2024/03/05 14:00:03.000, 0, A10, 500 W
            2024/03/05 14:00:03.000, 0, A100, 130 W
            2024/03/05 14:00:03.000, 1, A100, 230 W
            2024/03/05 14:00:04.000, 0, A10, 500 W

            """
        let (log, _) = try readCSV(TestPaths.write(text, named: "spacing.csv"))
        let gpus = try #require(log?.gpus)
        #expect(gpus.map(\.identity.name) == ["A100", "A100", "A10"])
        #expect(gpus.map(\.trace.sampleCount) == [4, 4, 2])
        let joules: [Double] = [105 + 115 + 125, 205 + 215 + 225, 500]
        #expect(gpus.map(\.trace.joules) == joules)
    }

    @Test func implausibleReadingsAreNotSamples() throws {
        let text =
            "timestamp, power.draw [W]\n2024/03/05 14:00:00, 100 W\n2024/03/05 14:00:01, -5 W\n2024/03/05 14:00:02, 1e308 W\n2024/03/05 14:00:03, NaN\n2024/03/05 14:00:04, 100 W\n"
        let (log, _) = try readCSV(TestPaths.write(text, named: "absurd.csv"))
        let gpu = try #require(log?.gpus.first)
        #expect(gpu.trace.joules == 400)
        #expect(gpu.invalidSampleCount == 3)
    }

    @Test func localTimesAreReadInTheGivenZone() throws {
        let text = "timestamp, power.draw [W]\n2024/03/05 14:00:00.000, 100 W\n2024/03/05 14:00:10.000, 100 W\n"
        let path = TestPaths.write(text, named: "zone.csv")
        let (utc, _) = try readCSV(path)
        let (india, _) = try readCSV(path, zone: .fixedOffset(seconds: 19_800))
        let (berlin, _) = try readCSV(path, zone: .named(identifier: "Europe/Berlin"))
        let utcStart = try #require(utc?.gpus.first?.trace.firstSeconds)
        #expect(india?.gpus.first?.trace.firstSeconds == utcStart - 19_800)
        #expect(berlin?.gpus.first?.trace.firstSeconds == utcStart - 3600)
        #expect(india?.gpus.first?.trace.joules == 1000)
    }

    /// Rows of two GPUs over 0 to 9 s, one per second: the first GPU at 100 W, the second at 300 W (900 and
    /// 2700 J by hand), each row's id fields given by `ids`.
    private func twoGPULog(header: String, ids: (Int) -> String, power: (Int, Int) -> String) -> String {
        header + "\n"
            + (0..<10).flatMap { second in
                [0, 1].map { gpu in
                    String(format: "2024/03/05 14:00:%02d.000, ", second) + ids(gpu) + power(gpu, second) + "\n"
                }
            }.joined()
    }

    private func analyzeFile(_ path: String, queryFields: [String]? = nil) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        options.queryGPUFields = queryFields
        return try RunAnalyzer.analyze(runDirectory: path, options: options)
    }

    /// GPUs told apart only by name, only by UUID, or by `gpu_bus_id` (nvidia-smi's other name of `pci.bus_id`):
    /// each is its own GPU, each named by what tells it apart.
    @Test func gpusToldApartByAnyIDAreEachCounted() throws {
        let watts = { (gpu: Int, _: Int) in gpu == 0 ? "100.00 W" : "300.00 W" }
        let byName = try analyzeFile(
            TestPaths.write(
                twoGPULog(
                    header: "timestamp, name, power.draw [W]",
                    ids: { ["NVIDIA GeForce RTX 4090, ", "NVIDIA GeForce RTX 3090, "][$0] }, power: watts),
                named: "names.csv"))
        #expect(byName.gpus.map(\.identity.name) == ["NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090"])
        #expect(byName.gpus.map(\.identity.label) == byName.gpus.map { $0.identity.name ?? "" })
        #expect(byName.gpus.map(\.trace.joules) == [900, 2700])
        #expect(!byName.findings.contains { $0.code == .inputDuplicate })

        let uuids = ["GPU-11111111-2222-3333-4444-555555555555", "GPU-aaaaaaaa-2222-3333-4444-555555555555"]
        let byUUID = try analyzeFile(
            TestPaths.write(
                twoGPULog(header: "timestamp, uuid, power.draw [W]", ids: { uuids[$0] + ", " }, power: watts),
                named: "uuids.csv"))
        #expect(byUUID.gpus.map(\.identity.label) == uuids)
        #expect(byUUID.gpus.map(\.trace.joules) == [900, 2700])

        let buses = ["00000000:07:00.0", "00000000:0B:00.0"]
        let byBus = try analyzeFile(
            TestPaths.write(
                String(twoGPULog(header: "", ids: { buses[$0] + ", " }, power: watts).dropFirst()),
                named: "buses.csv"),
            queryFields: ["timestamp", "gpu_bus_id", "power.draw"])
        #expect(byBus.gpus.map(\.identity.label) == buses)
        #expect(byBus.gpus.map(\.trace.joules) == [900, 2700])
    }

    /// A V100 leaves `power.draw.average` `[N/A]` where an H100 beside it gives it: the V100 is measured by its
    /// `power.draw`, named as its field, instead of being left out; the H100 keeps the preferred average (300 W,
    /// not its 250 W instant readings).
    @Test func aGPUWithoutTheLogsPowerColumnIsMeasuredByItsOwn() throws {
        let text = twoGPULog(
            header: "timestamp, index, name, power.draw.average [W], power.draw [W]",
            ids: { ["0, Tesla V100-SXM2-32GB, ", "1, NVIDIA H100 80GB HBM3, "][$0] },
            power: { gpu, _ in gpu == 0 ? "[N/A], 100.00 W" : "300.00 W, 250.00 W" })
        let report = try analyzeFile(TestPaths.write(text, named: "mixed.csv"))
        #expect(report.gpus.map(\.powerField) == ["power.draw", "power.draw.average"])
        #expect(report.gpus.map(\.trace.joules) == [900, 2700])
        #expect(report.gpus.map(\.invalidSampleCount) == [0, 0])
    }

    /// A GPU whose valid readings are all of one instant has no energy: left out with a warning, as unknown, while
    /// the GPU beside it is counted; a log of only such readings measures nothing.
    @Test func readingsOfOneInstantMeasureNoEnergy() throws {
        let text = twoGPULog(
            header: "timestamp, index, power.draw [W]", ids: { "\($0), " },
            power: { gpu, second in gpu == 0 || second == 3 ? "100.00 W" : "[N/A]" })
        let report = try analyzeFile(TestPaths.write(text, named: "one-reading.csv"))
        #expect(report.gpus.map(\.identity.label) == ["0"])
        #expect(report.gpus.map(\.trace.joules) == [900])
        #expect(
            report.findings.contains {
                $0.severity == .warning && $0.message.hasPrefix("GPU 1: one valid reading, at 2024-03-05 14:00:03 UTC")
            })
        let single = TestPaths.write("timestamp, power.draw [W]\n2024/03/05 14:00:00, 100 W\n", named: "single.csv")
        #expect(throws: FootprintError.self) { try analyzeFile(single) }
    }

    /// A last line without its newline is cut (nvidia-smi ends every line), even when its field count is right: its
    /// `3` is what was written of `300.25`. Left out with a note: 100 W over 1 s, 100 J.
    @Test func aLastLineWithoutItsNewlineIsCutWhateverItsFields() throws {
        let text =
            "timestamp, power.draw [W]\n2024/03/05 14:00:00, 100 W\n2024/03/05 14:00:01, 100 W\n2024/03/05 14:00:02, 3"
        let (log, findings) = try readCSV(TestPaths.write(text, named: "cut.csv"))
        let gpu = try #require(log?.gpus.first)
        #expect(gpu.trace.joules == 100 && gpu.trace.sampleCount == 2)
        #expect(
            findings.contains {
                $0.severity == .note && $0.location?.line == 4 && $0.message.hasPrefix("the last line is cut short")
            })
    }

    /// A logger restarted with `power.draw.average` added: 200 W over 0–9 s under the first header, then 200 W over
    /// 10–19 s under the second, by its average. Both parts count, joined (200 W × 19 s = 3,800 J by hand); the
    /// second header is no repeat of the first.
    @Test func aChangeOfPowerColumnsKeepsTheRowsBeforeIt() throws {
        let first = (0..<10).map { String(format: "2024/03/05 14:00:%02d.000, 0, 200.00 W\n", $0) }.joined()
        let second = (10..<20).map { String(format: "2024/03/05 14:00:%02d.000, 0, 150.00 W, 200.00 W\n", $0) }
            .joined()
        let text =
            "timestamp, index, power.draw [W]\n" + first + "timestamp, index, power.draw [W], power.draw.average [W]\n"
            + second
        let (log, findings) = try readCSV(TestPaths.write(text, named: "restarted.csv"))
        let gpu = try #require(log?.gpus.first)
        #expect(log?.gpus.count == 1 && gpu.trace.joules == 3800 && gpu.trace.sampleCount == 20)
        #expect(gpu.powerField == "power.draw, power.draw.average")
        #expect(findings.contains { $0.location?.line == 12 && $0.message.hasPrefix("the power columns change here") })
        #expect(!findings.contains { $0.message.contains("the header repeats") })
    }

    @Test func aHeaderWithoutRowsSaysSo() throws {
        let (log, findings) = try readCSV(TestPaths.write("timestamp, index, power.draw [W]\n", named: "header.csv"))
        #expect(log?.gpus.isEmpty ?? true)
        #expect(
            findings.contains { $0.severity == .warning && $0.message == "a header but no data row that could be read" }
        )
    }

    // MARK: - dmon

    private func readDmon(_ path: String, start: LogTimestamp? = nil) throws -> (PowerLog?, [Finding]) {
        var options = PowerLogReadingOptions()
        options.dmonStart = start
        var findings = FindingLog()
        let log = try NvidiaSMIDmonReader.read(
            path: path, displayPath: "dmon.log", options: options, findings: &findings)
        return (log, findings.allFindings())
    }

    @Test func dmonWithDateAndTimeColumns() throws {
        let (log, _) = try readDmon(TestPaths.fixture("dmon/dmon-DT.log"))
        let gpus = try #require(log?.gpus)
        #expect(gpus.map(\.trace.sampleCount) == [60, 60])
        #expect(gpus[0].trace.joules == ExpectedValue.number(in: "expected.json", "dmon", "gpus", "0", "joules"))
        #expect(gpus[1].trace.joules == ExpectedValue.number(in: "expected.json", "dmon", "gpus", "1", "joules"))
        #expect(gpus[0].maximumUtilizationPercent ?? 0 >= 80)
        #expect(log?.powerField == "pwr")
    }

    /// `-o T` rows (a time of day, no date) take the start's date, a day later past midnight: 100 W from 23:59:56
    /// to 00:00:02, 600 J by hand; without a start, a warning says the rows have no date.
    @Test func dmonWithTimesOfDayTakesTheStartsDate() throws {
        let rows = ["23:59:56", "23:59:58", "00:00:00", "00:00:02"].map { "\($0)      0    100\n" }.joined()
        let path = TestPaths.write("#Time        gpu    pwr\n#HH:MM:SS    Idx      W\n" + rows, named: "dmon-T.log")
        // 2024-03-05 23:59:56 as if UTC.
        let (log, _) = try readDmon(path, start: .local(1_709_683_196))
        let trace = try #require(log?.gpus.first?.trace)
        #expect(trace.joules == 600 && trace.firstSeconds == 1_709_683_196 && trace.lastSeconds == 1_709_683_202)
        let (_, findings) = try readDmon(path)
        #expect(findings.contains { $0.message.hasPrefix("4 rows have a time but no date (nvidia-smi dmon -o T)") })
    }

    @Test func dmonWithoutTimesNeedsAStart() throws {
        let (unplaced, findings) = try readDmon(TestPaths.fixture("dmon/dmon-plain.log"))
        #expect(unplaced?.gpus.isEmpty ?? true)
        #expect(findings.contains { $0.message.contains("--dmon-start") })
        let start = Array("2024-07-01 09:30:00".utf8).withUnsafeBufferPointer(TimestampParser.parse)
        let (log, _) = try readDmon(TestPaths.fixture("dmon/dmon-plain.log"), start: start)
        let gpus = try #require(log?.gpus)
        #expect(gpus[0].trace.joules == ExpectedValue.number(in: "expected.json", "dmon", "gpus", "0", "joules"))
        #expect(gpus[0].trace.spanSeconds == 59)
    }

    @Test(.enabled(if: TestPaths.sharedRealLogsPresent, "../shared/real-logs is absent: skipped"))
    func dmonWithoutPowerColumnIsExplained() throws {
        let path = try #require(TestPaths.sharedRealLog("nvidia-smi-dmon/FULL-BOT-new_nvidia_dmon_s-u_no-pwr.log"))
        let (log, findings) = try readDmon(path)
        #expect(log?.gpus.isEmpty ?? true)
        #expect(log?.dataRowCount == 10)
        #expect(findings.contains { $0.message.contains("no pwr column") })
    }
}

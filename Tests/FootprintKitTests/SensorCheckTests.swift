import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// The stuck-sensor and outlier checks: on the two faulty real logs, on every other nvidia-smi log of
/// ../shared/real-logs (no false positives), and on synthetic samples at the thresholds.
struct SensorCheckTests {
    /// The field lists of the headerless real logs (per SOURCES.md and the producing repositories' scripts).
    private static let queryFields: [String: [String]] = [
        "noheader_Gemm_Multiply_LeakyReLU_baseline_r1_20260410_230639_power.csv": [
            "timestamp", "power.draw", "clocks.gr", "utilization.gpu", "utilization.memory",
        ],
        "noheader_unknown-error_LeakyReLU_clk2445_r2_20260411_043000_power.csv": [
            "timestamp", "power.draw", "clocks.gr", "utilization.gpu", "utilization.memory",
        ],
        "plato_noheader_units_gpu_log.csv": [
            "timestamp", "utilization.gpu", "utilization.memory", "memory.used", "memory.total", "temperature.gpu",
            "power.draw",
        ],
    ]

    private func analyzeRealLog(_ name: String) throws -> RunReport? {
        guard let path = TestPaths.sharedRealLog("nvidia-smi-csv/" + name) else { return nil }
        var options = ReportOptions()
        options.zone = .utc
        options.queryGPUFields = Self.queryFields[name]
        return try RunAnalyzer.analyze(runDirectory: path, options: options)
    }

    /// 46.19 W on all 12,792 rows. By a Python pass over the file: first row 17:01:44.300, last 17:13:23.930
    /// (699.63 s); trapezoidal energy 32,315.9097 J = 46.19 × 699.63.
    @Test func frozenReadingIsStuck() throws {
        guard let report = try analyzeRealLog("MLPerf_data_unknown-error.csv") else {
            print("skipped: ../shared/real-logs is absent")
            return
        }
        let sensor = report.gpus[0].trace.sensor
        #expect(sensor.stuckCount == 1)
        let stretch = try #require(sensor.stuckStretches.first)
        #expect(stretch.sampleCount == 12_792 && stretch.watts == 46.19)
        #expect(abs(stretch.seconds - 699.63) < 1e-3)
        #expect(relativeError(stretch.joules, 32_315.909705) < 1e-9)
        #expect(report.findings.contains { $0.code == .sensorStuck && $0.message.contains("46.19 W") })
        // Kept in the energy; the range's low end leaves the stretch out (here: all of it).
        #expect(relativeError(report.jobJoules, 32_315.909705) < 1e-9)
        let emissions = try #require(report.emissions)
        #expect(emissions.kilogramsCO2eLow == 0 && emissions.kilogramsCO2e > 0)
    }

    /// One 312.13 W row among 11–48 W. By a Python pass over the file: its neighbours are 17.14 W at
    /// 10:00:03.969 and 12.30 W at 10:00:04.767, so the line between them reads 15.708622 W at 10:00:04.205;
    /// the reading adds (312.13 − 15.708622) × 0.798 / 2 = 118.272109 J of the file's 539.017187 J (+28.1%).
    @Test func glitchIsAnOutlierWithItsEnergy() throws {
        guard let report = try analyzeRealLog("noheader_unknown-error_LeakyReLU_clk2445_r2_20260411_043000_power.csv")
        else {
            print("skipped: ../shared/real-logs is absent")
            return
        }
        let sensor = report.gpus[0].trace.sensor
        #expect(sensor.stuckCount == 0)
        let outlier = try #require(sensor.outliers.first)
        #expect(sensor.outliers.count == 1 && outlier.watts == 312.13)
        #expect(abs(outlier.seconds - 1_775_901_604.205) < 1e-3)
        #expect(abs(outlier.expectedWatts - 15.708622) < 1e-5)
        #expect(abs(outlier.joules - 118.272109) < 1e-5)
        #expect(abs(report.jobJoules - 539.017187) < 1e-5)
        #expect(report.findings.contains { $0.code == .sensorOutlier && $0.message.contains("312.13 W") })
        let emissions = try #require(report.emissions)
        #expect(abs(emissions.sensorExcessJoules - 118.272109) < 1e-5)
        // Same factors, energy without the reading: the low end scales by (539.017187 − 118.272109) / 539.017187
        // before the sensor's and sampling's share.
        let withoutShare = (539.017187 - 118.272109) / 539.017187
        let expectedLow =
            max(0, 1 - emissions.energyUncertainty) * emissions.kilogramsCO2e * withoutShare
            * (report.factors.intensityLow / report.factors.gramsCO2ePerKWh)
        #expect(relativeError(emissions.kilogramsCO2eLow, expectedLow) < 1e-6)
    }

    /// Every other nvidia-smi log that yields samples: no stuck stretch, no outlier (idle values repeated for
    /// ~100 rows at -lms 1, load steps in the transient-response logs, a real 448 W burst at 1.4 s cadence, ~1 W
    /// dips of a laptop GPU).
    @Test func noFalsePositivesOnTheOtherRealLogs() throws {
        guard let folder = TestPaths.sharedRealLog("nvidia-smi-csv") else {
            print("skipped: ../shared/real-logs is absent")
            return
        }
        let faulty: Set = [
            "MLPerf_data_unknown-error.csv", "noheader_unknown-error_LeakyReLU_clk2445_r2_20260411_043000_power.csv",
        ]
        var checked: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where !faulty.contains(name) {
            guard let report = try? analyzeRealLog(name), report.hasPowerSamples else { continue }
            checked.append(name)
            for gpu in report.gpus {
                #expect(gpu.trace.sensor == SensorFindings(), "\(name) GPU \(gpu.identity.label)")
            }
            #expect(!report.findings.contains { $0.code == .sensorStuck || $0.code == .sensorOutlier }, "\(name)")
        }
        // The logs with power samples among the 21 (the others have no power column or need a reader of
        // their own).
        #expect(checked.count >= 15, "\(checked)")
        #expect(checked.contains("h20_transient-NA_fp16_half_random.csv"))
        #expect(checked.contains("A100_TR_gpudata.csv") && checked.contains("K40m_TR_gpudata.csv"))
        #expect(checked.contains("h800sxm_41col_NA_allzero_gemm_int8.csv"))
    }

    // MARK: - Thresholds

    private func sensor(_ samples: [(Double, Double)]) -> SensorFindings {
        var integrator = PowerIntegrator()
        for (seconds, watts) in samples { integrator.add(seconds: seconds, watts: watts) }
        return integrator.finished().sensor
    }

    @Test func stuckNeedsFiveMinutesAndTwentyReadings() {
        // 301 readings a second apart at 30.5 W (300 s): stuck, 300 × 30.5 = 9,150 J.
        let fiveMinutes = sensor((0...300).map { (Double($0), 30.5) } + [(301, 40)])
        #expect(fiveMinutes.stuckCount == 1 && fiveMinutes.stuckStretches.first?.joules == 9150)
        #expect(fiveMinutes.stuckStretches.first?.sampleCount == 301)
        // 299.9 s of the same value at 10 Hz (3,000 readings): not stuck.
        #expect(sensor((0...2999).map { (Double($0) / 10, 30.5) } + [(300, 40)]).stuckCount == 0)
        // A slow logger, one row per 20 s (20 varying rows first, so that 20 s is no gap): 19 equal rows over
        // 360 s are too few, 20 over 380 s are stuck.
        let warmUp = (0..<20).map { (Double($0) * 20, 40 + Double($0)) }
        #expect(sensor(warmUp + (20...38).map { (Double($0) * 20, 30.5) } + [(780, 40)]).stuckCount == 0)
        #expect(sensor(warmUp + (20...39).map { (Double($0) * 20, 30.5) } + [(800, 40)]).stuckCount == 1)
        // A gap splits a stretch: 200 s + 200 s around a 10 s gap.
        let split = (0...200).map { (Double($0), 30.5) } + (210...410).map { (Double($0), 30.5) }
        #expect(sensor(split).stuckCount == 0)
    }

    @Test func aLoadStepIsNoOutlierButASpikeIs() {
        // 100 readings at 50 W then 100 at 300 W, 0.1 s apart: a step.
        let step = (0..<200).map { (Double($0) / 10, $0 < 100 ? 50.0 : 300) }
        #expect(sensor(step).outliers.isEmpty)
        // One 300 W reading at 10.0 s among 50 W: adds (300 − 50) × 0.2 / 2 = 25 J.
        let spike = (0..<200).map { (Double($0) / 10, $0 == 100 ? 300.0 : 50) }
        let found = sensor(spike).outliers
        #expect(found.count == 1 && abs((found.first?.joules ?? 0) - 25) < 1e-9)
        // The same spike among samples 2 s apart could be real work: not tested.
        #expect(sensor((0..<200).map { (Double($0) * 2, $0 == 100 ? 300.0 : 50) }).outliers.isEmpty)
        // A spike to a level the GPU also holds for long is no outlier.
        let busy = step + [(20.0, 50), (20.1, 290), (20.2, 50), (20.3, 50)]
        #expect(sensor(busy).outliers.isEmpty)
    }
}

/// A reading that does not move while the GPU's utilization does is stuck after 10 s, not only after 5 min.
@Suite struct StuckWhileBusyTests {
    /// A 1 Hz log (or 10 Hz with `tenths`) whose power holds 150.00 W for `seconds` while utilization follows
    /// `utilization`, between stretches of varying power.
    static func log(seconds: Int, tenths: Bool = false, utilization: (Int) -> Int) throws -> String {
        var rows = ["timestamp, index, power.draw [W], utilization.gpu [%]"]
        let step = tenths ? 0.1 : 1.0
        let count = Int(Double(seconds) / step)
        func row(_ t: Double, _ watts: String, _ percent: Int) {
            let whole = Int(t.rounded(.down))
            let milliseconds = Int(((t - Double(whole)) * 1000).rounded())
            let text = String(format: "2024/03/05 14:%02d:%02d.%03d", whole / 60, whole % 60, milliseconds)
            rows.append("\(text), 0, \(watts) W, \(percent) %")
        }
        // 5 s before and after with changing power.
        for index in 0..<5 { row(Double(index), String(format: "%.2f", 100.0 + Double(index)), 10) }
        for index in 0...count { row(5 + Double(index) * step, "150.00", utilization(index)) }
        for index in 1...5 {
            row(5 + Double(count) * step + Double(index), String(format: "%.2f", 120.0 + Double(index)), 50)
        }
        let folder = TestPaths.temporaryFolder()
        try (rows.joined(separator: "\n") + "\n").write(
            toFile: folder + "/nvidia-smi.csv", atomically: true, encoding: .utf8)
        return folder
    }

    static func analyze(_ folder: String) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        return try RunAnalyzer.analyze(runDirectory: folder, options: options)
    }

    @Test func aFlatReadingWhileUtilizationClimbsIsStuck() throws {
        // 31 readings of 150.00 W over 30 s while utilization climbs 0 → 90%: stuck; its energy 150 × 30 = 4,500 J.
        let report = try Self.analyze(try Self.log(seconds: 30) { $0 * 3 })
        let stretch = try #require(report.gpus[0].trace.sensor.stuckStretches.first)
        #expect(stretch.sampleCount == 31 && stretch.seconds == 30 && stretch.joules == 4_500)
        #expect(stretch.utilizationPercent == 0...90)
        let finding = try #require(report.findings.first { $0.code == .sensorStuck })
        #expect(finding.message.contains("while utilization went between 0% and 90%"))
    }

    @Test func aFlatReadingAtSteadyUtilizationOrForAMomentIsNot() throws {
        // Steady 97% for 30 s: a GPU at a power cap can read one value; shorter than 5 min, not stuck.
        #expect(try Self.analyze(try Self.log(seconds: 30) { _ in 97 }).gpus[0].trace.sensor.stuckCount == 0)
        // 5 s at 10 Hz (51 readings) while utilization climbs: the driver refreshes the reading that slowly.
        #expect(
            try Self.analyze(try Self.log(seconds: 5, tenths: true) { $0 * 2 }).gpus[0].trace.sensor.stuckCount == 0)
    }
}

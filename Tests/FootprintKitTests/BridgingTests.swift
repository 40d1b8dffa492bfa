import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Gaps are bridged only up to the bridge limit, and coverage counts only time backed by samples. Every expected
/// value below is worked out by hand from the synthetic samples.
struct BridgingTests {
    /// An nvidia-smi CSV of one GPU at `watts` W, one row per second at each of `times` (UTC seconds).
    private func csv(times: [Double], watts: (Double) -> Double) -> String {
        var text = "timestamp, index, name, uuid, utilization.gpu [%], power.draw [W]\n"
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy/MM/dd HH:mm:ss.SSS"
            text +=
                "\(formatter.string(from: date)), 0, NVIDIA A100-SXM4-40GB, GPU-0000aaaa-0000-0000-0000-000000000000, 50 %, \(ReportFormatting.fixed(watts(time), 2)) W\n"
        }
        return text
    }

    private func analyze(_ folder: String, configure: (inout ReportOptions) -> Void = { _ in }) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        configure(&options)
        return try RunAnalyzer.analyze(runDirectory: folder, options: options)
    }

    // MARK: - Coverage

    /// The training-resumed fixture's window runs 14:00:00 → 14:15:05 UTC (905 s). A log at 100 W every second
    /// from 13:59:00 to 14:16:00 with no rows from 14:05:01 to 14:05:07 has one 8 s gap (14:05:00 → 14:05:08)
    /// inside the window: window coverage (905 − 8) / 905, energy 100 W × 905 s (the gap bridged at 100 W).
    @Test func anEightSecondGapInsideTheWindowIsNotCoverage() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/training-resumed/tb"), toPath: folder + "/tb")
        let start = 1_709_647_140.0  // 2024-03-05 13:59:00 UTC
        let gapStart = 1_709_647_500.0  // 14:05:00
        var times: [Double] = []
        for offset in 0...(17 * 60) {
            let time = start + Double(offset)
            if time <= gapStart || time >= gapStart + 8 { times.append(time) }
        }
        _ = FileManager.default.createFile(
            atPath: folder + "/nvidia-smi.csv", contents: Data(csv(times: times) { _ in 100 }.utf8))
        let report = try analyze(folder)
        let window = try #require(report.training)
        #expect(window.startSeconds == 1_709_647_200 && window.endSeconds == 1_709_648_105)
        let energy = try #require(report.trainingEnergy)
        #expect(abs(energy.windowCoverage - 897.0 / 905.0) < 1e-12)
        #expect(abs(energy.windowJoules - 90_500) < 1e-6)
        // The whole log: 1,020 s, 8 of them in the gap.
        #expect(abs(report.gpus[0].coverage - 1012.0 / 1020.0) < 1e-12)
        #expect(report.gpus[0].trace.gaps.map(\.seconds) == [8])
        #expect(report.findings.contains { $0.code == .gapBridged })
        // The gap lies in the restart between the event files (14:04:50 → 14:10:35, 345 s); the evaluations
        // are fully covered.
        let restart = try #require(energy.pauses.first { $0.kind == .restart })
        #expect(abs((restart.coverage ?? -1) - 337.0 / 345.0) < 1e-12)
        #expect(energy.pauses.first { $0.kind == .evaluation }?.coverage == 1)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let training = try #require(json["training"] as? [String: Any])
        #expect(training["window_coverage"] as? Double == 0.991160)  // 897 / 905 to 6 decimals
    }

    /// Samples until 13:59:00 and from 14:16:00 only: the whole window lies in one 17 min gap, which is not
    /// bridged. The window then has no energy and no coverage, and the finding says so (not a clock problem).
    @Test func aWindowInsideAnUnbridgedGapHasNoCoverage() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/training-resumed/tb"), toPath: folder + "/tb")
        let before: [Double] = (0...540).map { 1_709_646_600 + Double($0) }  // 13:50:00 → 13:59:00
        let after: [Double] = (0...240).map { 1_709_648_160 + Double($0) }  // 14:16:00 → 14:20:00
        _ = FileManager.default.createFile(
            atPath: folder + "/nvidia-smi.csv", contents: Data(csv(times: before + after) { _ in 100 }.utf8))
        let report = try analyze(folder)
        let energy = try #require(report.trainingEnergy)
        #expect(energy.windowCoverage == 0 && energy.windowJoules == 0)
        #expect(report.gpus[0].trace.unmeasuredSeconds == 1020)
        #expect(report.findings.contains { $0.code == .coveragePartial })
        #expect(!report.findings.contains { $0.code == .clockNoOverlap })
        // Before the window: 540 s at 100 W; after it: 240 s.
        #expect(abs(energy.beforeJoules - 54_000) < 1e-6 && abs(energy.afterJoules - 24_000) < 1e-6)
    }

    // MARK: - The bridge limit

    /// 101 samples at 200 W (0…100 s), then 100 at 300 W starting 1,000 days later: the 86,400,000 s gap is not
    /// bridged. Energy: 200 × 100 + 300 × 99 = 49,700 J; unmeasured 86,400,000 s; coverage 199 / 86,400,199.
    @Test func aThousandDayGapIsUnmeasured() throws {
        let origin = 1_700_000_000.0
        let later = origin + 100 + 86_400_000
        let times: [Double] = (0...100).map { origin + Double($0) } + (0..<100).map { later + Double($0) }
        let folder = TestPaths.temporaryFolder()
        _ = FileManager.default.createFile(
            atPath: folder + "/nvidia-smi.csv", contents: Data(csv(times: times) { $0 < later ? 200 : 300 }.utf8))
        let report = try analyze(folder)
        let trace = report.gpus[0].trace
        // Taking the 2.16e10 J bridge out leaves rounding of its size × 2⁻⁵² (~5e-6 J).
        #expect(abs(trace.joules - 49_700) < 1e-4)
        #expect(trace.unmeasuredSeconds == 86_400_000)
        #expect(trace.gaps.isEmpty && trace.unbridgedGaps.count == 1)
        // Mean power over the 199 measured seconds, not over 1,000 days.
        #expect(abs(trace.meanWatts - 49_700.0 / 199) < 1e-6)
        #expect(abs(report.gpus[0].coverage - 199.0 / 86_400_199.0) < 1e-15)
        let unbridged = report.findings.filter { $0.code == .gapUnbridged }
        #expect(unbridged.count == 1 && unbridged.allSatisfy { $0.message.contains("unmeasured") })
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let energy = try #require(json["energy"] as? [String: Any])
        #expect(energy["unmeasured_seconds"] as? Double == 86_400_000)
        #expect(energy["max_bridge_seconds"] as? Double == 300)
        #expect(energy["joules"] as? Double == 49_700)
        // The range's high end adds the gap at the median power: of the 201 samples the 101st lies in the 200 W
        // bucket, whose upper edge is 200.5 W.
        #expect(energy["unmeasured_typical_joules"] as? Double == 86_400_000 * 200.5)
        // Idle is the 5th percentile: the 11th of 201 samples, also in the 200 W bucket.
        #expect(energy["unmeasured_idle_joules"] as? Double == 86_400_000 * 200.5)
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("| 0; 1 unmeasured (1000 d 0 h) |"))
        #expect(markdown.contains("A gap of at most 5 min 0 s (the bridge limit, `--max-bridge`) is bridged linearly"))
        // High end: (1 + 5% sensor, no sampling spread: both segments are flat) × (49,700 J + 86,400,000 s ×
        // 200.5 W) at the highest intensity, PUE 1.
        let emissions = try #require(report.emissions)
        #expect(abs(emissions.energyUncertainty - 0.05) < 1e-9)
        let highKWh = (49_700 + 86_400_000 * 200.5) / 3_600_000
        #expect(relativeError(emissions.kilogramsCO2eHigh, 1.05 * highKWh * report.factors.intensityHigh / 1000) < 1e-9)
        #expect(
            relativeError(emissions.kilogramsCO2eLow, 0.95 * 49_700 / 3_600_000 * report.factors.intensityLow / 1000)
                < 1e-6)
    }

    /// A gap of exactly the limit is bridged; a millisecond longer is not.
    @Test func aGapOfExactlyTheLimitIsBridged() {
        func trace(gapSeconds: Double) -> EnergyTrace {
            var integrator = PowerIntegrator(boundaries: [50, 200, 1000])
            for t in 0...100 { integrator.add(seconds: Double(t), watts: 200) }
            for t in 0...100 { integrator.add(seconds: 100 + gapSeconds + Double(t), watts: 300) }
            return integrator.finished().limitingBridges(toSeconds: 300)
        }
        let atLimit = trace(gapSeconds: 300)
        // 200 × 100 + (200 + 300) / 2 × 300 + 300 × 100 = 125,000 J.
        #expect(atLimit.joules == 125_000)
        #expect(atLimit.gaps.count == 1 && atLimit.unbridgedGaps.isEmpty && atLimit.unmeasuredSeconds == 0)
        let beyond = trace(gapSeconds: 300.001)
        // The segments only: 20,000 + 30,000 J.
        #expect(abs(beyond.joules - 50_000) < 1e-9)
        #expect(beyond.gaps.isEmpty && beyond.unbridgedGaps.count == 1)
        #expect(abs(beyond.unmeasuredSeconds - 300.001) < 1e-9)
        // Windows across the gap count the segments only: 50 → 200 s is 50 s at 200 W; 50 → 1000 s adds the second
        // segment's 30,000 J.
        #expect(abs((beyond.joules(from: 50, to: 200) ?? -1) - 10_000) < 1e-9)
        #expect(abs((beyond.joules(from: 50, to: 1000) ?? -1) - 40_000) < 1e-9)
        // Coverage of 50 → 200 s: 50 s of samples before the gap, then 100 s of gap.
        #expect(abs(beyond.coveredSeconds(from: 50, to: 200) - 50) < 1e-9)
        // With the bridge, the same window has 50 s at 200 W and 100 s of the bridge from 200 W up to
        // 200 + 100 × 100 / 300 W: 10,000 + (200 + 233.333…) / 2 × 100.
        #expect(abs((atLimit.joules(from: 50, to: 200) ?? -1) - (10_000 + (200 + 200 + 100.0 / 3) / 2 * 100)) < 1e-9)
        #expect(abs(atLimit.coveredSeconds(from: 50, to: 200) - 50) < 1e-9)
    }

    /// The bridge between two files of one GPU obeys the same limit.
    @Test func theBridgeBetweenFilesIsLimitedToo() {
        var first = PowerIntegrator()
        for t in 0...10 { first.add(seconds: Double(t), watts: 100) }
        var second = PowerIntegrator()
        for t in 0...10 { second.add(seconds: 3600 + Double(t), watts: 100) }
        let (joined, _) = EnergyTrace.joined([first.finished(), second.finished()])
        let limited = joined.limitingBridges(toSeconds: 300)
        // 10 s + 10 s at 100 W; the 3,590 s between the files is unmeasured.
        #expect(limited.joules == 2000)
        #expect(limited.unmeasuredSeconds == 3590)
    }

    /// 10,001 gaps of 400…10,400 s, more than a log lists: the 10,000 longest are listed, the shortest (400 s) is
    /// only counted, and as it exceeds the limit it is unmeasured too. Each block is three samples 1 s apart at
    /// 100 W (200 J); 10,002 blocks give 2,000,400 J; the gaps add up to 10,001 × 400 + (0 + … + 10,000) s.
    @Test func gapsBeyondTheListedOnesAreLimitedToo() {
        var integrator = PowerIntegrator()
        var time = 0.0
        for block in 0...10_001 {
            for step in 0..<3 { integrator.add(seconds: time + Double(step), watts: 100) }
            time += 2 + 400 + Double(block)
        }
        let trace = integrator.finished()
        #expect(trace.gaps.count == PowerIntegrator.listedGapCapacity && trace.gapCount == 10_001)
        #expect(trace.gaps.first?.seconds == 401)
        let limited = trace.limitingBridges(toSeconds: 300)
        #expect(limited.gapCount == 0 && limited.unbridgedGapCount == 10_001)
        #expect(limited.unlistedUnbridgedGapCount == 1)
        #expect(limited.unmeasuredSeconds == 10_001 * 400 + 10_000 * 10_001 / 2)
        #expect(relativeError(limited.joules, 2_000_400) < 1e-9)
    }

    @Test func theOptionIsValidatedAndNamedInTheReport() throws {
        var options = ReportOptions()
        options.maxBridgeSeconds = -1
        #expect(throws: FootprintError.self) { try options.validate() }
        options.maxBridgeSeconds = 60
        #expect(OptionFlags.of(options) == ["--max-bridge", "60.0"])
    }
}

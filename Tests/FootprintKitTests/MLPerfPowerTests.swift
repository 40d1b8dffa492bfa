import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// MLPerf Power's analyzer logs in the client's layout, written here: which pass is the scored one, and intervals
/// without readings.
struct MLPerfPowerTests {
    /// An analyzer log at `watts` from 2023-02-23 06:00:00 UTC, one reading a second for each of `stretches` (start
    /// second, readings).
    private func analyzerLog(watts: Double, stretches: [(start: Int, readings: Int)]) -> String {
        stretches.flatMap { stretch in
            (0..<stretch.readings).map { index in
                let seconds = stretch.start + index
                return String(
                    format:
                        "Time,02-23-2023 %02d:%02d:%02d.000,Watts,%.6f,Volts,230.000000,Amps,2.2,PF,0.95,Mark,run\n",
                    6 + seconds / 3600, seconds / 60 % 60, seconds % 60, watts)
            }
        }.joined()
    }

    private func analyze(_ folder: String) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .utc
        return try RunAnalyzer.analyze(runDirectory: folder, options: options)
    }

    /// `ranging/` (the calibration pass, 1,000 W) and `run_1/` (the scored run, 500 W for 60 readings:
    /// 500 W × 59 s = 29,500 J by hand): the run's energy, the ranging pass noted as not counted; alone, the
    /// ranging pass's energy with a warning that the scored run is missing.
    @Test func theScoredRunIsTheTestingPassNotTheRanging() throws {
        let folder = TestPaths.temporaryFolder()
        for (pass, watts) in [("ranging", 1000.0), ("run_1", 500.0)] {
            try FileManager.default.createDirectory(atPath: folder + "/" + pass, withIntermediateDirectories: true)
            #expect(
                FileManager.default.createFile(
                    atPath: folder + "/" + pass + "/spl.txt",
                    contents: Data(analyzerLog(watts: watts, stretches: [(0, 60)]).utf8)))
        }
        let report = try analyze(folder)
        #expect(report.systemEnergy?.joules == 29_500 && report.systemEnergy?.path == "run_1/spl.txt")
        #expect(report.findings.contains { $0.severity == .note && $0.location?.path == "ranging/spl.txt" })

        try FileManager.default.removeItem(atPath: folder + "/run_1")
        let ranging = try analyze(folder)
        #expect(ranging.systemEnergy?.joules == 59_000)
        #expect(
            ranging.findings.contains { $0.severity == .warning && $0.message.contains("ranging (calibration) pass") })
    }

    /// 60 readings, an hour without any, 60 more, all at 500 W: the hour is past the bridge limit, so it is not
    /// counted (2 × 500 W × 59 s = 59,000 J by hand), with a warning; with --max-bridge 3700 it is bridged.
    @Test func anHourWithoutReadingsIsNotBridged() throws {
        let folder = TestPaths.temporaryFolder()
        let text = analyzerLog(watts: 500, stretches: [(0, 60), (3660, 60)])
        #expect(FileManager.default.createFile(atPath: folder + "/spl.txt", contents: Data(text.utf8)))
        let report = try analyze(folder)
        #expect(report.systemEnergy?.joules == 59_000)
        #expect(report.findings.contains { $0.code == .gapUnbridged && $0.location?.path == "spl.txt" })
        var options = ReportOptions()
        options.zone = .utc
        options.maxBridgeSeconds = 3700
        let bridged = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        // 500 W × 3,719 s.
        #expect(try #require(bridged.systemEnergy?.joules) == 1_859_500)
    }
}

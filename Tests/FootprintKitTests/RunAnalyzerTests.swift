import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

struct RunAnalyzerTests {
    private func analyze(_ relative: String, configure: (inout ReportOptions) -> Void = { _ in }) throws -> RunReport {
        var options = ReportOptions()
        options.zone = .named(identifier: "Europe/Berlin")
        configure(&options)
        return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture(relative), options: options)
    }

    // MARK: - The example run

    @Test func energyMatchesTheIndependentComputation() throws {
        let report = try analyze("runs/example")
        #expect(report.gpus.map(\.identity.label) == ["0", "1", "2", "3"])
        for gpu in report.gpus {
            #expect(
                relativeError(
                    gpu.trace.joules,
                    ExpectedValue.number(in: "expected.json", "example", "gpus", gpu.identity.label, "joules")) < 1e-9)
            #expect(
                gpu.trace.sampleCount
                    == Int(ExpectedValue.number(in: "expected.json", "example", "gpus", gpu.identity.label, "samples")))
            #expect(
                gpu.invalidSampleCount
                    == Int(ExpectedValue.number(in: "expected.json", "example", "gpus", gpu.identity.label, "invalid")))
        }
        let jobExpected =
            ExpectedValue.number(in: "expected.json", "example", "gpus", "0", "joules")
            + ExpectedValue.number(in: "expected.json", "example", "gpus", "1", "joules")
            + ExpectedValue.number(in: "expected.json", "example", "gpus", "2", "joules")
        #expect(relativeError(report.jobJoules, jobExpected) < 1e-9)
        #expect(
            relativeError(
                report.allGPUJoules,
                jobExpected + ExpectedValue.number(in: "expected.json", "example", "gpus", "3", "joules")) < 1e-9)
        #expect(
            abs(report.windowStartSeconds - ExpectedValue.number(in: "expected.json", "example", "window_start")) < 1e-6
        )
        #expect(
            abs(report.windowEndSeconds - ExpectedValue.number(in: "expected.json", "example", "window_end")) < 1e-6)
    }

    @Test func idleGPUIsNotTheJobs() throws {
        let report = try analyze("runs/example")
        #expect(report.gpus.map(\.usedByJob) == [true, true, true, false])
        #expect(report.gpus[3].usageReason.hasPrefix("idle all log"))
    }

    @Test func gpuSelectionOverridesIdleDetection() throws {
        let report = try analyze("runs/example") { $0.gpuSelectors = ["3", "GPU-00000001"] }
        #expect(report.gpus.map(\.usedByJob) == [false, true, false, true])
        #expect(throws: FootprintError.self) { try analyze("runs/example") { $0.gpuSelectors = ["9"] } }
    }

    @Test func gapIsListedWithItsEnergyAndCoverage() throws {
        let report = try analyze("runs/example")
        let gpu2 = report.gpus[2]
        #expect(gpu2.trace.gaps.count == 1)
        let gap = try #require(gpu2.trace.gaps.first)
        #expect(gap.seconds > 12 && gap.seconds < 13.5)
        let expectedCoverage = (gpu2.trace.spanSeconds - gap.seconds) / report.windowSeconds
        #expect(abs(gpu2.coverage - expectedCoverage) < 1e-12)
        #expect(report.findings.contains { $0.message.contains("GPU 2") && $0.message.contains("bridged linearly") })
    }

    @Test func gzipMultiMemberRunWithoutExtensionGivesTheSameEnergy() throws {
        let plain = try analyze("runs/example")
        let compressed = try analyze("runs/example-gzip")
        #expect(compressed.files.first?.encoding?.isGzip == true)
        #expect(compressed.jobJoules == plain.jobJoules)
    }

    @Test func zoneShiftsTheWindowButNotTheEnergy() throws {
        let berlin = try analyze("runs/example")
        let kolkata = try analyze("runs/example") { $0.zone = .fixedOffset(seconds: 19_800) }
        #expect(kolkata.windowStartSeconds == berlin.windowStartSeconds + 3600 - 19_800)
        #expect(relativeError(kolkata.jobJoules, berlin.jobJoules) < 1e-12)
    }

    @Test func withoutZoneTheMachineZoneIsUsedAndSaid() throws {
        var options = ReportOptions()
        options.emission.region = "FR"
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
        #expect(report.clock.source == .machine)
        #expect(report.clock.wasNeeded)
        #expect(MarkdownReportWriter.render(report).contains("read in this machine's zone"))
    }

    // MARK: - Emissions

    @Test func emissionsUseTheRunYearsIntensity() throws {
        // France 2024 is 44.18 gCO2e/kWh in the bundled OWID history.
        let report = try analyze("runs/example") {
            $0.emission.region = "FR"
            $0.emission.pue = 1.1
        }
        #expect(report.factors.gramsCO2ePerKWh == 44.18)
        #expect(report.factors.intensityYear == 2024)
        let expectedKg = report.jobJoules / 3_600_000 * 1.1 * 44.18 / 1000
        #expect(relativeError(report.kilogramsCO2e, expectedKg) < 1e-12)
    }

    @Test func defaultsAreTheWorldAverageAndPUEOneFlaggedAsAssumptions() throws {
        let report = try analyze("runs/example")
        #expect(report.factors.intensityIsAssumed)
        #expect(report.factors.pueIsAssumed)
        #expect(report.factors.gramsCO2ePerKWh == 473.01)
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("**assumed**: world average"))
        #expect(markdown.contains("**assumed** 1.0"))
    }

    @Test func regionsResolveByCodeNameAndYear() throws {
        let table = GridIntensityTable.bundled
        #expect(table.country("DE")?.iso3 == "DEU")
        #expect(table.country("deu")?.iso2 == "DE")
        #expect(table.country("france")?.iso2 == "FR")
        let france = try #require(table.country("FR"))
        #expect(table.intensity(for: france, year: 2022).gramsCO2ePerKWh == 78.55)
        #expect(table.intensity(for: france, year: 1990).year == 2024)
        #expect(throws: FootprintError.self) {
            var options = EmissionOptions()
            options.region = "Frnace"
            return try EmissionsModel.factors(options, runYear: 2024)
        }
        var givenOptions = EmissionOptions()
        givenOptions.gramsCO2ePerKWh = 250
        givenOptions.pue = 1.2
        let given = try EmissionsModel.factors(givenOptions, runYear: nil)
        #expect(given.gramsCO2ePerKWh == 250 && given.intensitySource == "--intensity" && !given.intensityIsAssumed)
    }

    @Test func findingLogTakesOverAnotherAsIfItsFindingsWereAddedInOrder() {
        func addRows(_ rows: Range<Int>, to log: inout FindingLog) {
            for row in rows {
                log.add(
                    Finding(.warning, .inputDamaged, "row \(row)", location: InputLocation(path: "a.csv", line: row)),
                    kind: "timestamp", summary: "rows with unreadable timestamps")
                if row % 4 == 0 { log.add(Finding(.note, .inputColumns, "plain \(row)")) }
            }
        }
        var direct = FindingLog()
        var merged = FindingLog()
        direct.add(Finding(.note, .inputColumns, "first"))
        addRows(0..<6, to: &direct)
        direct.add(Finding(.note, .inputColumns, "middle"))
        addRows(6..<25, to: &direct)
        direct.add(Finding(.warning, .inputDamaged, "gap"), kind: "gap", summary: "gaps")
        merged.add(Finding(.note, .inputColumns, "first"))
        addRows(0..<6, to: &merged)
        var other = FindingLog()
        other.add(Finding(.note, .inputColumns, "middle"))
        addRows(6..<25, to: &other)
        merged.append(contentsOf: other)
        merged.add(Finding(.warning, .inputDamaged, "gap"), kind: "gap", summary: "gaps")
        #expect(merged.allFindings() == direct.allFindings())
        #expect(merged.allFindings().last?.message == "15 more rows with unreadable timestamps not listed (25 in all)")
    }

    // MARK: - Bad input

    @Test func folderWithoutLogsIsNothingAnalysable() throws {
        let folder = TestPaths.temporaryFolder()
        #expect(FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data("hello".utf8)))
        #expect(FileManager.default.createFile(atPath: folder + "/gpu.csv", contents: Data([0, 1, 2, 3, 255, 254])))
        do {
            _ = try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .nothingAnalysable)
            #expect(error.message.contains("looked for nvidia-smi"))
        }
    }

    @Test func badFilesAreWarningsAndTheRestIsRead() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/example/nvidia-smi.csv"), toPath: folder + "/a.csv")
        #expect(FileManager.default.createFile(atPath: folder + "/b.csv.gz", contents: Data([0x1f, 0x8b, 8, 0])))
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/c.csv",
                contents: Data("timestamp, power.draw [W]\n2024/03/05 14:00:00, 100 W\nbroken row\n".utf8)))
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        #expect(report.powerLogs.count == 2)
        #expect(report.findings.contains { $0.location?.path == "c.csv" && $0.location?.line == 3 })
    }
}

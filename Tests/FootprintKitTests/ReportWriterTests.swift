import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

struct ReportWriterTests {
    private func exampleReport() throws -> RunReport {
        var options = ReportOptions()
        options.zone = .named(identifier: "Europe/Berlin")
        options.emission.region = "DE"
        options.emission.pue = 1.1
        return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
    }

    @Test func jsonHasTheDocumentedShapeAndValues() throws {
        let report = try exampleReport()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let window = try #require(json["window"] as? [String: Any])
        #expect(window["start"] as? String == ReportFormatting.isoUTC(report.windowStartSeconds))
        let energy = try #require(json["energy"] as? [String: Any])
        let joules = try #require((energy["joules"] as? NSNumber)?.doubleValue)
        #expect(abs(joules - report.jobJoules) < 0.001)
        #expect((energy["all_gpus_joules"] as? NSNumber) != nil)
        let gpus = try #require(json["gpus"] as? [[String: Any]])
        #expect(gpus.count == 4)
        #expect(gpus[3]["used_by_job"] as? Bool == false)
        #expect(gpus[2]["id"] as? String == "2")
        #expect((gpus[2]["gaps"] as? [[String: Any]])?.count == 1)
        for key in ["name", "joules", "samples", "invalid_samples", "mean_watts"] { #expect(gpus[0][key] != nil) }
        let emissions = try #require(json["emissions"] as? [String: Any])
        #expect((emissions["pue"] as? NSNumber)?.doubleValue == 1.1)
        #expect((emissions["intensity_source"] as? String)?.contains("OWID") == true)
        #expect(json["findings"] is [[String: Any]])
    }

    @Test func csvHasTheDocumentedColumns() throws {
        let report = try exampleReport()
        let lines = CSVReportWriter.render([report]).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("run,start_utc,end_utc,duration_s,gpus,energy_j,energy_kwh,all_gpus_energy_kwh"))
        for column in ["pue", "intensity_g_per_kwh", "kg_co2e", "coverage"] { #expect(lines[0].contains(column)) }
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count == CSVReportWriter.columns.count)
        #expect(fields[4] == "3")
    }

    @Test func reportsAreByteIdenticalAcrossRuns() throws {
        let first = try exampleReport()
        let second = try exampleReport()
        #expect(MarkdownReportWriter.render(first) == MarkdownReportWriter.render(second))
        #expect(JSONReportWriter.render(first) == JSONReportWriter.render(second))
        #expect(CSVReportWriter.render([first]) == CSVReportWriter.render([second]))
    }

    @Test func fixedFormattingIsLocaleFree() {
        #expect(ReportFormatting.fixed(1234.5678, 2) == "1234.57")
        #expect(ReportFormatting.fixed(-0.0004, 3) == "0.000")
        #expect(ReportFormatting.grouped(1_234_567.891, 1) == "1,234,567.9")
        #expect(ReportFormatting.isoUTC(1_709_647_331.517) == "2024-03-05T14:02:11.517Z")
        #expect(ReportFormatting.isoUTC(-1) == "1969-12-31T23:59:59.000Z")
        #expect(ReportFormatting.duration(12_060) == "3 h 21 min")
    }

    @Test func outputsAreWrittenAtomically() throws {
        let folder = TestPaths.temporaryFolder() + "/nested/out"
        try AtomicFileWriter.makeFolder(folder)
        try AtomicFileWriter.write("one", to: folder + "/report.md")
        try AtomicFileWriter.write("two", to: folder + "/report.md")
        #expect(try String(contentsOfFile: folder + "/report.md", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.md"])
    }
}

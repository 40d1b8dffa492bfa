import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Finding codes are documented (README) and Markdown summarises every code with a count.
@Suite struct FindingCodeTests {
    @Test func everyCodeIsDocumentedInTheReadme() throws {
        let source = try String(
            contentsOfFile: TestPaths.repositoryRoot + "/Sources/FootprintKit/Diagnostics/FindingCode.swift",
            encoding: .utf8)
        let declared = source.components(separatedBy: "= FindingCode(rawValue: \"").count - 1
        #expect(declared == FindingCode.documented.count, "every code has a documented entry")
        #expect(Set(FindingCode.documented.map(\.code)).count == declared, "no code listed twice")
        let readme = try String(contentsOfFile: TestPaths.repositoryRoot + "/README.md", encoding: .utf8)
        for (code, meaning) in FindingCode.documented {
            #expect(readme.contains("| `\(code)` | \(meaning) |"), "README lists \(code)")
        }
    }

    @Test func markdownCountsEachCodeAndSaysHowManyMoreThereAre() throws {
        var options = ReportOptions()
        options.zone = .utc
        var report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
        let before = report.findings.filter { $0.code == .sampleInvalid }.count
        for row in 0..<25 {
            report.findings.append(
                Finding(
                    .warning, .sampleInvalid, "synthetic \(row)",
                    location: InputLocation(path: "nvidia-smi.csv", line: 100 + row)))
        }
        let markdown = MarkdownReportWriter.render(report)
        let total = before + 25
        #expect(markdown.contains("`sample.invalid`: \(total) warnings"))
        #expect(markdown.contains("- … and \(total - 10) more `sample.invalid` (all in report.json)"))
        #expect(markdown.components(separatedBy: "[`sample.invalid`]").count - 1 == 10)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["code"] as? String == "sample.invalid" }.count == total, "JSON lists them all")
        let last = try #require(findings.last)
        #expect(last["file"] as? String == "nvidia-smi.csv" && last["line"] as? Int == 124)
        #expect(last["severity"] as? String == "warning" && last["message"] as? String == "synthetic 24")
    }
}

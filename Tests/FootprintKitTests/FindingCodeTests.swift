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
        #expect(markdown.contains("- … and \(total - 10) more `sample.invalid` (see report.json)"))
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

/// 83 gaps of one GPU are counted as 83 in Markdown, 10 listed and "and 73 more", not 10 warnings alone.
@Suite struct FindingCountTests {
    @Test func eightyThreeGapsAreSummarisedWithTheirCount() throws {
        // 84 stretches of 20 one-second samples, 11 s apart at the joins: 83 gaps longer than the 3 s threshold.
        var rows = ["timestamp, index, power.draw [W]"]
        var second = 1_709_647_200
        for _ in 0..<84 {
            for sample in 0..<20 {
                let (hour, minute, seconds) = (second / 3600 % 24, second / 60 % 60, second % 60)
                rows.append(
                    "2024/03/05 \(hour):\(minute < 10 ? "0" : "")\(minute):\(seconds < 10 ? "0" : "")\(seconds).000, 0, \(200 + sample).00 W"
                )
                second += 1
            }
            second += 10
        }
        let folder = TestPaths.temporaryFolder()
        try (rows.joined(separator: "\n") + "\n").write(
            toFile: folder + "/nvidia-smi.csv", atomically: true, encoding: .utf8)
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        #expect(report.gpus.first?.trace.gapCount == 83)
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("`gap.bridged`: 83 warnings."))
        #expect(markdown.contains("- … and 73 more `gap.bridged` (see report.json)"))
        #expect(markdown.components(separatedBy: "[`gap.bridged`]").count - 1 == 10)
    }
}

/// One voice: each rule is stated once, with the numbers used, in the same words in Markdown, LaTeX and JSON.
@Suite struct MethodRulesTests {
    @Test func markdownLaTeXAndJSONStateTheSameRules() throws {
        var options = ReportOptions()
        options.zone = .named(identifier: "Europe/Berlin")
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let method = try #require(json["method"] as? [String: Any])
        let gaps = try #require(method["gaps"] as? String)
        let idle = try #require(method["idle_gpu"] as? String)
        #expect(gaps.contains("(3.0 s here: 3 s or 3 × the median interval"))
        #expect(gaps.contains("A gap of at most 5 min 0 s (the bridge limit, --max-bridge) is bridged linearly"))
        #expect(idle.contains("never above 1% and 99% of its samples within 5 W (or 5% of its minimum, if larger)"))
        let markdown = MarkdownReportWriter.render(report)
        for option in ["--max-bridge", "--gap-threshold", "--gpus"] {
            #expect(markdown.contains("`\(option)`"))
        }
        #expect(
            markdown.contains(
                gaps.replacingOccurrences(of: "--max-bridge", with: "`--max-bridge`")
                    .replacingOccurrences(of: "--gap-threshold", with: "`--gap-threshold`")))
        #expect(markdown.contains(idle.replacingOccurrences(of: "--gpus", with: "`--gpus`")))
        // The observed figures of the idle GPU are labelled as observations, not as a second threshold.
        #expect(markdown.contains("idle all log by the rule in Method (here utilization at most"))
        let latex = LaTeXReportWriter.render(report)
        #expect(
            latex.contains(
                "A gap of at most 5 min 0 s (the bridge limit, \\texttt{-{}-max-bridge}) is bridged linearly"))
        #expect(
            latex.contains("never above 1\\% and 99\\% of its samples within 5 W (or 5\\% of its minimum, if larger)"))
        // The headline says the mean power is the GPUs' total, and gives it per GPU.
        #expect(markdown.contains(" W in total (") && markdown.contains(" W per GPU)"))
    }
}

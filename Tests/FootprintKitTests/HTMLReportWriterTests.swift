import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// The HTML report: self-contained, the Markdown report's sections, the plots inline, every input string escaped.
struct HTMLReportWriterTests {
    private func report(_ run: String, zone: String, configure: (inout ReportOptions) -> Void = { _ in }) throws
        -> RunReport
    {
        var options = ReportOptions()
        options.zone = .named(identifier: zone)
        options.emission.region = "DE"
        options.emission.pue = 1.1
        configure(&options)
        return try RunAnalyzer.analyze(runDirectory: run, options: options)
    }

    /// Whether `html` would load anything: a script, a stylesheet or font file, an image, a frame, a CSS `url()`.
    private func loadsSomething(_ html: String) -> Bool {
        let lowered = html.lowercased()
        return ["<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "href=", "url(", "@import"].contains
        {
            lowered.contains($0)
        }
    }

    @Test func pageIsSelfContainedWithTheSectionsAndThePlot() throws {
        let html = HTMLReportWriter.render(try report(TestPaths.fixture("runs/example"), zone: "Europe/Berlin"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(!loadsSomething(html))
        // The only URLs are the SVG namespace, which names and loads nothing.
        #expect(
            html.components(separatedBy: "://").count
                == html.components(separatedBy: "http://www.w3.org/2000/svg").count)
        for id in ["energy", "emissions", "assumptions", "gpus", "files", "findings", "method", "provenance"] {
            #expect(html.contains("<section id=\"\(id)\">"), "no section \(id)")
        }
        #expect(html.contains("<figure id=\"power-plot\">\n<svg "))
        #expect(html.contains("<polyline") && html.contains("<title>GPU 0</title>"))
        #expect(html.contains("0.2848 kWh") && html.contains("3 × NVIDIA A100-SXM4-80GB"))
        #expect(html.contains("<code>sample.invalid</code>") && html.contains("<code>nvidia-smi.csv</code>"))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test func trainingRunHasThePhaseChart() throws {
        let html = HTMLReportWriter.render(
            try report(TestPaths.fixture("runs/training-resumed"), zone: "Asia/Kolkata"))
        #expect(html.contains("<section id=\"training\">") && html.contains("<figure id=\"phase-chart\">"))
        for phase in ["Start-up", "Training steps", "Evaluation (3)", "Restart between files (1)", "Tear-down"] {
            #expect(html.contains(">\(phase)</text>"), "no bar for \(phase)")
        }
        #expect(html.contains("<strong>313.3 J/step</strong>"))
    }

    @Test func profiledStepsHaveAColumnEach() throws {
        let trace = "hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz"
        let power = "hta_ns_resolution_rank-0-power.csv"
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestPaths.fixture("profiler/" + trace), toPath: folder + "/" + trace)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("profiler/power/" + power), toPath: folder + "/" + power)
        let run = try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
        let reference = try #require(run.profiler?.reference)
        #expect(!reference.stepJoules.isEmpty)
        let html = HTMLReportWriter.render(run)
        #expect(html.contains("<figure id=\"step-chart\">"))
        for (number, joules) in zip(reference.stepNumbers, reference.stepJoules) {
            #expect(html.contains("<title>#\(number): \(ReportFormatting.significant(joules, 4)) J</title>"))
        }
    }

    @Test func manyStepsShareColumns() {
        let steps = (0..<1000).map { (number: $0, joules: Double($0)) }
        let svg = SVGStepChart(title: "steps", steps: steps).render()
        #expect(svg.components(separatedBy: "fill=\"#0072B2\"").count - 1 == SVGStepChart.maximumColumns)
        #expect(
            svg.contains("<title>#0–#7: 3.500 J</title>") && svg.contains("each column the mean of consecutive steps"))
        // Values that are not finite are not drawn, and no step gives no column.
        let odd = SVGStepChart(title: "odd", steps: [(1, .nan), (2, .infinity), (3, 5)]).render()
        #expect(odd.components(separatedBy: "fill=\"#0072B2\"").count - 1 == 1)
        #expect(SVGStepChart(title: "none", steps: []).render().hasSuffix("</svg>\n"))
    }

    @Test func estimateWithoutPowerHasNoPlotAndSaysItIsAnEstimate() throws {
        let report = try Estimator.report(
            EstimateRequest(
                gpu: "A100", count: 8, hours: 10, utilization: nil, watts: nil, year: nil,
                emission: EmissionOptions()))
        let html = HTMLReportWriter.render(report)
        #expect(!html.contains("power-plot") && html.contains("<strong>Estimate</strong>"))
        #expect(!loadsSomething(html))
    }

    @Test func unknownEnergyIsNotZero() throws {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/training-resumed/tb"), toPath: folder + "/tb")
        let html = HTMLReportWriter.render(try report(folder, zone: "UTC"))
        #expect(html.contains("<strong>No measured GPU energy</strong>"))
        #expect(html.contains("<dd>unknown<small>") && html.contains("<dd>—<small>unknown</small></dd>"))
        #expect(!html.contains("0 kWh") && !html.contains("0 kg"))
    }

    // MARK: - Escaping

    @Test func inputStringsAreEscaped() {
        #expect(
            HTMLText.escaped("<script>alert('x')</script> & \"q\"")
                == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        #expect(HTMLText.escaped("a\u{1B}[31mb\nc") == "a\\x1b[31mb\\x0ac")
        #expect(HTMLText.code("<b>") == "<code>&lt;b&gt;</code>")
        #expect(HTMLText.prose("use `--tz <zone>` & more") == "use <code>--tz &lt;zone&gt;</code> &amp; more")
    }

    @Test func hostileFileNamesAndRunPathsStayText() throws {
        let run = TestPaths.temporaryFolder() + "/run<script>alert(1)<script>"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.fixture("runs/example/nvidia-smi.csv"), toPath: run + "/<script>alert(2)<b>.csv")
        try Data("not a log\n".utf8).write(to: URL(fileURLWithPath: run + "/\"'><img src=x onerror=alert(3)>.txt"))
        let html = HTMLReportWriter.render(try report(run, zone: "Europe/Berlin"))
        // No tag but the page's own: the names' `<` are all escaped.
        for tag in ["<script", "<img", "<b>"] { #expect(!html.contains(tag), "a name from the run became \(tag)") }
        #expect(html.contains("&lt;script&gt;alert(2)&lt;b&gt;.csv"))
        #expect(html.contains("&quot;&#39;&gt;&lt;img src=x onerror=alert(3)&gt;.txt"))
        #expect(
            html.contains("<h1>Footprint of <code>")
                && html.contains("run&lt;script&gt;alert(1)&lt;script&gt;</code></h1>"))
    }
}

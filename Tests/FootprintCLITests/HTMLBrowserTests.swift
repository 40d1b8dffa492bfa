import Foundation
import Testing
import FootprintTestSupport

/// The HTML report in a real browser: `Scripts/browser-check.py` renders it with headless Chromium to a PNG, fails
/// on any console message (an error, or a load the page's Content-Security-Policy blocked) and counts the coloured
/// pixels in the power plot's box. Skips, saying so, where chromium or python3 is not installed (`.ci/run` installs
/// chromium).
struct HTMLBrowserTests {
    static let python = "/usr/bin/python3"

    static var chromium: String? {
        if let given = ProcessInfo.processInfo.environment["FOOTPRINT_CHROMIUM"] { return given }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static var browserAvailable: Bool {
        chromium != nil && FileManager.default.isExecutableFile(atPath: python)
    }

    /// The power plot's drawing area in the screenshot, in CSS pixels: the plot sits at (24, 88) below the page's
    /// 72-pixel title bar (`HTMLReportWriter.plotOrigin`), and its axes box spans (62, 30)–(624, 290) of its 640 × 360
    /// units (`SVGPlotWriter.plot`).
    static let plotBox = "86,118,648,378"

    /// Runs the check on `page`; the screenshot goes beside it.
    static func check(_ page: String, box: String = plotBox) throws -> FootprintCLITests.Result {
        try FootprintCLITests.run(
            [
                FootprintCLITests.repositoryRoot + "/Scripts/browser-check.py", page, "--screenshot",
                page + ".png", "--window-size", "1280,900", "--box", box,
            ], environment: chromium.map { ["FOOTPRINT_CHROMIUM": $0] } ?? [:], executable: python)
    }

    @Test(
        .enabled(if: browserAvailable, "chromium (or python3) is not installed; .ci/run installs chromium"),
        arguments: SnapshotTests.runs.map(\.name))
    func reportRendersWithoutConsoleMessagesAndDrawsThePlot(run: String) throws {
        let entry = try #require(SnapshotTests.runs.first { $0.name == run })
        let folder = TestPaths.temporaryFolder()
        let report = try FootprintCLITests.run(["report"] + entry.arguments + ["--format", "html", "--output", folder])
        #expect(report.status == 0, "\(report.stderr)")
        let result = try Self.check(folder + "/report.html")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\"console_messages\": 0") && result.stdout.contains("\"width\": 1280"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report.html.png"))
    }

    @Test(.enabled(if: browserAvailable, "chromium (or python3) is not installed; .ci/run installs chromium"))
    func hostileNamesRenderAsText() throws {
        let run = TestPaths.temporaryFolder() + "/x\"><script>alert(1)<script>"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: FootprintCLITests.repositoryRoot + "/Fixtures/runs/example/nvidia-smi.csv",
            toPath: run + "/<img src=x onerror=alert(2)>.csv")
        let output = TestPaths.temporaryFolder()
        let report = try FootprintCLITests.run([
            "report", run, "--tz", "Europe/Berlin", "--format", "html", "--output", output,
        ])
        #expect(report.status == 0, "\(report.stderr)")
        let result = try Self.check(output + "/report.html")
        #expect(result.status == 0, "a name from the run became markup: \(result.stdout)\(result.stderr)")
    }

    @Test(.enabled(if: browserAvailable, "chromium (or python3) is not installed; .ci/run installs chromium"))
    func theCheckCatchesConsoleMessagesAndABlankPlot() throws {
        // The report's own policy, on a page that loads an image and runs a script: both blocked, both logged.
        let page = TestPaths.write(
            """
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            </head><body><img src="https://example.invalid/x.png"><script>console.error("boom")</script></body></html>
            """, named: "bad.html")
        let result = try Self.check(page)
        #expect(result.status == 1)
        #expect(result.stderr.contains("console:") && result.stderr.contains("coloured pixels, fewer than"))
    }
}

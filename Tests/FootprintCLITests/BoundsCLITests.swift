import Foundation
import Testing

/// Options outside their plausible ranges are invalid usage, and the plot stays small whatever the logs' span.
struct BoundsCLITests {
    @Test(arguments: [
        ["report", "Fixtures/runs/example", "--tz", "UTC", "--intensity", "1e308"],
        ["report", "Fixtures/runs/example", "--tz", "UTC", "--intensity", "2000.5"],
        ["report", "Fixtures/runs/example", "--tz", "UTC", "--gpu-count", "9223372036854775807"],
        ["report", "Fixtures/runs/example", "--tz", "UTC", "--dmon-interval", "1e300"],
        ["estimate", "--gpu", "A100-SXM4-80GB", "--hours", "1e300"],
        ["estimate", "--gpu", "A100-SXM4-80GB", "--count", "9223372036854775807", "--hours", "1", "--embodied"],
    ])
    func implausibleOptionsAreInvalidUsage(arguments: [String]) throws {
        let result = try FootprintCLITests.run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(" must be ") || result.stderr.contains(" is outside "), "\(result.stderr)")
    }

    @Test func plotOfAnyTimeSpanStaysSmall() throws {
        // One row in 2011 and the rest in 2099: 88 years of plot; rows of 1900 and 9999 are not samples at all.
        let folder = NSTemporaryDirectory() + "footprint-span-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = "timestamp, index, power.draw [W]\n2011-01-01 00:00:00, 0, 100 W\n"
        for second in 0..<600 {
            text += "2099-06-01 00:\(String(format: "%02d:%02d", second / 60, second % 60)), 0, 200 W\n"
        }
        #expect(FileManager.default.createFile(atPath: folder + "/gpu.csv", contents: Data(text.utf8)))
        for run in [folder + "/gpu.csv", "Fixtures/malformed/years-1900-9999.csv"] {
            let output = folder + "/out-" + UUID().uuidString
            let result = try FootprintCLITests.run([
                "report", run, "--tz", "UTC", "--format", "svg", "--output", output,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let size = (try? FileManager.default.attributesOfItem(atPath: output + "/report.svg")[.size] as? Int) ?? nil
            #expect((1..<60_000).contains(size ?? 0), "\(run): \(size ?? -1) bytes")
        }
    }
}

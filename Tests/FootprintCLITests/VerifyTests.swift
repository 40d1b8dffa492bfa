import Foundation
import Testing
import FootprintTestSupport

/// `verify` reads the options a JSON report records (`provenance.options`) strictly: a report whose options were
/// edited, or that predates the options object, gives a message naming the report and exit status 1.
struct VerifyTests {
    /// A report of the example run written with a few options, as text.
    static func savedReport() throws -> (folder: String, text: String) {
        let folder = NSTemporaryDirectory() + "footprint-verify-" + UUID().uuidString
        let result = try FootprintCLITests.run([
            "report", "Fixtures/runs/example", "--tz", "+01:00", "--region", "FR",
            "--gpus", "0,1", "--gap-threshold", "4.5", "--format", "json", "--output", folder,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, try String(contentsOfFile: folder + "/report.json", encoding: .utf8))
    }

    @Test func provenanceHoldsEveryOption() throws {
        let (_, text) = try Self.savedReport()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let options = try #require((json["provenance"] as? [String: Any])?["options"] as? [String: Any])
        #expect(options["tz"] as? String == "UTC+01:00" && options["gpus"] as? [String] == ["0", "1"])
        #expect(
            options["gap_threshold"] as? Double == 4.5 && options["dmon_interval"] as? Double == 1
                && options["gpu_count"] as? Int == 1)
        #expect(options["target"] is NSNull && options["step_tag"] is NSNull)
        let emission = try #require(options["emission"] as? [String: Any])
        #expect(
            emission["region"] as? String == "FR" && emission["embodied"] as? Bool == false
                && emission["lifetime_years"] as? Double == 5)
        let limits = try #require(options["limits"] as? [String: Any])
        #expect(limits["max_inflated_bytes"] as? Int == 64 << 30 && limits["max_json_depth"] as? Int == 512)
        #expect(text.contains("\"options\": {\n      \"tz\": \"UTC+01:00\",\n      \"gpus\": [\n"))
    }

    @Test func verifiesWithTheRecordedOptions() throws {
        let (folder, _) = try Self.savedReport()
        let result = try FootprintCLITests.run(["verify", folder + "/report.json", "Fixtures/runs/example"])
        #expect(result.status == 0 && result.stdout.hasPrefix("verified: Fixtures/runs/example gives the figures of"))
    }

    @Test(arguments: [
        ("\"gap_threshold\": 4.5", "\"gap_threshold\": 4.5, \"colour\": \"red\"", "`colour` is not an option"),
        ("\"region\": \"FR\"", "\"region\": \"FR\", \"grid\": 1", "`emission.grid` is not an option"),
        ("      \"step_tag\": null,\n", "", "`step_tag` is missing"),
        (
            "\"gap_threshold\": 4.5", "\"gap_threshold\": \"4.5\"",
            "`gap_threshold`: expected a number, found the string \"4.5\""
        ),
        ("\"gpu_count\": 1", "\"gpu_count\": 1.5", "`gpu_count`: expected a whole number"),
        ("\"max_json_depth\": 512", "\"max_json_depth\": 1e30", "`limits.max_json_depth`: expected a whole number"),
        ("\"embodied\": false", "\"embodied\": 0", "`emission.embodied`: expected true or false, found 0"),
        ("\"tz\": \"UTC+01:00\"", "\"tz\": \"Mars/Olympus\"", "`tz`: 'Mars/Olympus' is neither an IANA zone"),
        ("\"target\": null", "\"target\": \"loss=3\"", "`target`: 'loss=3' is not TAG<=VALUE"),
        ("\"gpu_count\": 1", "\"gpu_count\": 0", "the options in its provenance: --gpu-count must be at least 1"),
        (
            "\"gap_threshold\": 4.5", "\"gap_threshold\": -1",
            "the options in its provenance: --gap-threshold must be positive"
        ),
        ("\"options\": {", "\"arguments\": [], \"old\": {", "the report's provenance has no options"),
    ])
    func editedOptionsAreRejected(edit: (from: String, to: String, message: String)) throws {
        let (folder, text) = try Self.savedReport()
        #expect(text.contains(edit.from))
        let path = folder + "/edited.json"
        try text.replacingOccurrences(of: edit.from, with: edit.to).write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = try FootprintCLITests.run(["verify", path, "Fixtures/runs/example"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("footprint: \(path): error: ") && result.stderr.contains(edit.message),
            "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func statusesFollowTheDocumentedMeanings() throws {
        let (folder, _) = try Self.savedReport()
        let notAReport = try FootprintCLITests.run([
            "verify", "Fixtures/runs/example/nvidia-smi.csv", "Fixtures/runs/example",
        ])
        #expect(notAReport.status == 1 && notAReport.stderr.contains("not a JSON report"))
        let noRun = try FootprintCLITests.run(["verify", folder + "/report.json", folder + "/no-such-run"])
        #expect(noRun.status == 2 && noRun.stderr.contains("no such file or folder"))
        let help = try FootprintCLITests.run(["verify", "--help"])
        #expect(help.stdout.contains("Exit status 0 when they agree, 5 when they differ"))
    }
}

import Foundation
import Testing
import FootprintTestSupport

/// Help, formats, audit and merge through the binary: messages, the stdout/stderr split and exit statuses.
struct CommandLineTests {
    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "footprint-cli-" + UUID().uuidString
    }

    @Test func helpStatesExitStatusesAndDefaults() throws {
        let root = try FootprintCLITests.run(["--help"])
        #expect(root.status == 0)
        let discussion = root.stdout.split(separator: "\n").joined(separator: " ")
        #expect(
            discussion.contains(
                "Exit status: 0 success (warnings allowed), 1 invalid usage, 2 nothing analysable in the run folder, 3 the report could not be written"
            ))
        #expect(discussion.contains("5 verify found differences, 128 + N killed by signal N"))
        let report = try FootprintCLITests.run(["report", "--help"])
        let help = report.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
        for note in [
            "model-card (Hugging Face co2_eq_emissions YAML). (default: md)", "(default: pre-training)",
            "(dmon -d). (default: 1.0)",
            "amortised. (default: 5.0)", "how many GPUs the job used. (default: 1)", "bytes. (default: 68719476736)",
            "(default: 1048576)", "(default: 67108864)", "profiler trace. (default: 512)", "Exit with status 4",
        ] {
            #expect(help.contains(note), "report --help lacks \(note)")
        }
    }

    @Test(arguments: [
        (
            ["--format", "pdf"],
            "Error: unknown format 'pdf'; use md, csv, json, tex, svg, html or model-card\nUsage: footprint report"
        ),
        (["--format", ","], "Error: --format needs at least one of md, csv, json, tex, svg, html, model-card\n"),
        (["--gap-threshold", "0"], "Error: --gap-threshold must be positive\n"),
        // A negative number is the option's value, rejected with its range (not "Missing value").
        (["--gap-threshold", "-3"], "Error: --gap-threshold must be positive\n"),
        (["--max-bridge", "-1"], "Error: --max-bridge must be between 0 and 86400 s (a day)\n"),
        (["--max-line-bytes", "100"], "Error: --max-line-bytes must be at least 1024\n"),
        (["--lifetime-years", "31"], "Error: --lifetime-years must be in (0, 30]\n"),
        (
            ["--target", "loss=3"],
            "Error: --target 'loss=3' is not TAG<=VALUE, TAG>=VALUE, TAG<VALUE or TAG>VALUE (e.g. 'train/loss<=0.5')\n"
        ),
        (["--pue", "0.5"], "footprint: error: --pue 0.5 is outside 1.0–5.0"),
    ])
    func invalidOptionsAreUsageErrors(options: [String], message: String) throws {
        let result = try FootprintCLITests.run(["report", "Fixtures/runs/example", "--tz", "UTC"] + options)
        #expect(result.status == 1 && result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func formatsKnowTheirFiles() throws {
        let printed = try FootprintCLITests.run([
            "report", "Fixtures/runs/example", "--tz", "UTC", "--format", " LaTeX ,markdown",
        ])
        #expect(
            printed.status == 0 && printed.stdout.hasPrefix("% Energy and emissions of Fixtures/runs/example")
                && printed.stdout.contains("\n# Footprint of"))
        #expect(!printed.stdout.contains("@misc{"))
        let folder = Self.temporaryFolder()
        let written = try FootprintCLITests.run([
            "report", "Fixtures/runs/example", "--tz", "UTC", "--format", "tex,model-card,svg",
            "--training-type", "fine-tuning", "--output", folder,
        ])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "model-card.yaml", "report.bib", "report.svg", "report.tex",
            ])
        #expect(
            try String(contentsOfFile: folder + "/model-card.yaml", encoding: .utf8).contains(
                "training_type: \"fine-tuning\""))
        let unwritable = try FootprintCLITests.run([
            "report", "Fixtures/runs/example", "--tz", "UTC", "--output", "/proc/footprint/out",
        ])
        #expect(
            unwritable.status == 3
                && unwritable.stderr.contains("footprint: error: cannot create folder /proc/footprint/"))
    }

    @Test func auditShardsMergeIntoTheWholeAudit() throws {
        let whole = try FootprintCLITests.run(["audit", "Fixtures/runs", "--tz", "UTC", "--jobs", "2"])
        #expect(whole.status == 0 && whole.stdout.hasPrefix("# Footprint audit of `Fixtures/runs`"))
        let first = Self.temporaryFolder()
        let second = Self.temporaryFolder()
        for (index, folder) in [first, second].enumerated() {
            let shard = try FootprintCLITests.run([
                "audit", "Fixtures/runs", "--tz", "UTC", "--shard", "\(index + 1)/2", "--output", folder,
            ])
            #expect(shard.status == 0 && shard.stdout.isEmpty)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                    "audit.csv", "audit.json", "audit.md", "audit.svg",
                ])
        }
        let merged = try FootprintCLITests.run(["merge", first, second, "--group-by", "month"])
        #expect(
            merged.status == 0 && merged.stdout.contains("- merged from 2 shard outputs")
                && merged.stdout.contains("## By month (UTC)"))
        let totals = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("**") } }
        #expect(totals(merged.stdout) == totals(whole.stdout))
    }

    @Test func reportPartsMergeIntoTheSingleReport() throws {
        let run = "Fixtures/multihost/host-in-file-name"
        let single = Self.temporaryFolder()
        let options = ["--tz", "UTC", "--region", "DE", "--format", "md,csv,svg"]
        // The parts ask for no JSON; the merge writes report.json beside the formats asked for.
        #expect(
            try FootprintCLITests.run(["report", run, "--output", single] + options + ["--format", "json,md,csv,svg"])
                .status == 0)
        let parts = (1...3).map { _ in Self.temporaryFolder() }
        for (index, folder) in parts.enumerated() {
            let part = try FootprintCLITests.run(
                ["report", run, "--shard", "\(index + 1)/3", "--output", folder] + options)
            #expect(part.status == 0 && part.stdout.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report-part.json"])
        }
        let merged = Self.temporaryFolder()
        #expect(try FootprintCLITests.run(["merge"] + parts.reversed() + ["--output", merged]).status == 0)
        let names = ["report.csv", "report.json", "report.md", "report.svg"]
        #expect(try FileManager.default.contentsOfDirectory(atPath: merged).sorted() == names)
        for name in names {
            let mergedBytes = FileManager.default.contents(atPath: merged + "/" + name)
            #expect(
                mergedBytes != nil && mergedBytes == FileManager.default.contents(atPath: single + "/" + name),
                "\(name)")
        }
        let missing = try FootprintCLITests.run(["merge", parts[0], parts[2]])
        #expect(missing.status == 1 && missing.stderr.contains("part 2/3 missing: merge all 3 parts of the run"))
        let noZone = try FootprintCLITests.run(["report", run, "--shard", "1/3", "--output", Self.temporaryFolder()])
        #expect(noZone.status == 1 && noZone.stderr.contains("--shard needs --tz"))
        let noOutput = try FootprintCLITests.run(["report", run, "--shard", "1/3", "--tz", "UTC"])
        #expect(noOutput.status == 1 && noOutput.stderr.contains("--shard needs --output"))
    }

    @Test(arguments: [
        (["audit", "Fixtures/runs", "--jobs", "0"], Int32(1), "Error: --jobs must be at least 1\n"),
        (
            ["audit", "Fixtures/runs", "--shard", "3/2"], 1,
            "Error: --shard '3/2' is not K/N with 1 ≤ K ≤ N (e.g. 3/8)\n"
        ),
        (["audit", "Fixtures/runs", "--since", "2024"], 1, "Error: --since '2024' is not a date such as 2024-03-05\n"),
        (
            ["audit", "Fixtures/runs", "--run-depth", "1", "--run-glob", "*"], 1,
            "Error: give --run-depth or --run-glob, not both\n"
        ),
        (
            ["audit", "Fixtures/runs", "--group-by", "("], 1,
            "Error: --group-by '(' is neither parent, month nor a regular expression\n"
        ),
        (["audit", "Fixtures/no-such-folder"], 2, "footprint: Fixtures/no-such-folder: error: not a folder\n"),
        (
            ["audit", "Fixtures/runs", "--tz", "UTC", "--output", "/proc/footprint/audit"], 3,
            "footprint: error: cannot create folder /proc/footprint/"
        ),
        (
            ["merge", "Fixtures/runs"], 1,
            "footprint: Fixtures/runs: error: no audit.csv here (run `audit --output` first)\n"
        ),
    ])
    func auditAndMergeStatuses(arguments: [String], status: Int32, message: String) throws {
        let result = try FootprintCLITests.run(arguments)
        #expect(result.status == status && result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// Every documented `--tz` form, negative offsets as a separate argument included, for each command with it.
    @Test(arguments: [
        (["--tz", "-05:00"], "UTC-05:00"), (["--tz=-05:00"], "UTC-05:00"), (["--tz", "+05:30"], "UTC+05:30"),
        (["--tz", "-0330"], "UTC-03:30"), (["--tz", "UTC"], "UTC"), (["--tz", "Z"], "UTC"),
        (["--tz", "Europe/Berlin"], "Europe/Berlin"),
    ])
    func tzTakesEveryDocumentedForm(arguments: [String], zone: String) throws {
        let report = try FootprintCLITests.run(["report", "Fixtures/runs/example", "--format", "json"] + arguments)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("\"zone\": \"\(zone)\""))
        let inspect = try FootprintCLITests.run(["inspect", "Fixtures/runs/example"] + arguments)
        #expect(inspect.status == 0 && inspect.stdout.contains("local times read in \(zone)"), "\(inspect.stderr)")
        let audit = try FootprintCLITests.run(["audit", "Fixtures/runs/example", "--jobs", "1"] + arguments)
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    /// Without `--tz`, on a machine in UTC: a DST change in the log's local times is named with the zones that
    /// make it (Fixtures/clock-dst/expected.json, from Python's zoneinfo), and the assumed clock is a run-wide
    /// finding.
    @Test(arguments: [
        ("berlin-fall", "go back", "Europe/Amsterdam, Europe/Berlin, Europe/Brussels, Europe/Madrid, Europe/Paris"),
        ("newyork-spring", "go forward", "in America/New_York, America/Toronto;"),
    ])
    func dstChangeIsNamedWithoutTZ(name: String, direction: String, zones: String) throws {
        let result = try FootprintCLITests.run(
            ["report", "Fixtures/clock-dst/" + name, "--format", "json"], environment: ["TZ": "UTC"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let dst = try #require(findings.first { $0["code"] as? String == "clock.dst" })
        #expect(dst["file"] as? String == "nvidia-smi.csv")
        let message = try #require(dst["message"] as? String)
        #expect(message.contains("the local times \(direction)") && message.contains(zones), "\(message)")
        let assumed = try #require(findings.first { $0["code"] as? String == "clock.assumed" })
        #expect(assumed["file"] is NSNull)
    }
}

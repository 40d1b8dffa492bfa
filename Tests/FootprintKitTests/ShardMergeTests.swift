import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// A run split over machines: the parts of `report --shard K/N`, written to and read back from their files, merged
/// give the report one machine writes of the whole run.
@Suite struct ShardMergeTests {
    static func options() -> ReportOptions {
        var options = ReportOptions()
        options.zone = .utc
        return options
    }

    /// Part `index` of `count` of the run, through its file as `merge` reads it.
    static func part(_ run: String, _ index: Int, of count: Int, options: ReportOptions = options()) throws -> (
        path: String, part: ReportPart
    ) {
        let part = try RunAnalyzer.readPart(
            runDirectory: run, options: options, shard: Shard(index: index, count: count), formats: ["md", "json"],
            trainingType: "pre-training")
        let folder = TestPaths.temporaryFolder()
        try part.encoded().write(toFile: folder + "/" + ReportPart.fileName, atomically: true, encoding: .utf8)
        return (folder, try #require(try ReportPart.read(inFolder: folder)))
    }

    /// The report merged from the run's `count` parts, given last part first.
    static func merged(_ run: String, parts count: Int) throws -> RunReport {
        let parts = try (1...count).reversed().map { try part(run, $0, of: count) }
        return try RunAnalyzer.account(ReportPart.merged(parts), runDirectory: run, options: options())
    }

    static let runs =
        [
            "per-host-folders", "host-in-file-name", "host-key-folders", "uuid-only", "duplicated-copy",
            "resumed-one-host",
            "straggler-host",
        ].map { TestPaths.fixture("multihost/" + $0) } + [
            TestPaths.fixture("runs/training-resumed"), TestPaths.fixture("runs/nanogpt-8gpu"),
            TestPaths.fixture("trackers/mlflow"), TestPaths.fixture("trackers/megatron"),
            TestPaths.fixture("trackers/codecarbon"), TestPaths.fixture("wandb"),
        ]

    @Test(arguments: runs)
    func threePartsMergeIntoTheSingleReport(run: String) throws {
        let single = try RunAnalyzer.analyze(runDirectory: run, options: Self.options())
        let merged = try Self.merged(run, parts: 3)
        #expect(relativeError(merged.allGPUJoules, single.allGPUJoules) <= 1e-9)
        #expect(relativeError(merged.jobJoules, single.jobJoules) <= 1e-9)
        #expect(merged.gpus.map(\.identity) == single.gpus.map(\.identity))
        #expect(merged.hosts.map(\.name) == single.hosts.map(\.name))
        #expect(merged.trainingEnergy == single.trainingEnergy)
        #expect(merged.findings == single.findings)
        #expect(JSONReportWriter.render(merged) == JSONReportWriter.render(single))
        #expect(MarkdownReportWriter.render(merged) == MarkdownReportWriter.render(single))
    }

    @Test func mergedEnergyMatchesTheIndependentFigures() throws {
        // Fixtures/multihost/expected.json: each host's energy integrated by Scripts/make-multihost.py.
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("multihost/expected.json")))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        for layout in ["per-host-folders", "host-in-file-name", "straggler-host"] {
            let figures = try #require(expected[layout])
            let merged = try Self.merged(TestPaths.fixture("multihost/" + layout), parts: 3)
            #expect(relativeError(merged.allGPUJoules, try #require(figures["joules"] as? Double)) < 1e-3, "\(layout)")
            #expect(merged.gpus.count == figures["gpus"] as? Int, "\(layout)")
        }
    }

    @Test func profiledRanksOnTwoHostsMergeToo() throws {
        let run = try ProfilerHostTests.twoHostProfiledRun()
        let single = try RunAnalyzer.analyze(runDirectory: run, options: Self.options())
        let merged = try Self.merged(run, parts: 2)
        #expect(merged.profiler == single.profiler)
        #expect(JSONReportWriter.render(merged) == JSONReportWriter.render(single))
    }

    @Test func eachPartReadsItsOwnHostsLogsOnly() throws {
        let run = TestPaths.fixture("multihost/host-in-file-name")
        let parts = try (1...2).map { try Self.part(run, $0, of: 2).part }
        let read = parts.map { part in part.logs.compactMap(\.log?.path) }
        // Three hosts in natural order dealt out in turn: node-017 and node-019 to part 1, node-018 to part 2.
        #expect(read[0].allSatisfy { $0.contains("node-017") || $0.contains("node-019") } && read[0].count == 2)
        #expect(read[1].allSatisfy { $0.contains("node-018") } && read[1].count == 1)
        // One host's logs make one part's work; the other part reads none.
        let single = try (1...2).map { try Self.part(TestPaths.fixture("runs/example"), $0, of: 2).part }
        #expect(single.map { $0.logs.count } == [1, 0])
    }

    @Test func partsThatDoNotMakeOneRunAreRefused() throws {
        let run = TestPaths.fixture("multihost/per-host-folders")
        let one = try Self.part(run, 1, of: 3)
        let two = try Self.part(run, 2, of: 3)
        let three = try Self.part(run, 3, of: 3)
        func refusal(_ parts: [(path: String, part: ReportPart)]) -> String? {
            do {
                _ = try ReportPart.merged(parts)
                return nil
            } catch {
                #expect(error.code == .invalidOption)
                return error.message
            }
        }
        #expect(refusal([one, three])?.contains("part 2/3 missing") == true)
        #expect(refusal([one, two, two, three])?.contains("part 2/3 is given twice") == true)
        var otherOptions = Self.options()
        otherOptions.emission.pue = 1.5
        let otherTwo = try Self.part(run, 2, of: 3, options: otherOptions)
        #expect(refusal([one, otherTwo, three])?.contains("its options differ") == true)
        let otherRun = try Self.part(TestPaths.fixture("multihost/uuid-only"), 2, of: 3)
        #expect(refusal([one, otherRun, three])?.contains("its run") == true)
        let halves = try Self.part(run, 2, of: 2)
        #expect(refusal([one, halves, three])?.contains("its N (2 parts, not 3)") == true)
    }

    @Test func aPartNeedsTheZoneOfTheLocalTimes() {
        #expect {
            _ = try RunAnalyzer.readPart(
                runDirectory: TestPaths.fixture("runs/example"), options: ReportOptions(),
                shard: Shard(index: 1, count: 2), formats: ["json"], trainingType: "pre-training")
        } throws: { error in
            (error as? FootprintError)?.code == .invalidOption
                && (error as? FootprintError)?.message.contains("--shard needs --tz") == true
        }
    }

    @Test func aDamagedPartFileIsNamedWithWhatIsWrong() throws {
        let folder = TestPaths.temporaryFolder()
        let path = folder + "/" + ReportPart.fileName
        try #"{"layout": 1, "tool": "footprint"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try ReportPart.read(inFolder: folder)
        } throws: { error in
            guard let error = error as? FootprintError else { return false }
            return error.code == .malformedInput && error.location?.path == path
                && error.message.contains("no field 'tables'")
        }
        #expect(try ReportPart.read(inFolder: TestPaths.temporaryFolder()) == nil)
        // A part larger than any the tool writes is refused before it is read (a sparse file: no disk used).
        let huge = TestPaths.temporaryFolder()
        let hugePath = huge + "/" + ReportPart.fileName
        #expect(FileManager.default.createFile(atPath: hugePath, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: hugePath))
        try handle.truncate(atOffset: UInt64(ReportPart.maximumBytes) + 1)
        try handle.close()
        #expect {
            _ = try ReportPart.read(inFolder: huge)
        } throws: { error in
            (error as? FootprintError)?.message.contains("more than the 2 GiB a report part may hold") == true
        }
        // A part whose JSON decodes but breaks what the tool keeps (an energy missing at a boundary).
        let part = try Self.part(TestPaths.fixture("runs/training-resumed"), 1, of: 1)
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(part.part.encoded().utf8)) as? [String: Any])
        var logs = try #require(json["logs"] as? [[String: Any]])
        var log = try #require(logs[0]["log"] as? [String: Any])
        var gpus = try #require(log["gpus"] as? [[String: Any]])
        var trace = try #require(gpus[0]["trace"] as? [String: Any])
        let cumulative = try #require(trace["cumulativeJoulesAtBoundaries"] as? [Double])
        #expect(cumulative.count > 1)
        trace["cumulativeJoulesAtBoundaries"] = Array(cumulative.dropLast())
        gpus[0]["trace"] = trace
        log["gpus"] = gpus
        logs[0]["log"] = log
        json["logs"] = logs
        /// `json` written as a part, which reading refuses with a message that says `what`.
        func expectRefused(_ json: [String: Any], saying what: String) throws {
            let folder = TestPaths.temporaryFolder()
            try JSONSerialization.data(withJSONObject: json).write(
                to: URL(fileURLWithPath: folder + "/" + ReportPart.fileName))
            #expect {
                _ = try ReportPart.read(inFolder: folder)
            } throws: { error in
                (error as? FootprintError)?.message.contains(what) == true
            }
        }
        try expectRefused(
            json, saying: "a damaged report part (a GPU's integrated power is inconsistent); make it again")
        // A part whose scalar points name a file the run does not list (the resumed run's second file is index 1).
        json = try #require(
            try JSONSerialization.jsonObject(with: Data(part.part.encoded().utf8)) as? [String: Any])
        var timeline = try #require(json["timeline"] as? [String: Any])
        var runs = try #require(timeline["runs"] as? [[String: Any]])
        var series = try #require(runs[0]["series"] as? [[String: Any]])
        var points = try #require(series[0]["points"] as? [String: Any])
        let fileRuns = try #require(points["fileRuns"] as? [[String: Any]])
        #expect(fileRuns.map { $0["fileIndex"] as? Int } == [1])
        let pointCount = try #require(points["steps"] as? [Any]).count
        // A file beyond the run's, and runs that start before the points, after them, or twice at one point.
        let hostileRuns: [[[String: Any]]] = [
            [["start": fileRuns[0]["start"] ?? 0, "fileIndex": 2]], [["start": -1, "fileIndex": 1]],
            [["start": pointCount, "fileIndex": 1]], [["start": 1, "fileIndex": 1], ["start": 1, "fileIndex": 0]],
        ]
        for hostile in hostileRuns {
            points["fileRuns"] = hostile
            series[0]["points"] = points
            runs[0]["series"] = series
            timeline["runs"] = runs
            json["timeline"] = timeline
            try expectRefused(
                json,
                saying: "a damaged report part (a scalar series names a file its run does not list); make it again")
        }
        // Steps, wall times and values of unequal counts.
        points["fileRuns"] = fileRuns
        points["values"] = Array(try #require(points["values"] as? [Any]).dropLast())
        series[0]["points"] = points
        runs[0]["series"] = series
        timeline["runs"] = runs
        json["timeline"] = timeline
        try expectRefused(json, saying: "steps, wall times and values of unequal counts")
    }

    @Test func shardsAreParsedAsCommandLinesGiveThem() throws {
        #expect(try Shard.parse("2/5") == Shard(index: 2, count: 5))
        for text in ["0/3", "4/3", "1/0", "1/", "/3", "a/b", "1/2/3", "-1/2"] {
            #expect(throws: FootprintError.self, "\(text)") { try Shard.parse(text) }
        }
        #expect(Shard(index: 1, count: 2).holds(hosts: ["b", "a", "", "c", "a"]) == [false, true, true, true, true])
    }
}

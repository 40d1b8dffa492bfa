import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// The training timeline and its energy, on run folders written by the real TensorBoard writers
/// (`Scripts/make-training-fixtures.py`) beside synthetic power logs whose energies that script computed.
@Suite struct TrainingTimelineTests {
    private func resumedReport(zone: ClockZone? = nil, target: String? = "train/loss<=0.5") throws -> RunReport {
        var options = ReportOptions()
        options.zone = zone
        options.target = target.flatMap(TrainingTarget.parse)
        return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/training-resumed"), options: options)
    }

    @Test func resumedRunMatchesIndependentEnergies() throws {
        let report = try resumedReport(zone: .fixedOffset(seconds: 19800))
        let window = try #require(report.training)
        #expect(window.tag == "train/loss" && window.folder == "tb" && window.choice == .knownName)
        #expect(window.firstStep == 0 && window.lastStep == 1000 && window.steps == 1000)
        #expect(
            Double(window.pointCount)
                == ExpectedValue.number(in: "expected-training.json", "training-resumed", "points"))
        #expect(
            window.startSeconds
                == ExpectedValue.number(in: "expected-training.json", "training-resumed", "window_start")
                && window.endSeconds
                    == ExpectedValue.number(in: "expected-training.json", "training-resumed", "window_end")
        )
        let energy = try #require(report.trainingEnergy)
        #expect(
            relativeError(
                energy.windowJoules,
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "window_joules")) < 1e-9)
        #expect(
            relativeError(
                try #require(energy.joulesPerStep),
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "joules_per_step")) < 1e-9)
        #expect(
            relativeError(
                energy.beforeJoules,
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "before_joules")) < 1e-9)
        #expect(
            relativeError(
                energy.afterJoules,
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "after_joules")) < 1e-9)
        #expect(
            relativeError(
                report.jobJoules, ExpectedValue.number(in: "expected-training.json", "training-resumed", "total_joules")
            ) < 1e-9)
        #expect(abs(energy.windowCoverage - 1) < 1e-12)
    }

    @Test func theWindowIsTheLowestRanksAndTheOtherRanksAreListed() throws {
        // rank0 holds the first file of the resumed run (fewer steps), rank1 both; a folder without a rank too.
        let root = TestPaths.temporaryFolder()
        let source = TestPaths.fixture("runs/training-resumed/tb/")
        let first = "events.out.tfevents.1709647195.fixture-host.4100.0"
        let second = "events.out.tfevents.1709647835.fixture-host.4101.1"
        for (folder, files) in [("logs/rank1", [first, second]), ("logs/rank0", [first]), ("logs/rank_2", [first])] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            for file in files {
                try FileManager.default.copyItem(atPath: source + file, toPath: root + "/\(folder)/" + file)
            }
        }
        let report = try RunAnalyzer.analyze(runDirectory: root, options: ReportOptions())
        let window = try #require(report.training)
        #expect(window.folder == "logs/rank0" && window.tag == "train/loss" && window.choice == .knownName)
        #expect(window.otherRankFolders == ["logs/rank1", "logs/rank_2"])
        #expect(
            MarkdownReportWriter.render(report).contains("| Other ranks | 2 event folders of other ranks log it too"))
        #expect(
            [nil, 0, 3, 12, 7, nil]
                == ["tb", "rank0", "x/rank_3", "global-rank-12/tb", "RANK=7", "ranking"].map(
                    RunTimeline.rank(ofFolder:)))
    }

    @Test func resumedRunSupersedesAndFindsPauses() throws {
        let report = try resumedReport(zone: .fixedOffset(seconds: 19800))
        let timeline = try #require(report.timeline)
        #expect(timeline.runs.count == 1)
        #expect(
            Double(timeline.runs[0].supersededCount)
                == ExpectedValue.number(in: "expected-training.json", "training-resumed", "superseded"))
        #expect(
            timeline.runs[0].downtimes.map(\.seconds) == [
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "file_break_seconds")
            ])
        let energy = try #require(report.trainingEnergy)
        for kind in ["evaluation", "restart between files"] {
            let total = try #require(energy.pauses.first { $0.kind.rawValue == kind }, "no \(kind) pause")
            #expect(
                Double(total.count)
                    == ExpectedValue.number(in: "expected-training.json", "training-resumed", "pauses", kind, "count"))
            #expect(
                abs(
                    total.seconds
                        - ExpectedValue.number(
                            in: "expected-training.json", "training-resumed", "pauses", kind, "seconds")) < 1e-9)
            #expect(
                relativeError(
                    total.joules,
                    ExpectedValue.number(in: "expected-training.json", "training-resumed", "pauses", kind, "joules"))
                    < 1e-9)
        }
        #expect(!energy.pauses.contains { $0.kind == .other })
    }

    @Test func targetGivesFirstStepAndEnergyUntilThen() throws {
        let report = try resumedReport(zone: .fixedOffset(seconds: 19800))
        let target = try #require(report.target)
        #expect(
            target.step.map(Double.init)
                == ExpectedValue.number(in: "expected-training.json", "training-resumed", "target", "step"))
        #expect(
            target.wallTimeSeconds
                == ExpectedValue.number(in: "expected-training.json", "training-resumed", "target", "time"))
        #expect(
            relativeError(
                try #require(target.joules),
                ExpectedValue.number(in: "expected-training.json", "training-resumed", "target", "joules")) < 1e-9)
        let unreachable = try resumedReport(zone: .fixedOffset(seconds: 19800), target: "train/loss<0.001")
        #expect(unreachable.target?.step == nil && unreachable.target?.joules == nil)
        #expect(abs((unreachable.target?.bestValue ?? 0) - 2 * exp(-1000.0 / 300)) < 1e-6)
    }

    @Test func infersTheOffsetOfLocalPowerTimes() throws {
        let inferred = try resumedReport(zone: nil)
        #expect(inferred.clock.source == .inferred)
        #expect(
            inferred.clock.zone
                == .fixedOffset(
                    seconds: Int(
                        ExpectedValue.number(in: "expected-training.json", "training-resumed", "zone_offset_seconds"))))
        let inference = try #require(inferred.clock.inference)
        #expect(inference.isClear && inference.score > 0.9)
        let given = try resumedReport(zone: .named(identifier: "Asia/Kolkata"))
        #expect(given.trainingEnergy == inferred.trainingEnergy)
    }

    @Test func inferredClockGivesTheTracesOfItsOffsetGivenAsTZ() throws {
        let inferred = try resumedReport(zone: nil)
        let given = try resumedReport(zone: inferred.clock.zone)
        #expect(inferred.clock.source == .inferred && given.clock.source == .option)
        #expect(inferred.powerLogs == given.powerLogs)
        #expect(inferred.gpus.map(\.trace) == given.gpus.map(\.trace))
        #expect(inferred.jobJoules == given.jobJoules && inferred.target == given.target)
        // The same findings, and the inferred clock's note.
        #expect(inferred.findings.filter { $0.code != .clockInferred } == given.findings)
        #expect(inferred.findings.contains { $0.code == .clockInferred && $0.severity == .note })
    }

    /// A run folder with training-resumed's event files and its power log cut in two files.
    private func splitResumedRun() throws -> String {
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestPaths.fixture("runs/training-resumed/tb"), toPath: folder + "/tb")
        let text = try String(
            contentsOfFile: TestPaths.fixture("runs/training-resumed/nvidia-smi.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let rows = lines.dropFirst()
        let half = rows.startIndex + rows.count / 2
        for (name, part) in [("a.csv", rows[..<half]), ("b.csv", rows[half...])] {
            #expect(
                FileManager.default.createFile(
                    atPath: folder + "/" + name,
                    contents: Data(([lines[0]] + part).joined(separator: "\n").utf8)))
        }
        return folder
    }

    /// The power logs of a run as the analyzer reads them onto its clock, and how many parses that took.
    private func clockedLogs(
        _ folder: String, zone: ClockZone?, retainedSampleLimit: Int = ClockResolution.maximumRetainedSamples
    ) throws -> (clock: ClockAssumption, logs: [PowerLog], findings: [Finding], parses: Int) {
        var findings = FindingLog()
        let files = try RunDiscovery.discover(runDirectory: folder, limits: InputLimits(), findings: &findings)
        var reading = SourceReading(files: files, limits: InputLimits())
        let timeline = try RunTimeline.build(files: reading.eventFiles(findings: &findings), stepTag: nil)
        let window = try #require(timeline.training)
        var resolution = ClockResolution.resolve(
            zone: zone, window: window, gpuSelectors: nil, options: PowerLogReadingOptions(), reading: &reading,
            retainedSampleLimit: retainedSampleLimit, findings: &findings)
        let (clock, logs) = resolution.powerLogs(
            boundaries: TrainingAccounting.boundaries(window, target: nil),
            reading: &reading, findings: &findings)
        return (clock, logs, findings.allFindings(), reading.powerLogReadCount)
    }

    @Test func inferenceParsesEachPowerLogOnce() throws {
        let folder = try splitResumedRun()
        let inferred = try clockedLogs(folder, zone: nil)
        #expect(inferred.clock.source == .inferred && inferred.logs.count == 2)
        #expect(inferred.parses == 2)
        let given = try clockedLogs(folder, zone: inferred.clock.zone)
        #expect(given.parses == 2)
        #expect(inferred.logs == given.logs)
        #expect(inferred.findings.filter { $0.code != .clockInferred } == given.findings)
    }

    @Test func inferenceBeyondTheSampleBoundReadsTheLogsAgain() throws {
        let folder = try splitResumedRun()
        let inferred = try clockedLogs(folder, zone: nil)
        let bounded = try clockedLogs(folder, zone: nil, retainedSampleLimit: 1000)
        #expect(bounded.parses == 4)
        #expect(bounded.clock == inferred.clock)
        #expect(bounded.logs == inferred.logs)
        let note = bounded.findings.filter { !inferred.findings.contains($0) }
        #expect(note.count == 1 && note.first?.severity == .note && note.first?.message.contains("read twice") == true)
    }

    @Test func retainedSamplesReplayOnAnotherClockToTheBit() throws {
        let offset = 19_800.0
        let boundaries = [1_709_640_000.5, 1_709_641_000, 1_709_643_000.25]
        var retention = SampleRetention(limit: 10_000)
        var asUTC = PowerIntegrator(boundaries: [1_709_660_000])
        var direct = PowerIntegrator(boundaries: boundaries)
        for tick in 0..<3000 {
            // Irregular times with fractions, a repeated time and one going back, as real logs have.
            let local = 1_709_659_000.117 + Double(tick) * 1.3 + (tick == 1200 ? -5 : 0) - (tick == 900 ? 1.3 : 0)
            let watts = 60 + Double(tick % 97) * 2.5
            asUTC.add(PowerSample(seconds: local, watts: watts), isKept: retention.admit())
            direct.add(seconds: local - offset, watts: watts)
        }
        let expected = direct.finished()
        #expect(expected.duplicateCount == 1 && expected.outOfOrderCount == 1)
        let replayed = asUTC.finished().replayed(shiftedBy: offset, boundaries: boundaries, gapThresholdSeconds: nil)
        #expect(replayed == expected)
        #expect(retention.keptCount == 3000)
    }

    @Test func logMixingLocalAndZonedTimesRetainsNothing() throws {
        func log(_ rows: String) throws -> PowerLog? {
            let path = TestPaths.write("timestamp, index, power.draw [W]\n" + rows, named: "gpu.csv")
            var options = PowerLogReadingOptions()
            options.retainedSampleLimit = 100
            var findings = FindingLog()
            return try NvidiaSMICSVReader.read(
                path: path, displayPath: "gpu.csv", options: options, findings: &findings)
        }
        let local = try #require(try log("2024/03/05 14:00:00, 0, 100 W\n2024/03/05 14:00:01, 0, 110 W\n"))
        #expect(local.retainsAllSamples && local.retainedSampleCount == 2)
        let mixed = try #require(try log("2024/03/05 14:00:00, 0, 100 W\n2024-03-05T14:00:01Z, 0, 110 W\n"))
        #expect(mixed.hasLocalTimes && !mixed.retainsAllSamples)
    }

    @Test func wrongZoneIsAWarning() throws {
        let report = try resumedReport(zone: .utc)
        #expect(report.trainingEnergy?.windowCoverage == 0)
        #expect(
            report.findings.contains {
                $0.severity == .warning && $0.message.contains("does not overlap") && $0.message.contains("--tz")
            })
    }

    @Test func tensorFlow2RunUsesTheTrainFolder() throws {
        let report = try RunAnalyzer.analyze(
            runDirectory: TestPaths.fixture("runs/training-tf2"), options: ReportOptions())
        let window = try #require(report.training)
        #expect(window.tag == "epoch_loss" && window.folder == "train")
        #expect(window.evaluationTags == ["epoch_loss [validation]"])
        #expect(
            window.startSeconds == ExpectedValue.number(in: "expected-training.json", "training-tf2", "window_start"))
        #expect(window.endSeconds == ExpectedValue.number(in: "expected-training.json", "training-tf2", "window_end"))
        let energy = try #require(report.trainingEnergy)
        #expect(
            relativeError(
                energy.windowJoules, ExpectedValue.number(in: "expected-training.json", "training-tf2", "window_joules")
            ) < 1e-9)
        #expect(
            relativeError(
                try #require(energy.joulesPerStep),
                ExpectedValue.number(in: "expected-training.json", "training-tf2", "joules_per_step")) < 1e-9)
        #expect(report.clock.source != .inferred)
    }

    @Test func stepTagOptionChoosesAndRejects() throws {
        var options = ReportOptions()
        options.zone = .fixedOffset(seconds: 19800)
        options.stepTag = "eval/loss"
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/training-resumed"), options: options)
        #expect(report.training?.tag == "eval/loss" && report.training?.choice == .option)
        #expect(report.training?.firstStep == 200 && report.training?.lastStep == 800)
        options.stepTag = "no/such/tag"
        #expect {
            try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/training-resumed"), options: options)
        } throws: { error in
            (error as? FootprintError)?.code == .invalidOption
                && (error as? FootprintError)?.message.contains("train/loss [tb]") == true
        }
    }

    @Test func eventsWithoutPowerLogGiveTheTimeline() throws {
        let folder = TestPaths.temporaryFolder()
        let name = "events.out.tfevents.1713773043.carls-gaming-linux.286970.0"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("tfevents/" + name), toPath: folder + "/" + name)
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: ReportOptions())
        #expect(!report.hasPowerSamples && report.trainingEnergy == nil)
        let window = try #require(report.training)
        // TensorBoard's reader: train_loss has 7,738 points, steps 49…386,899.
        #expect(
            window.tag == "train_loss" && window.pointCount == 7738 && window.firstStep == 49
                && window.lastStep == 386_899)
        #expect(report.findings.contains { $0.message.contains("no GPU power log") })
        let json = JSONReportWriter.render(report)
        #expect(json.contains("\"joules\": null") && json.contains("\"first_step\": 49"))
    }

    @Test func lossTagPreferredOverBusierTags() throws {
        var fast = EventFile(path: "a", displayPath: "a")
        var busy = EventTag(name: "time/fps")
        var loss = EventTag(name: "train/my_loss")
        var validation = EventTag(name: "val_loss")
        for step in 0..<100 {
            busy.series.append(step: Int64(step), wallTime: Double(step), value: 1)
            if step % 2 == 0 { loss.series.append(step: Int64(step), wallTime: Double(step), value: 1) }
            if step % 10 == 0 {
                validation.series.append(step: Int64(step), wallTime: Double(step) + 0.5, value: 1)
            }
        }
        fast.tags = [busy, validation, loss]
        let timeline = try RunTimeline.build(files: [fast], stepTag: nil)
        #expect(timeline.training?.tag == "train/my_loss" && timeline.training?.choice == .lossLike)
        fast.tags = [busy, validation]
        #expect(try RunTimeline.build(files: [fast], stepTag: nil).training?.tag == "time/fps")
    }

    @Test func laterFileSupersedesFromItsFirstStepAndSessionStartPurges() {
        func file(_ name: String, steps: ClosedRange<Int64>, start: Double, sessionStart: Int64? = nil) -> EventFile {
            var file = EventFile(path: name, displayPath: "run/" + name)
            file.nameSeconds = EventFile.nameSeconds(fileName: name)
            var tag = EventTag(name: "loss")
            for step in steps {
                tag.series.append(step: step, wallTime: start + Double(step), value: Double(step))
            }
            file.tags = [tag]
            file.firstWallTime = start
            file.lastWallTime = start + Double(steps.upperBound)
            if let sessionStart { file.sessionStartSteps = [sessionStart] }
            return file
        }
        // Named out of order on purpose: the timestamps in the names decide.
        let later = file("events.out.tfevents.200.host", steps: 50...80, start: 1000)
        let earlier = file("events.out.tfevents.100.host", steps: 0...60, start: 0)
        let run = EventRun.merge(folder: "run", files: [later, earlier])
        #expect(
            run.files.map(\.displayPath) == ["run/events.out.tfevents.100.host", "run/events.out.tfevents.200.host"])
        #expect(run.supersededCount == 11)
        let merged = run.series[0].points
        #expect(merged.points.map(\.step) == Array(0...49) + Array(50...80))
        #expect(
            merged.points.indices.map { merged.fileIndex(ofPoint: $0) } == Array(repeating: 0, count: 50)
                + Array(repeating: 1, count: 31))
        #expect(merged.isConsistent(fileCount: 2) && !merged.isConsistent(fileCount: 1))
        #expect(run.downtimes.map(\.seconds) == [940])
        // A START at step 20 in the later file drops the earlier file's points from step 20 on, for every tag.
        let restarted = file("events.out.tfevents.200.host", steps: 70...80, start: 1000, sessionStart: 20)
        let purged = EventRun.merge(folder: "run", files: [earlier, restarted])
        #expect(purged.series[0].points.points.map(\.step) == Array(0...19) + Array(70...80))
    }

    @Test func offsetInferenceOnSyntheticActivity() throws {
        let boundaries = OffsetInference.boundaries(windowStart: 1800, windowEnd: 3600)
        func trace(active: ClosedRange<Double>?) -> EnergyTrace {
            var integrator = PowerIntegrator(boundaries: boundaries)
            for tick in 0...2000 {
                let time = Double(tick) * 10
                integrator.add(seconds: time, watts: active?.contains(time) == true ? 300 : 50)
            }
            return integrator.finished()
        }
        // Local clock one hour ahead of UTC: the job ran 1800…3600 UTC, logged as 5400…7200.
        let inference = try #require(
            OffsetInference.infer(
                windowStart: 1800, windowEnd: 3600,
                traces: [trace(active: 5400...7200)]))
        #expect(inference.offsetSeconds == 3600 && inference.isClear && inference.score > 0.95)
        // A flat log says nothing about the offset.
        #expect(OffsetInference.infer(windowStart: 1800, windowEnd: 3600, traces: [trace(active: nil)]) == nil)
    }

    @Test func purgeOfUnorderedSeries() {
        var series = ScalarSeries()
        for step: Int64 in [5, 1, 9, 3, 7] { series.append(step: step, wallTime: Double(step), value: 0) }
        #expect(series.removePoints(fromStep: 5) == 3)
        #expect(series.points.map(\.step) == [1, 3] && series.points.map(\.wallTime) == [1, 3])
        func distinctSteps(_ steps: [Int64]) -> Int {
            var series = ScalarSeries()
            for step in steps { series.append(step: step, wallTime: 0, value: 0) }
            return series.distinctStepCount
        }
        #expect(distinctSteps([3, 1, 3, 2]) == 3 && distinctSteps([1, 1, 2, 5, 5]) == 3)
        #expect(distinctSteps([]) == 0 && distinctSteps([7]) == 1)
        // Steps that go back only at the end are counted as a set.
        #expect(distinctSteps([1, 2, 3, 2]) == 3)
    }

    /// The file of every point of a series merged from several files and purged, against a list of (step, file)
    /// pairs kept alongside: in order, out of order, and with files that add nothing.
    @Test func fileOfEveryPointThroughMergesAndPurges() {
        for ordered in [true, false] {
            var series = ScalarSeries()
            var model: [(step: Int64, file: UInt16)] = []
            let files: [(file: UInt16, steps: [Int64])] = [
                (0, ordered ? [0, 1, 2, 3] : [3, 0, 2, 1]), (1, []), (2, [4, 5, 6]), (2, [7]),
                (3, ordered ? [8, 9] : [9, 8]), (0, [10]),
            ]
            for (file, steps) in files {
                var part = ScalarSeries()
                for step in steps { part.append(step: step, wallTime: Double(step), value: Double(file)) }
                series.append(contentsOf: part, fileIndex: file)
                model += steps.map { ($0, file) }
                #expect(series.points.indices.map { series.fileIndex(ofPoint: $0) } == model.map(\.file))
            }
            for cut: Int64 in [9, 6, 2] {
                #expect(series.removePoints(fromStep: cut) == model.filter { $0.step >= cut }.count)
                model.removeAll { $0.step >= cut }
                #expect(series.points.map(\.step) == model.map(\.step), "ordered: \(ordered), cut at \(cut)")
                #expect(series.points.indices.map { series.fileIndex(ofPoint: $0) } == model.map(\.file))
                #expect(series.isConsistent(fileCount: 4))
            }
            // Files again after the purges: the runs start where the points do.
            var part = ScalarSeries()
            part.append(step: 2, wallTime: 2, value: 0)
            series.append(contentsOf: part, fileIndex: 3)
            model.append((2, 3))
            #expect(series.points.indices.map { series.fileIndex(ofPoint: $0) } == model.map(\.file))
            #expect(series.isConsistent(fileCount: 4) && !series.isConsistent(fileCount: 3))
            // Emptied, then filled again from file 2 and file 0.
            #expect(series.removePoints(fromStep: 0) == model.count)
            #expect(series.count == 0 && series.isConsistent(fileCount: 0))
            for file: UInt16 in [2, 0] {
                var refill = ScalarSeries()
                refill.append(step: 1, wallTime: 1, value: 1)
                series.append(contentsOf: refill, fileIndex: file)
            }
            #expect(series.fileIndex(ofPoint: 0) == 2 && series.fileIndex(ofPoint: 1) == 0)
            #expect(series.distinctStepCount == 1)
        }
    }

    @Test func partitionPointAgreesWithALinearSearch() {
        for values in [[], [1.0], [1, 1, 1], [0, 1, 2, 2, 3, 5, 8], Array(stride(from: 0.0, to: 100, by: 0.5))] {
            for threshold in [-1.0, 0, 1, 2, 2.5, 8, 99.5, 200] {
                let linear = values.firstIndex { !($0 <= threshold) } ?? values.count
                #expect(values.partitionPoint { $0 <= threshold } == linear, "\(values.count) values, \(threshold)")
                // A slice: indices from its own start.
                let rest = values.dropFirst()
                #expect(
                    rest.partitionPoint { $0 < threshold } == rest.firstIndex { !($0 < threshold) } ?? rest.endIndex)
            }
        }
    }

    @Test func rankSelectionAgreesWithSorting() {
        var lists: [[Double]] = [
            [4], [2, 2, 2, 2], Array(0..<300).map(Double.init), Array((0..<300).reversed()).map(Double.init),
        ]
        // Organ pipe (bad for naive pivots), few distinct values, and scrambled values with repeats.
        lists.append((0..<501).map { Double(min($0, 500 - $0)) })
        lists.append((0..<1_000).map { Double($0 % 7) })
        for count in [2, 3, 10, 99, 1_000] {
            lists.append((0..<count).map { Double(($0 &* 7_919 &+ count) % 50) / 4 })
        }
        for list in lists {
            let sorted = list.sorted()
            for rank in list.indices { #expect(Median.value(atRank: rank, of: list) == sorted[rank]) }
            // The median by hand: the middle of the sorted values, or the mean of the two middle ones.
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(Median.of(list).bitPattern == median.bitPattern, "\(list.count) values")
        }
        #expect(Median.of([]) == 0)
        #expect(Median.of([1, 5]) == 3)
        #expect(Median.of([9, 1, 5]) == 5)
    }

    @Test func windowOfWallTimesThatGoBackIsTheSortedOnes() throws {
        // A step every 2 s with one 60 s pause, written once in order and once with neighbours swapped.
        func file(swapped: Bool) -> EventFile {
            var file = EventFile(path: "a", displayPath: "a")
            var loss = EventTag(name: "train/loss")
            var times = (0..<200).map { Double($0) * 2 + ($0 >= 100 ? 60 : 0) }
            if swapped { for index in stride(from: 0, to: 198, by: 10) { times.swapAt(index, index + 1) } }
            for (step, time) in times.enumerated() {
                loss.series.append(step: Int64(step), wallTime: 1_700_000_000 + time, value: 1)
            }
            file.tags = [loss]
            return file
        }
        let ordered = try #require(try RunTimeline.build(files: [file(swapped: false)], stepTag: nil).training)
        let swapped = try #require(try RunTimeline.build(files: [file(swapped: true)], stepTag: nil).training)
        #expect(ordered.typicalIntervalSeconds == 2 && swapped.typicalIntervalSeconds == 2)
        #expect(ordered.pauses.count == 1 && ordered.pauses.first?.startSeconds == 1_700_000_198)
        #expect(swapped.pauses.map(\.startSeconds) == ordered.pauses.map(\.startSeconds))
        #expect(swapped.startSeconds == ordered.startSeconds && swapped.endSeconds == ordered.endSeconds)
    }

    @Test func typicalIntervalIsTheUpperMiddleOfThePositiveIntervals() throws {
        // Intervals 0, 1, 1, 3, 5: the positive ones are 1, 1, 3, 5, and the typical one is the third, 3 s.
        let offsets: [Double] = [0, 0, 1, 2, 5, 10]
        for order in [[0, 1, 2, 3, 4, 5], [5, 2, 0, 4, 1, 3]] {
            var file = EventFile(path: "a", displayPath: "a")
            var loss = EventTag(name: "train/loss")
            for index in order {
                loss.series.append(
                    step: Int64(index), wallTime: 1_700_000_000 + offsets[index], value: 1)
            }
            file.tags = [loss]
            let window = try #require(try RunTimeline.build(files: [file], stepTag: nil).training)
            #expect(window.typicalIntervalSeconds == 3, "\(order)")
        }
    }
}

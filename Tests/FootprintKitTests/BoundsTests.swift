import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Numbers at the boundaries: formatting of any Double, gaps at a log's start, targets over non-finite values,
/// the plot's size and the options' ranges.
struct BoundsTests {
    // MARK: - Formatting

    @Test func formattingAcceptsAnyDouble() {
        for value in [Double.nan, .infinity, -.infinity, 1e300, -1e300, 1e19, .greatestFiniteMagnitude] {
            #expect(!ReportFormatting.isoUTC(value).isEmpty)
            #expect(!ReportFormatting.readableUTC(value).isEmpty)
            #expect(!ReportFormatting.duration(value).isEmpty)
            #expect(!ReportFormatting.significant(value).isEmpty)
            _ = ReportFormatting.utcYear(value)
        }
        #expect(ReportFormatting.isoUTC(1e300) == "not a date (1e+300 s)")
        #expect(ReportFormatting.readableUTC(.nan) == "not a date (nan s)")
        #expect(ReportFormatting.isoUTC(253_402_300_799) == "9999-12-31T23:59:59.000Z")
        #expect(ReportFormatting.isoUTC(-62_167_219_200) == "0000-01-01T00:00:00.000Z")
        #expect(ReportFormatting.grouped(1e300, 0) == "1e+300")
        #expect(ReportFormatting.grouped(-.infinity, 2) == "-inf")
        #expect(ReportFormatting.duration(.infinity) == "inf d")
        #expect(ReportFormatting.duration(.nan) == "NaN s")
        #expect(ReportFormatting.duration(1e300) == ReportFormatting.grouped(1e300 / 86_400, 0) + " d")
        #expect(ReportFormatting.duration(86_400 * 3 + 7200) == "3 d 2 h")
    }

    // MARK: - Gaps

    /// A log whose first sample comes an hour before the rest: its first interval is a gap, listed like any other.
    @Test func firstIntervalIsTestedLikeEveryOther() {
        var integrator = PowerIntegrator()
        integrator.add(seconds: 1_709_647_200 - 3600, watts: 100)
        for index in 0..<120 { integrator.add(seconds: 1_709_647_200 + Double(index), watts: 100) }
        let trace = integrator.finished()
        // By hand: the hour at 100 W is 360,000 J, then 119 one-second intervals at 100 W are 11,900 J.
        #expect(trace.joules == 360_000 + 11_900)
        #expect(
            trace.gaps == [EnergyGap(startSeconds: 1_709_647_200 - 3600, seconds: 3600, startWatts: 100, endWatts: 100)]
        )
        #expect(trace.gapSeconds == 3600)
    }

    /// While the median rests on a few intervals it is no threshold: a gap right after a first gap is listed too.
    @Test func gapsAmongTheFirstIntervalsAreListed() {
        var integrator = PowerIntegrator()
        let times: [Double] = [0, 3600, 3601, 3700] + (1...100).map { 3700 + Double($0) }
        for time in times { integrator.add(seconds: time, watts: 50) }
        let trace = integrator.finished()
        #expect(trace.gaps.map(\.startSeconds) == [0, 3601])
        #expect(trace.gaps.map(\.seconds) == [3600, 99])
    }

    // MARK: - Targets

    @Test func nonFiniteValuesNeverMeetATargetNorAreTheBest() throws {
        var file = EventFile(path: "events.out.tfevents.1", displayPath: "events.out.tfevents.1")
        var tag = EventTag(name: "loss")
        for (step, value) in [(1, 1.0), (2, -Double.infinity), (3, .nan), (4, 0.8), (5, 0.7)] {
            tag.series.append(
                step: Int64(step), wallTime: 1_709_647_200 + Double(step) * 60, value: value)
        }
        file.tags = [tag]
        let timeline = try RunTimeline.build(files: [file], stepTag: nil)
        var findings = FindingLog()
        let unmet = try #require(
            try TrainingAccounting.target(TrainingTarget.parse("loss<=0.5"), in: timeline, findings: &findings))
        #expect(unmet.step == nil && unmet.bestValue == 0.7)
        #expect(findings.findings.count == 1)
        #expect(findings.findings[0].message.contains("2 points of loss are not finite numbers"))
        #expect(findings.findings[0].message.contains("the first at step 2"))
        #expect(findings.findings[0].location?.path == "events.out.tfevents.1")
        let met = try #require(
            try TrainingAccounting.target(TrainingTarget.parse("loss<0.75"), in: timeline, findings: &findings))
        #expect(met.step == 5 && met.value == 0.7)
    }

    // MARK: - Plot

    @Test func timeAxisHasAFewTicksForAnySpan() {
        let decades = SVGPlotWriter.timeTicks(start: 1_262_304_000, end: 4_102_444_799)
        #expect((2...8).contains(decades.count))
        #expect(SVGPlotWriter.timeTicks(start: 0, end: 1e300).count <= 12)
        #expect(SVGPlotWriter.timeTicks(start: 1e300, end: 1e300 * (1 + 1e-15)).count <= 12)
        #expect(SVGPlotWriter.timeTicks(start: .nan, end: 10).isEmpty)
        #expect(SVGPlotWriter.timeTicks(start: 0, end: 3600) == [0, 600, 1200, 1800, 2400, 3000, 3600])
        #expect(SVGPlotWriter.niceAxis(maximum: .infinity) == (1, 1))
    }

    // MARK: - Profiler traces

    private func trace(clock: ProfilerTrace.Clock, steps: [(Int, Double)], busy: [ClosedRange<Double>]) -> ProfilerTrace
    {
        ProfilerTrace(
            path: "t.pt.trace.json", displayPath: "t.pt.trace.json", clock: clock, eventCount: steps.count + busy.count,
            devices: [], rank: nil, worldSize: nil,
            steps: steps.map { ProfilerTrace.Step(number: $0.0, startMicroseconds: $0.1, durationMicroseconds: 1000) },
            busy: [ProfilerTrace.DeviceBusy(device: 0, intervals: busy)], problem: nil)
    }

    @Test func traceWhoseClockIsNoDateIsTakenAsRelative() {
        var findings = FindingLog()
        let base = trace(clock: .base(seconds: .infinity), steps: [(1, 0), (2, 2000)], busy: [10...20])
        let settled = ProfilerAccounting.align([base], timeline: nil, findings: &findings)[0]
        #expect(settled.clock == .relative(alignedOffsetSeconds: nil))
        #expect(settled.steps.count == 2 && settled.busy[0].intervals == [10...20])
        #expect(
            findings.findings.first?.message.contains(
                "outside 2010-01-01 to 2100-01-01 UTC: its times are taken as relative") == true)
        #expect(findings.findings.first?.location?.path == "t.pt.trace.json")
    }

    @Test func stepsAndIntervalsOutsideThePlausibleRangeAreLeftOut() {
        var findings = FindingLog()
        // Base 2024-03-05; step 3 and the second interval 10¹⁸ µs (31,700 years) later.
        let damaged = trace(
            clock: .base(seconds: 1_709_647_200), steps: [(1, 0), (2, 2000), (3, 1e18)],
            busy: [10...20, 1e18...(1e18 + 10)])
        let settled = ProfilerAccounting.align([damaged], timeline: nil, findings: &findings)[0]
        #expect(settled.clock == .base(seconds: 1_709_647_200))
        #expect(settled.steps.map(\.number) == [1, 2] && settled.busy[0].intervals == [10...20])
        #expect(
            findings.findings.map(\.message) == [
                "1 steps (the first: ProfilerStep#3) and 1 GPU busy intervals fall outside 2010-01-01 to 2100-01-01 UTC on the trace's clock (baseTimeNanoseconds + ts); left out"
            ])
    }

    // MARK: - Event files

    @Test func stepsWhoseDifferenceOverflowsAreLeftOut() throws {
        var findings = FindingLog()
        let path = TestPaths.fixture("malformed/events.out.tfevents.1709647200.step-overflow")
        let file = try EventFileReader.read(path: path, displayPath: "f", limits: InputLimits(), findings: &findings)
        #expect(
            file.invalidSteps.count == 2
                && file.invalidSteps.firstLocation == InputLocation(path: "f", record: 1, byteOffset: 31))
        let window = try #require(try RunTimeline.build(files: [file], stepTag: nil).training)
        #expect(window.firstStep == 1 && window.lastStep == 5 && window.steps == 4)
        #expect(
            findings.findings.map(\.description) == [
                "f: record 1 (byte 31): warning: 2 events have a step outside ±2⁵³ (the first here); their values are left out"
            ])
    }

    @Test func halfScalarGivenAsAHugeDoubleIsNoScalar() throws {
        var findings = FindingLog()
        let path = TestPaths.fixture("malformed/events.out.tfevents.1709647200.half-1e300")
        let file = try EventFileReader.read(path: path, displayPath: "f", limits: InputLimits(), findings: &findings)
        let rate = try #require(file.tags.first { $0.name == "lr" })
        #expect(rate.tensorScalarCount == 0 && rate.valueCounts == [.tensor: 1])
        #expect(file.tags.first { $0.name == "loss" }?.series.count == 5)
    }

    @Test func wallTimesOutsideThePlausibleRangeAreLeftOut() throws {
        var findings = FindingLog()
        let path = TestPaths.fixture("malformed/events.out.tfevents.1709647200.wall-time-1e300")
        let file = try EventFileReader.read(path: path, displayPath: "f", limits: InputLimits(), findings: &findings)
        #expect(file.invalidWallTimes.count == 2 && file.firstWallTime == 1_709_647_260)
        let window = try #require(try RunTimeline.build(files: [file], stepTag: nil).training)
        #expect(window.startSeconds == 1_709_647_260 && window.endSeconds == 1_709_647_500 && window.pointCount == 5)
    }

    // MARK: - Busy spans

    @Test func busySpansMergeAsTheyStream() {
        var accumulator = BusySpanAccumulator()
        // Out of order, overlapping, touching and repeated spans of two devices.
        let spans: [(ClosedRange<Double>, Int)] = [
            (10...20, 0), (15...25, 0), (25...30, 0), (50...60, 0), (0...5, 0), (12...13, 0), (5...6, 1), (40...45, 0),
            (5...6, 1), (1...2, 1),
        ]
        for (span, device) in spans { #expect(accumulator.add(span, device: device) == nil) }
        let busy = accumulator.finished()
        #expect(busy.map(\.device) == [0, 1])
        #expect(busy[0].intervals == [0...5, 10...30, 40...45, 50...60])
        #expect(busy[1].intervals == [1...2, 5...6])
        // The same union as sorting every span and merging at the end, over many spans in a scrambled order.
        var random = SystemRandomNumberGenerator()
        var many: [ClosedRange<Double>] = []
        for _ in 0..<50_000 {
            let start = Double(Int.random(in: 0..<1_000_000, using: &random))
            many.append(start...(start + Double(Int.random(in: 0..<40, using: &random))))
        }
        var streamed = BusySpanAccumulator()
        for span in many { _ = streamed.add(span, device: 3) }
        var expected: [ClosedRange<Double>] = []
        for span in many.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = expected.last, span.lowerBound <= last.upperBound {
                expected[expected.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                expected.append(span)
            }
        }
        #expect(streamed.finished()[0].intervals == expected)
    }

    @Test func busySpansAreBoundedByDevicesAndIntervals() {
        var accumulator = BusySpanAccumulator()
        for device in 0..<BusySpanAccumulator.maximumDevices { #expect(accumulator.add(0...1, device: device) == nil) }
        #expect(accumulator.add(0...1, device: -1) == .tooManyDevices)
        #expect(accumulator.add(0...2, device: 7) == nil)
        var intervals = BusySpanAccumulator()
        // Disjoint spans: none merges, so the bound is reached.
        let limit = BusySpanAccumulator.maximumIntervals
        var refused = 0
        for index in 0..<(limit + 10) {
            if intervals.add(Double(2 * index)...Double(2 * index + 1), device: 0) == .tooManyIntervals { refused += 1 }
        }
        #expect(refused == 10)
        // A span that extends the latest interval still merges once the set is full.
        let last = Double(2 * (limit - 1))
        #expect(intervals.add((last + 0.5)...(last + 1.5), device: 0) == nil)
        let kept = intervals.finished()[0].intervals
        #expect(kept.count == limit && kept.last == last...(last + 1.5))
    }

    // MARK: - Power logs

    /// UTC seconds of 2024-03-05 14:MM:SS.
    private func march5(_ minute: Double, _ second: Double) -> Double { 1_709_647_200 + minute * 60 + second }

    @Test func rowDatedBeforeTheClockBatteryDiedIsNotASample() throws {
        let (log, _) = try readCSV(TestPaths.fixture("malformed/rtc-reset-1970.csv"))
        let gpu = try #require(log?.gpus.first)
        // By hand: the 120 rows at 200 W, one second apart, hold 119 × 200 = 23,800 J; the 1970 row adds nothing.
        #expect(gpu.trace.joules == 23_800 && gpu.trace.sampleCount == 120 && gpu.trace.gaps.isEmpty)
        #expect(gpu.trace.firstSeconds == march5(0, 0) && gpu.trace.lastSeconds == march5(1, 59))
        #expect(gpu.invalidReasons == ["dated outside 2010-01-01 to 2100-01-01 UTC": 1])
        #expect(
            log?.implausibleTimes
                == RejectedValues(count: 1, firstLocation: InputLocation(path: "rtc-reset-1970.csv", line: 2)))
        let (sentinels, _) = try readCSV(TestPaths.fixture("malformed/years-1900-9999.csv"))
        #expect(sentinels?.gpus.first?.trace.joules == 59 * 200 && sentinels?.implausibleTimes.count == 2)
    }

    @Test func firstRowAnHourEarlyIsAGap() throws {
        let (log, _) = try readCSV(TestPaths.fixture("malformed/first-row-hour-early.csv"))
        let trace = try #require(log?.gpus.first?.trace)
        // By hand: the hour at 200 W is 720,000 J, listed as a gap; the 120 rows after it add 23,800 J.
        #expect(trace.gaps == [EnergyGap(startSeconds: march5(-60, 0), seconds: 3600, startWatts: 200, endWatts: 200)])
        #expect(trace.joules == 720_000 + 23_800)
    }

    @Test func intensityRowsOutsideTheirRangesAreSkipped() throws {
        var findings = FindingLog()
        let series = try IntensitySeries.read(
            path: TestPaths.fixture("malformed/intensity-series-1e308/intensity.csv"),
            limits: InputLimits(), findings: &findings)
        #expect(series.startSeconds == [march5(-59, 0)] && series.gramsCO2ePerKWh == [300])
        #expect(findings.findings.map(\.location?.line) == [3, 2])
        #expect(
            findings.findings.map(\.message) == [
                "2 rows have an intensity outside 0–2,000 gCO2e/kWh (the first here); skipped",
                "1 rows are dated outside 2010-01-01 to 2100-01-01 UTC (the first here); skipped",
            ])
    }

    // MARK: - Trace limits

    @Test func spansLongerThanADayAreNotKept() throws {
        let (trace, findings) = try readTrace(TestPaths.fixture("malformed/durations-1e300.pt.trace.json"))
        #expect(trace.steps.map(\.number) == [1, 2, 3, 5])
        #expect(trace.busy == [ProfilerTrace.DeviceBusy(device: 0, intervals: [2500...2600])])
        #expect(
            findings.contains {
                $0.message == "2 spans last longer than a day (the first here); not kept"
                    && $0.location?.byteOffset != nil
            })
        var log = FindingLog()
        let settled = ProfilerAccounting.align([trace], timeline: nil, findings: &log)[0]
        // Step 5, 10¹⁸ µs after the base, is in the year 33,700.
        #expect(settled.steps.map(\.number) == [1, 2, 3] && settled.profiledWindow == 1000...3900)
    }

    @Test func tracesKeepAtMost1024GPUsAndMergeRepeatedKernels() throws {
        let (pids, findings) = try readTrace(TestPaths.fixture("malformed/pids-2000.pt.trace.json"))
        #expect(pids.busy.count == 1024 && pids.busy.last?.device == 1023)
        #expect(findings.contains { $0.message.hasPrefix("976 spans belong to more than 1024 GPUs (pids)") })
        let (kernels, quiet) = try readTrace(TestPaths.fixture("malformed/kernels-80000.pt.trace.json.gz"))
        #expect(kernels.eventCount == 80_003 && quiet.isEmpty)
        #expect(kernels.busy == [ProfilerTrace.DeviceBusy(device: 0, intervals: [1500...1600])])
    }

    // MARK: - Options

    @Test func optionsOutsideTheirPlausibleRangesAreInvalid() {
        var emission = EmissionOptions()
        for intensity in [1e308, 2000.5, -1, .nan, .infinity] {
            emission.gramsCO2ePerKWh = intensity
            #expect(throws: FootprintError.self) { try EmissionsModel.factors(emission, runYear: 2024) }
        }
        emission.gramsCO2ePerKWh = 2000
        #expect(throws: Never.self) { try EmissionsModel.factors(emission, runYear: 2024) }
        for (count, hours) in [(1, 1e300), (100_001, 1.0), (1000, 1e7), (Int.max, 1.0), (1, .nan)] {
            #expect(throws: FootprintError.self) {
                try Estimator.report(
                    EstimateRequest(
                        gpu: "A100-SXM4-80GB", count: count, hours: hours, utilization: nil, year: nil,
                        emission: EmissionOptions()))
            }
        }
        var options = ReportOptions()
        options.estimateGPUCount = Int.max
        #expect(throws: FootprintError.self) { try options.validate() }
        options = ReportOptions()
        options.dmonIntervalSeconds = .infinity
        #expect(throws: FootprintError.self) { try options.validate() }
    }
}

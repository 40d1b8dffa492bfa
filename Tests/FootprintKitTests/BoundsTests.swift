import Testing
@testable import FootprintKit

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
        #expect(trace.gaps == [EnergyGap(startSeconds: 1_709_647_200 - 3600, seconds: 3600, joules: 360_000)])
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
            tag.series.append(step: Int64(step), wallTime: 1_709_647_200 + Double(step) * 60, value: value, fileIndex: 0)
        }
        file.tags = [tag]
        let timeline = try RunTimeline.build(files: [file], stepTag: nil)
        var findings = FindingLog()
        let unmet = try #require(try TrainingAccounting.target(TrainingTarget.parse("loss<=0.5"), in: timeline, findings: &findings))
        #expect(unmet.step == nil && unmet.bestValue == 0.7)
        #expect(findings.findings.count == 1)
        #expect(findings.findings[0].message.contains("2 points of loss are not finite numbers"))
        #expect(findings.findings[0].message.contains("the first at step 2"))
        #expect(findings.findings[0].location?.path == "events.out.tfevents.1")
        let met = try #require(try TrainingAccounting.target(TrainingTarget.parse("loss<0.75"), in: timeline, findings: &findings))
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

    private func trace(clock: ProfilerTrace.Clock, steps: [(Int, Double)], busy: [ClosedRange<Double>]) -> ProfilerTrace {
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
        #expect(findings.findings.first?.message.contains("outside 2010-01-01 to 2100-01-01 UTC: its times are taken as relative") == true)
        #expect(findings.findings.first?.location?.path == "t.pt.trace.json")
    }

    @Test func stepsAndIntervalsOutsideThePlausibleRangeAreLeftOut() {
        var findings = FindingLog()
        // Base 2024-03-05; step 3 and the second interval 10¹⁸ µs (31,700 years) later.
        let damaged = trace(clock: .base(seconds: 1_709_647_200), steps: [(1, 0), (2, 2000), (3, 1e18)],
                            busy: [10...20, 1e18...(1e18 + 10)])
        let settled = ProfilerAccounting.align([damaged], timeline: nil, findings: &findings)[0]
        #expect(settled.clock == .base(seconds: 1_709_647_200))
        #expect(settled.steps.map(\.number) == [1, 2] && settled.busy[0].intervals == [10...20])
        #expect(findings.findings.map(\.message) == [
            "1 steps (the first: ProfilerStep#3) and 1 GPU busy intervals fall outside 2010-01-01 to 2100-01-01 UTC on the trace's clock (baseTimeNanoseconds + ts); left out",
        ])
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
                try Estimator.report(gpuName: "A100-SXM4-80GB", gpuCount: count, hours: hours, utilization: nil,
                                     year: nil, emission: EmissionOptions())
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

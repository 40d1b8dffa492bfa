import Testing
@testable import FootprintKit
import FootprintTestSupport

struct EnergyTests {
    // MARK: - Trapezoid

    @Test func integratesWithTheTrapezoidalRuleOnEachSamplesTime() {
        var integrator = PowerIntegrator()
        // (0 s, 100 W) (1 s, 200 W) (3 s, 200 W) (3.5 s, 0 W):
        // 150 + 400 + 50 = 600 J by hand.
        for (t, w) in [(0.0, 100.0), (1, 200), (3, 200), (3.5, 0)] { integrator.add(seconds: t, watts: w) }
        let trace = integrator.finished()
        #expect(trace.joules == 600)
        #expect(trace.sampleCount == 4)
        #expect(trace.spanSeconds == 3.5)
        #expect(abs(trace.meanWatts - 600 / 3.5) < 1e-12)
    }

    @Test func windowsClipWithInterpolatedPower() throws {
        // Power rises linearly 0 → 100 W over 0..10 s, then stays 100 W until 20 s.
        var integrator = PowerIntegrator(boundaries: [-5, 2.5, 15, 25])
        for (t, w) in [(0.0, 0.0), (10, 100), (20, 100)] { integrator.add(seconds: t, watts: w) }
        let trace = integrator.finished()
        // 2.5 s → 15 s: from 2.5 to 10 the ramp (25 W → 100 W): 7.5 × 62.5 = 468.75; then 5 s × 100 W = 500.
        #expect(try #require(trace.joules(from: 2.5, to: 15)) == 968.75)
        // No extrapolation outside the samples: the whole range gives the total, 500 + 1000.
        #expect(try #require(trace.joules(from: -5, to: 25)) == 1500)
        #expect(trace.joules(from: 0, to: 25) == nil)
    }

    @Test func listsGapsLongerThanTheThresholdWithTheirEnergy() {
        var integrator = PowerIntegrator()
        var t = 0.0
        for _ in 0..<100 {
            integrator.add(seconds: t, watts: 100)
            t += 1
        }
        t += 9  // a 10 s interval
        for _ in 0..<100 {
            integrator.add(seconds: t, watts: 100)
            t += 1
        }
        let trace = integrator.finished()
        #expect(trace.medianIntervalSeconds == 1)
        #expect(trace.gapThresholdSeconds == 3)
        #expect(trace.gaps == [EnergyGap(startSeconds: 99, seconds: 10, startWatts: 100, endWatts: 100)])
        #expect(trace.joules == 100 * (99 + 10 + 99))
    }

    @Test func gapThresholdFollowsSlowSampling() {
        var integrator = PowerIntegrator()
        for index in 0..<50 { integrator.add(seconds: Double(index) * 5, watts: 50) }
        integrator.add(seconds: 49 * 5 + 12, watts: 50)
        let trace = integrator.finished()
        #expect(trace.gapThresholdSeconds == 15)
        #expect(trace.gaps.isEmpty)
    }

    @Test func repeatedAndBackwardTimesAreLeftOut() {
        var integrator = PowerIntegrator()
        for (t, w) in [(0.0, 10.0), (1, 10), (1, 500), (0.5, 500), (2, 10)] { integrator.add(seconds: t, watts: w) }
        let trace = integrator.finished()
        #expect(trace.joules == 20)
        #expect(trace.duplicateCount == 1)
        #expect(trace.outOfOrderCount == 1)
    }

    @Test func joinsLogsOfOneGPUBridgingTheTimeBetween() throws {
        // Two logs sampled at 1 Hz: 0–10 s at 100 W, then 20–30 s at 200 W.
        var first = PowerIntegrator(boundaries: [5, 15])
        for t in 0...10 { first.add(seconds: Double(t), watts: 100) }
        var second = PowerIntegrator(boundaries: [5, 15])
        for t in 20...30 { second.add(seconds: Double(t), watts: 200) }
        let (joined, overlapping) = EnergyTrace.joined([second.finished(), first.finished()])
        #expect(overlapping.isEmpty)
        // 1000 + bridge (100 → 200 W over 10 s = 1500) + 2000.
        #expect(joined.joules == 4500)
        #expect(joined.gaps.count == 1)
        #expect(joined.gaps.first?.joules == 1500)
        // 5 → 15 s: 500 J of the first log, then 5 s of the bridge from 100 to 150 W = 625 J.
        #expect(try #require(joined.joules(from: 5, to: 15)) == 1125)
    }

    @Test func quantilesComeFromThePowerHistogram() {
        var integrator = PowerIntegrator()
        for index in 0..<100 { integrator.add(seconds: Double(index), watts: index < 99 ? 50 : 300) }
        let trace = integrator.finished()
        #expect(trace.wattsQuantile(0.5) == 50.5)
        #expect(trace.wattsQuantile(1.0) == 300)
    }
}

import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Daylight-saving changes in local times: the zones whose rules make a step, and exact energy with the right zone.
/// The logs and their expected values are written by `Scripts/make-dst-fixtures.py` (zoneinfo, trapezoidal rule
/// over the true UTC instants of the values written).
@Suite struct ClockTests {
    struct Expected: Decodable {
        var zone: String
        var joules: Double
        var offset_before_seconds: Int
        var offset_after_seconds: Int
        var local_before: String
        var local_after: String
        var zones: [String]
        /// For the log beside an event file: the zone inference reads it in, and the training window's energy.
        var chosen_zone: String?
        var training_joules: Double?
    }

    static let names = ["berlin-fall", "berlin-spring", "newyork-fall", "newyork-spring"]

    func expected(_ name: String) throws -> Expected {
        let data = try #require(FileManager.default.contents(atPath: TestPaths.fixture("clock-dst/expected.json")))
        return try #require(try JSONDecoder().decode([String: Expected].self, from: data)[name])
    }

    func localSeconds(_ text: String) throws -> Double {
        guard case .local(let seconds) = try #require(TimestampParser.parse(Array(text.utf8))) else {
            Issue.record("\(text) is not a local time")
            return 0
        }
        return seconds
    }

    @Test(arguments: names) func stepIsNamedWithTheZonesWhoseRulesMakeIt(name: String) throws {
        let expected = try expected(name)
        let step = LocalClockStep(
            beforeSeconds: try localSeconds(expected.local_before),
            afterSeconds: try localSeconds(expected.local_after),
            slackSeconds: 120)
        let match = try #require(DSTZoneMatcher.match(step))
        #expect(match.zones == expected.zones)
        #expect(match.transition.offsetBeforeSeconds == expected.offset_before_seconds)
        #expect(match.transition.offsetAfterSeconds == expected.offset_after_seconds)
        // The same step half an hour later is no daylight-saving change (an hour later it is Europe/Athens's).
        let later = LocalClockStep(
            beforeSeconds: step.beforeSeconds + 1800, afterSeconds: step.afterSeconds + 1800, slackSeconds: 120)
        #expect(DSTZoneMatcher.match(later) == nil)
    }

    @Test(arguments: names) func logReadInItsZoneGivesTheExactEnergy(name: String) throws {
        let expected = try expected(name)
        var options = ReportOptions()
        options.zone = .named(identifier: expected.zone)
        let report = try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("clock-dst/" + name), options: options)
        #expect(relativeError(report.jobJoules, expected.joules) < 1e-9)
        // Read in its zone, a fall-back log's repeated hour is named; a spring-forward log has no time to name.
        #expect(report.findings.contains { $0.code == .clockDST } == name.hasSuffix("-fall"))
    }

    @Test func logReadInUTCIsScannedForTheChange() throws {
        // The scan's input: the log read with its local times taken as UTC and every sample kept, as the clock
        // resolution reads it without --tz (whatever this machine's zone).
        let expected = try expected("berlin-fall")
        var scratch = FindingLog()
        var reading = SourceReading(
            files: try RunDiscovery.discover(
                runDirectory: TestPaths.fixture("clock-dst/berlin-fall"), limits: InputLimits(),
                findings: &scratch),
            limits: InputLimits())
        var options = PowerLogReadingOptions()
        options.zone = .utc
        options.retainedSampleLimit = 10_000
        let logs = reading.powerLogs(options: options, findings: &scratch)
        let changes = LoggedDSTChange.find(in: logs)
        #expect(changes.count == 1)
        #expect(changes.first?.path == "nvidia-smi.csv")
        #expect(changes.first?.match.zones == expected.zones)
    }

    @Test func overlappingOffsetIsSuggestedForAWrongZone() throws {
        // Fixtures/runs/training-resumed: its nvidia-smi CSV is in Asia/Kolkata local time (UTC+05:30, no DST) by
        // construction (Scripts/make-training-fixtures.py); read in UTC it misses the training window.
        var options = ReportOptions()
        options.zone = .utc
        let report = try RunAnalyzer.analyze(
            runDirectory: TestPaths.fixture("runs/training-resumed"), options: options)
        #expect(report.trainingEnergy?.windowCoverage == 0)
        #expect(report.trainingEnergy?.joulesPerStep == nil)
        let finding = try #require(report.findings.first { $0.code == .clockNoOverlap })
        #expect(finding.message.contains("pass --tz +05:30"))
        #expect(finding.location == nil)
    }

    @Test func inferenceAcrossADSTChangeChoosesAZone() throws {
        // berlin-fall-training: the fall-back log beside an event file whose training window is the log's busy
        // stretch. No fixed offset fits both sides of the change; a zone whose rules make it does, exactly.
        let expected = try expected("berlin-fall-training")
        let report = try RunAnalyzer.analyze(
            runDirectory: TestPaths.fixture("clock-dst/berlin-fall-training"), options: ReportOptions())
        #expect(report.clock.source == .inferred && report.clock.zoneFromDSTChange)
        #expect(report.clock.zone == .named(identifier: try #require(expected.chosen_zone)))
        #expect(relativeError(report.jobJoules, expected.joules) < 1e-9)
        let windowJoules = try #require(report.trainingEnergy?.windowJoules)
        #expect(relativeError(windowJoules, try #require(expected.training_joules)) < 1e-9)
        #expect(report.clock.dstChanges.map(\.match.zones) == [expected.zones])
        let inferred = report.findings.filter { $0.code == .clockInferred }
        #expect(inferred.count == 1 && inferred[0].location == nil && inferred[0].message.contains("Europe/Berlin"))
    }
}

import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

struct TimeTests {
    private func parse(_ text: String) -> LogTimestamp? {
        Array(text.utf8).withUnsafeBufferPointer(TimestampParser.parse)
    }

    // MARK: - Timestamps

    @Test func parsesNvidiaSMILocalTime() {
        // 2024-03-05 14:02:11.517 as if UTC = 1709647331.517
        #expect(parse("2024/03/05 14:02:11.517") == .local(1_709_647_331.517))
        #expect(parse(" 2024-03-05 14:02:11 ") == .local(1_709_647_331))
        #expect(parse("20240305 14:02:11") == .local(1_709_647_331))
    }

    @Test func parsesZonedAndUnixTimes() {
        #expect(parse("2025-09-24T03:48:33.493Z") == .absolute(1_758_685_713.493))
        #expect(parse("2025-09-08T17:26:50+08:00") == .absolute(1_757_323_610))
        #expect(parse("2025-09-08T17:26:50+0800") == .absolute(1_757_323_610))
        #expect(parse("2024-03-05T14:02:11-05:30") == .absolute(1_709_647_331 + 19_800))
        #expect(parse("1709647331.25") == .absolute(1_709_647_331.25))
        #expect(parse("1709647331250") == .absolute(1_709_647_331.25))
    }

    @Test(arguments: ["15:38:43.359", "", "garbage", "2024/13/05 14:02:11", "2024/03/05", "12", "2024/03-05 14:02:11"])
    func rejectsTimesWithoutAFullDate(text: String) {
        #expect(parse(text) == nil)
    }

    /// Every day number 0 to 32 of every month, in common, leap and century years: a date the Gregorian calendar
    /// (Foundation's, an implementation of its own) does not have is no timestamp, never a day of the next month.
    @Test func rejectsDaysTheMonthDoesNotHave() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var rejected = 0
        let dates = [1900, 2000, 2023, 2024].flatMap { year in
            (1...12).flatMap { month in (0...32).map { day in (year, month, day) } }
        }
        for (year, month, day) in dates {
            let text = String(format: "%04d/%02d/%02d 10:00:00", year, month, day)
            let components = DateComponents(year: year, month: month, day: day, hour: 10)
            let date = try #require(calendar.date(from: components))
            let exists =
                calendar.dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: year, month: month, day: day)
            #expect((parse(text) != nil) == exists, "\(text)")
            #expect((parse(text.replacingOccurrences(of: "/", with: "-")) != nil) == exists, "\(text)")
            if let parsed = parse(text) {
                #expect(parsed == .local(date.timeIntervalSince1970), "\(text)")
            }
            if !exists { rejected += 1 }
        }
        // Per year: days 0 and 32 of 12 months, day 31 of 4 months, 30 and 31 of February, and 29 outside a leap
        // year (1900 and 2023).
        #expect(rejected == 4 * (24 + 4 + 2) + 2)
    }

    // MARK: - Zones

    @Test func parsesZones() {
        #expect(ClockZone.parse("UTC") == .utc)
        #expect(ClockZone.parse("+05:30") == .fixedOffset(seconds: 19_800))
        #expect(ClockZone.parse("-07:00") == .fixedOffset(seconds: -25_200))
        #expect(ClockZone.parse("UTC+01:00") == .fixedOffset(seconds: 3600))
        #expect(ClockZone.parse("+0545") == .fixedOffset(seconds: 20_700))
        #expect(ClockZone.parse("Europe/Berlin") == .named(identifier: "Europe/Berlin"))
        #expect(ClockZone.parse("Mars/Olympus") == nil)
        #expect(ClockZone.parse("+15:00") == nil)
    }

    @Test func fixedOffsetsShiftLocalTime() {
        var resolver = LocalTimeResolver(zone: .fixedOffset(seconds: 19_800))
        #expect(resolver.utc(fromLocal: 1_709_647_331, previousUTC: nil) == 1_709_647_331 - 19_800)
    }

    @Test func berlinUsesWinterAndSummerOffsets() {
        var resolver = LocalTimeResolver(zone: .named(identifier: "Europe/Berlin"))
        let winter = 1_709_647_331.0  // 2024-03-05 14:02:11 local, UTC+1
        #expect(resolver.utc(fromLocal: winter, previousUTC: nil) == winter - 3600)
        let summer = 1_720_000_000.0  // July, UTC+2
        #expect(resolver.utc(fromLocal: summer, previousUTC: nil) == summer - 7200)
        #expect(resolver.ambiguousCount == 0)
    }

    @Test func fallBackHourIsResolvedByRowOrder() {
        // Europe/Berlin leaves DST at 2024-10-27 03:00 CEST = 01:00 UTC; local 02:00–03:00 occurs twice.
        var resolver = LocalTimeResolver(zone: .named(identifier: "Europe/Berlin"))
        let localMidnight = Double(TimestampParser.daysFromCivil(year: 2024, month: 10, day: 27) * 86_400)
        let utcOfChange = localMidnight + 3600  // 01:00 UTC
        var previous: Double?
        var resolved: [Double] = []
        // Local times every 30 min from 01:30 to 03:30, passing 02:00–02:30 twice.
        for local in [1.5, 2.0, 2.5, 2.0, 2.5, 3.0, 3.5].map({ localMidnight + $0 * 3600 }) {
            let utc = resolver.utc(fromLocal: local, previousUTC: previous)
            resolved.append(utc)
            previous = max(previous ?? utc, utc)
        }
        // 01:30, 02:00, 02:30 CEST (UTC+2), then 02:00, 02:30, 03:00, 03:30 CET (UTC+1): half-hour steps in UTC.
        #expect(resolved.map { $0 - utcOfChange } == [-5400, -3600, -1800, 0, 1800, 3600, 5400])
        #expect(resolver.ambiguousCount == 4)
    }

    @Test func springForwardGapIsCounted() {
        // 2024-03-31 02:30 does not exist in Europe/Berlin.
        var resolver = LocalTimeResolver(zone: .named(identifier: "Europe/Berlin"))
        let local = Double(TimestampParser.daysFromCivil(year: 2024, month: 3, day: 31) * 86_400) + 2.5 * 3600
        #expect(resolver.utc(fromLocal: local, previousUTC: nil) == local - 3600)
        #expect(resolver.nonexistentCount == 1)
    }

    @Test func halfHourDSTZone() {
        // Australia/Lord_Howe: UTC+10:30 in winter (June), UTC+11 in summer (January).
        var resolver = LocalTimeResolver(zone: .named(identifier: "Australia/Lord_Howe"))
        let june = Double(TimestampParser.daysFromCivil(year: 2024, month: 6, day: 1) * 86_400) + 12 * 3600
        let january = Double(TimestampParser.daysFromCivil(year: 2024, month: 1, day: 15) * 86_400) + 12 * 3600
        #expect(resolver.utc(fromLocal: june, previousUTC: nil) == june - 37_800)
        #expect(resolver.utc(fromLocal: january, previousUTC: nil) == january - 39_600)
    }
}

/// The day cache of the CSV reader gives what the timestamp parser gives, to the bit, row after row: each row
/// read once and then repeated (one row per GPU), and rows that differ from the one before in one byte only.
@Suite struct CalendarDayCacheTests {
    @Test func sameAsTheParserRowAfterRow() {
        let rows = [
            "2024/03/05 14:02:11.517", "2024/03/05 14:02:12.518", "2024/03/05 14:02:12,5", "2024/03/05T23:59:60",
            "2024/03/05 14:02:13.000 ", "2024/03/05 14:02:13Z", "2024/03/05 14:02:13+02:00", "2024/03/05 24:00:00",
            "2024/03/05 14:61:00", "2024/03/05 14:02", "2024/03/06 00:00:00.001", "2024-03-06 00:00:01.1234567",
            "2024/03/06 00:00:02.5", "20240306 00:00:03", "1709647331.25", "2024/13/06 00:00:00", "garbage row",
            "2024/03/06 00:00:0x", "2024/03/06 00:00:04.123abc", "2024/03/06 00:00:05.1", "2024/03/06 00:00:05.98765",
            "2024/03/06 00:00:05.987654", "2024/03/06 00:00:05.123456789", "2024/03/06 00:00:05.99999999999999",
            // 8, 32 and 33 bytes, the bounds of the last field kept; then rows one byte apart, at each word.
            "17096473", "17096474", "1709647331.2500000000000000000001", "1709647331.2500000000000000000002",
            "1709647331.25000000000000000000013", "1709647331.25000000000000000000023", "2024/03/06 00:00:05.2",
            "2024/03/06 00:00:05.3", "2024/03/06 00:00:15.3", "2024/03/06 01:00:15.3", "2024/03/07 01:00:15.3",
            "2024/03/07 01:00:15.30", "2024/03/07 01:00:15.3",
            // UTC as Z after a row of the day without a zone, then with, then other zones and a lower-case z.
            "2024/03/07 01:00:16Z", "2024-09-24T03:48:33.493Z", "2024-09-24T03:48:33.788Z", "2024-09-24T03:48:34 Z",
            "2024-09-24T03:48:35.5", "2024-09-24T03:48:35.5+00:00", "2024-09-24T03:48:35.5UTC",
            "2024-09-24T03:48:36+02:00", "2024-09-24T03:48:36z", "2024-09-24T03:48:36ZZ", "2024-09-24T03:48:37.25Z",
            // Days the month does not have, after a row of a day that it has.
            "2024/02/29 10:00:00", "2024/02/30 10:00:00", "2023/02/29 10:00:00", "2024/04/31 10:00:00",
        ]
        var cache = CalendarDayCache()
        for row in rows.flatMap({ [$0, $0] }) {
            let bytes = Array(row.utf8)
            let expected = TimestampParser.parse(bytes)
            let cached = bytes.withByteView { cache.parse($0) }
            switch (expected, cached) {
            case (.local(let a)?, .local(let b)?), (.absolute(let a)?, .absolute(let b)?):
                #expect(a.bitPattern == b.bitPattern, "\(row)")
            case (nil, nil):
                break
            default:
                Issue.record("\(row): \(String(describing: expected)) vs \(String(describing: cached))")
            }
        }
    }
}

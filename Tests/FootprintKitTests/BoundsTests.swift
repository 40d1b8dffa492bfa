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
}

import Testing
@testable import FootprintKit

/// The CSV parser of the bundled tables and of audit CSVs read back by `merge`.
@Suite struct ReferenceCSVTests {
    @Test func quotingLineEndsAndText() {
        let text =
            "a,b,c\r\n1,\"two, \"\"quoted\"\"\",3\r\n\"multi\nline\",,Zürich\n\"\",x\"y\"z,\"end\"\r\nlast,row"
        #expect(
            ReferenceCSV.rows(text) == [
                ["1", "two, \"quoted\"", "3"], ["multi\nline", "", "Zürich"], ["", "xyz", "end"], ["last", "row"],
            ])
    }

    @Test func emptyAndHeaderOnly() {
        #expect(ReferenceCSV.rows("").isEmpty)
        #expect(ReferenceCSV.rows("a,b\n").isEmpty)
        #expect(ReferenceCSV.rows("a,b\n\n") == [[""]])
    }

    /// The bundled tables parse into their rows.
    @Test func bundledTablesParse() {
        #expect(GridIntensityTable.bundled.latest.count > 150)
        #expect(GPUSpecTable.bundled.specs.count > 20)
    }

    /// The yearly history, read country by country when asked for, gives what the whole table parsed at once
    /// gives: every year of every country (5,174 rows of 215 countries; `wc -l` and `cut -d, -f1 | uniq | wc -l`
    /// on the data file count one more each, its header), a year it lacks, and each year's spread over its
    /// neighbours.
    @Test func historyReadByCountryAsTheWholeTable() {
        let rows = ReferenceCSV.rows(ReferenceData.gridIntensityCountriesHistory)
        var expected: [String: [Int: (value: Double, source: String)]] = [:]
        for row in rows { expected[row[0], default: [:]][Int(row[1])!] = (Double(row[2])!, row[3]) }
        #expect(rows.count == 5174 && expected.count == 215)
        let table = GridIntensityTable.bundled
        var checked = 0
        for entry in table.latest {
            let years = expected[entry.iso3] ?? [:]
            for (year, figure) in years {
                let matched = table.intensity(for: entry, year: year)
                #expect(
                    matched.year == year && matched.gramsCO2ePerKWh == figure.value && matched.source == figure.source)
                let neighbours = ((year - 1)...(year + 1)).compactMap { years[$0]?.value } + [figure.value]
                let spread = table.spread(for: matched, around: year)
                #expect(spread.low == neighbours.min()! && spread.high == neighbours.max()!, "\(entry.iso3) \(year)")
                checked += 1
            }
            #expect(table.intensity(for: entry, year: 1800) == entry)
        }
        // Every row is reached through a country of the latest table.
        #expect(checked == expected.values.reduce(0) { $0 + $1.count })
    }

    /// A history with CRLF line ends, a blank line, a country's rows apart and a year given twice (the later
    /// row counts, as in a whole-table read).
    @Test func historyLinesInAnyOrder() throws {
        let table = GridIntensityTable(
            latestCSV: "iso3,iso2,country,year,g,source\nAAA,AA,Aland,2024,100,latest\nBBB,BB,Bland,2024,200,latest\n",
            historyCSV:
                "iso3,year,g,source\r\nAAA,2020,10,s1\r\nBBB,2020,20,s2\r\n\r\nAAA,2021,11,s3\r\nAAA,2020,12,s4\r\n")
        let aland = try #require(table.latest.first)
        let bland = try #require(table.latest.last)
        let matched = table.intensity(for: aland, year: 2020)
        #expect(matched.gramsCO2ePerKWh == 12 && matched.source == "s4" && matched.year == 2020)
        #expect(table.intensity(for: aland, year: 2021).source == "s3")
        #expect(table.intensity(for: bland, year: 2020).gramsCO2ePerKWh == 20)
        #expect(table.intensity(for: bland, year: 2021) == bland)
        // 2019 is missing: the spread is over 2020 (12), 2021 (11) and the matched value itself.
        #expect(table.spread(for: matched, around: 2020) == (low: 11, high: 12))
    }
}

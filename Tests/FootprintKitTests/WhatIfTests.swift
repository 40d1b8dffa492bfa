import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Hourly grid intensities (gCO2e/kWh) from 2024-06-09 22:00 UTC, the same list as `Scripts/whatif-check.py`'s
/// `INTENSITIES`: lowest from 05:00 to 08:00 on 2024-06-10.
private let hourlyIntensities: [Double] = [
    420, 410, 395, 380, 350, 300, 260, 90, 60, 75, 240, 310, 330, 360, 380, 400, 410, 430, 450, 470, 460, 440, 430,
    420, 415, 405,
]
/// 2024-06-09 22:00:00 UTC.
private let seriesStartSeconds = 1_717_970_400.0

/// A run folder as `Scripts/whatif-check.py` describes it: 2 GPUs drawing 300 W (95%) every 30 s from
/// 2024-06-10 10:20:00 to 12:20:00 UTC, and the hourly series beside it (outside the run folder).
///
/// - Parameter skippingHour: a series row left out, for an unevenly spaced series.
private func shiftRun(skippingHour: Int? = nil) -> (run: String, series: String) {
    let folder = TestPaths.temporaryFolder()
    var log = "timestamp, index, name, uuid, power.draw [W], utilization.gpu [%]\n"
    for step in 0...240 {
        let seconds = 10 * 3600 + 20 * 60 + step * 30
        let clock = String(format: "2024/06/10 %02d:%02d:%02d.000", seconds / 3600, seconds / 60 % 60, seconds % 60)
        for gpu in 0..<2 {
            log +=
                "\(clock), \(gpu), NVIDIA A100-SXM4-80GB, GPU-0000000\(gpu)-1111-2222-3333-444455556666, 300.00 W, 95 %\n"
        }
    }
    _ = FileManager.default.createFile(atPath: folder + "/nvidia-smi.csv", contents: Data(log.utf8))
    var series = "timestamp,g_co2e_per_kwh\n"
    for (hour, grams) in hourlyIntensities.enumerated() where hour != skippingHour {
        series += "\(Int(seriesStartSeconds) + hour * 3600),\(grams)\n"
    }
    return (folder, TestPaths.write(series, named: "hourly.csv"))
}

/// The report of `run` read in UTC with PUE 1.2 (configured further by `configure`), and `whatIf` priced from it.
private func priced(
    _ run: String, _ whatIf: WhatIfOptions, _ configure: (inout ReportOptions) -> Void = { _ in }
) throws -> (report: RunReport, whatIf: WhatIfReport) {
    var options = ReportOptions()
    options.zone = .utc
    options.emission.pue = 1.2
    configure(&options)
    let report = try RunAnalyzer.analyze(runDirectory: run, options: options)
    return (report, try WhatIfReport.make(report, options: whatIf, emission: options.emission))
}

/// The intensity column of the first row of `Data/<file>` whose leading cells are `key` (a plain split: the tables
/// quote only their last column).
private func bundledIntensity(_ file: String, _ key: [String], column: Int) -> Double? {
    let text = (try? String(contentsOfFile: TestPaths.repositoryRoot + "/Data/" + file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }.first { Array($0.prefix(key.count)) == key }.flatMap { Double($0[column]) }
}

/// Data rows of `Data/<file>`.
private func bundledRowCount(_ file: String) -> Int {
    let text = (try? String(contentsOfFile: TestPaths.repositoryRoot + "/Data/" + file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").count - 1
}

@Suite struct WhatIfTests {
    // MARK: - Places

    @Test func everyPlaceIsEnergyTimesPUETimesIntensity() throws {
        let (run, _) = shiftRun()
        var options = WhatIfOptions()
        options.places = ["FR", "DEU", "US-CA", "SE-SE3", "gcp:europe-north1", "aws:eu-west-1", "france"]
        let (report, whatIf) = try priced(run, options) { $0.emission.region = "PL" }
        // 2 GPUs × 300 W × 7,200 s.
        let itJoules = 2 * 300 * 7200.0
        #expect(relativeError(whatIf.itJoules, itJoules) < 1e-9)
        // The run is in 2024: countries at their 2024 row of the history, regions at their one figure.
        let expected: [String: Double?] = [
            "PL": bundledIntensity("grid-intensity-countries-history.csv", ["POL", "2024"], column: 2),
            "FR": bundledIntensity("grid-intensity-countries-history.csv", ["FRA", "2024"], column: 2),
            "DE": bundledIntensity("grid-intensity-countries-history.csv", ["DEU", "2024"], column: 2),
            "US-CA": bundledIntensity("grid-intensity-subnational.csv", ["US-CA"], column: 4),
            "SE-SE3": bundledIntensity("grid-intensity-subnational.csv", ["SE-SE3"], column: 4),
            "gcp:europe-north1": bundledIntensity("cloud-regions.csv", ["gcp", "europe-north1"], column: 4),
            "aws:eu-west-1": bundledIntensity("cloud-regions.csv", ["aws", "eu-west-1"], column: 4),
        ]
        // "france" is FR again: one row each.
        #expect(whatIf.rows.map(\.place.code).sorted() == expected.keys.sorted())
        for row in whatIf.rows {
            let grams = try #require(expected[row.place.code] ?? nil, "\(row.place.code)")
            let kilograms = itJoules / 3.6e6 * 1.2 * grams / 1000
            #expect(relativeError(row.kilogramsCO2e, kilograms) < 1e-9, "\(row.place.code)")
            #expect(row.method == .measured && row.isRunPlace == (row.place.code == "PL"))
        }
        #expect(whatIf.rows.first { $0.place.code == "FR" }?.place.year == 2024)
        // Ranked ascending; the run's own row is the report's figure.
        #expect(zip(whatIf.rows, whatIf.rows.dropFirst()).allSatisfy { $0.kilogramsCO2e <= $1.kilogramsCO2e })
        #expect(
            relativeError(try #require(whatIf.runRow).kilogramsCO2e, try #require(report.emissions).kilogramsCO2e)
                < 1e-12)
    }

    @Test func allRegionsIsEveryPlaceOfTheTablesRanked() throws {
        let (run, _) = shiftRun()
        var options = WhatIfOptions()
        options.allPlaces = true
        let (_, whatIf) = try priced(run, options)
        // Countries but the world, sub-national and cloud regions, and the world average that stands for the run.
        let count =
            bundledRowCount("grid-intensity-countries.csv") - 1 + bundledRowCount("grid-intensity-subnational.csv")
            + bundledRowCount("cloud-regions.csv") + 1
        #expect(whatIf.rows.count == count)
        #expect(whatIf.runRow?.place.kind == .world)
        #expect(
            zip(whatIf.rows, whatIf.rows.dropFirst()).allSatisfy {
                ($0.kilogramsCO2e, $0.place.name) <= ($1.kilogramsCO2e, $1.place.name)
            })
        #expect(whatIf.notes.contains { $0.contains("world average stands for it") })
    }

    @Test func estimateIsPricedAndLabelled() throws {
        let folder = TestPaths.temporaryFolder()
        let name = "events.out.tfevents.1713773043.carls-gaming-linux.286970.0"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("tfevents/" + name), toPath: folder + "/" + name)
        var options = WhatIfOptions()
        options.places = ["FR"]
        let (report, whatIf) = try priced(folder, options) {
            $0.estimateGPUModel = "NVIDIA GeForce RTX 3090"
            $0.estimateGPUCount = 2
        }
        let emissions = try #require(report.emissions)
        #expect(whatIf.method == .estimated && whatIf.rows.allSatisfy { $0.method == .estimated })
        let france = try #require(whatIf.rows.first { $0.place.code == "FR" })
        #expect(
            relativeError(france.kilogramsCO2e, emissions.itJoules / 3.6e6 * 1.2 * france.place.gramsCO2ePerKWh / 1000)
                < 1e-12)
        #expect(WhatIfMarkdownWriter.render(whatIf).contains("kg CO2e (estimate)"))
        #expect(WhatIfJSONWriter.render(whatIf).contains("\"method\": \"estimated\""))
    }

    // MARK: - Start times

    /// Figures printed by `python3 Scripts/whatif-check.py` (an independent trapezoidal integration of the same run
    /// and series).
    @Test func shiftFindsTheKnownOptimum() throws {
        let (run, series) = shiftRun()
        var options = WhatIfOptions()
        options.shiftHours = 12
        let (report, whatIf) = try priced(run, options) { $0.emission.intensitySeriesPath = series }
        let shift = try #require(whatIf.shift)
        #expect(shift.stepSeconds == 3600 && shift.stepIsSeriesInterval)
        #expect(shift.offsetCount == 25 && shift.candidates.count == 24 && shift.notCoveredCount == 1)
        #expect(shift.unpricedCount == 0)
        let best = try #require(shift.best)
        let worst = try #require(shift.worst)
        let actual = try #require(shift.actual)
        #expect(
            ReportFormatting.isoUTC(best.startSeconds) == "2024-06-10T05:20:00.000Z" && best.offsetSeconds == -5 * 3600)
        #expect(
            ReportFormatting.isoUTC(worst.startSeconds) == "2024-06-10T16:20:00.000Z" && worst.offsetSeconds == 6 * 3600
        )
        #expect(relativeError(actual.kilogramsCO2e, 0.5087999999999999) < 1e-9)
        #expect(relativeError(best.kilogramsCO2e, 0.10439999999999999) < 1e-9)
        #expect(relativeError(worst.kilogramsCO2e, 0.6648) < 1e-9)
        #expect(relativeError(try #require(shift.savingKilogramsCO2e), 0.4043999999999999) < 1e-9)
        #expect(relativeError(try #require(shift.savingShare) * 100, 79.48113207547169) < 1e-9)
        // The series covers the whole run: the actual start is the report's own figure.
        #expect(relativeError(actual.kilogramsCO2e, try #require(report.emissions).kilogramsCO2e) < 1e-9)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(WhatIfJSONWriter.render(whatIf).utf8)) as? [String: Any])
        let shiftJSON = try #require(json["shift"] as? [String: Any])
        #expect(shiftJSON["best_start"] as? String == "2024-06-10T05:20:00.000Z")
        #expect(relativeError(try #require(shiftJSON["saving_kg"] as? Double), 0.4043999999999999) < 1e-9)
        #expect(shiftJSON["best_kg_co2e"] is Double && shiftJSON["worst_kg_co2e"] is Double)
        let markdown = WhatIfMarkdownWriter.render(whatIf)
        #expect(markdown.contains("| best | 2024-06-10 05:20:00 UTC | -5 h | 0.1044 |"))
        #expect(markdown.contains("would save 0.4044 kg CO2e (79.5%)"))
    }

    @Test func unevenSeriesStepsByTheHourAndSaysSo() throws {
        let (run, series) = shiftRun(skippingHour: 20)
        var options = WhatIfOptions()
        options.shiftHours = 3
        let (_, whatIf) = try priced(run, options) { $0.emission.intensitySeriesPath = series }
        let shift = try #require(whatIf.shift)
        #expect(shift.stepSeconds == 3600 && !shift.stepIsSeriesInterval)
        #expect(shift.offsetCount == 7 && shift.candidates.count + shift.unpricedCount == 7)
        #expect(whatIf.notes.contains { $0.contains("not evenly spaced: start times are tried every 1 h") })
    }

    @Test func shiftWithoutCoverageIsUnknownNotZero() throws {
        let (run, series) = shiftRun()
        // The series ends at 2024-06-11 00:00; moved 12 h later the run is outside it, and the actual start is not
        // covered once the series is cut to the evening.
        let evening = try String(contentsOfFile: series, encoding: .utf8).split(separator: "\n").enumerated().filter {
            $0.offset == 0 || $0.offset > 17
        }.map { String($0.element) }.joined(separator: "\n")
        let path = TestPaths.write(evening + "\n", named: "evening.csv")
        var options = WhatIfOptions()
        options.shiftHours = 2
        let (_, whatIf) = try priced(run, options) { $0.emission.intensitySeriesPath = path }
        let shift = try #require(whatIf.shift)
        #expect(shift.candidates.isEmpty && shift.best == nil && shift.savingKilogramsCO2e == nil)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(WhatIfJSONWriter.render(whatIf).utf8)) as? [String: Any])
        let shiftJSON = try #require(json["shift"] as? [String: Any])
        #expect(shiftJSON["best_kg_co2e"] is NSNull && shiftJSON["saving_kg"] is NSNull)
        #expect(WhatIfMarkdownWriter.render(whatIf).contains("No start time could be priced"))
        #expect(whatIf.notes.contains { $0.hasPrefix("Left out: 5 of 5 start times, where the series does not cover") })
        // Moved 5 to 11 h later the run lies inside the evening series, but its energy is known only at the series'
        // own edges, none of which falls inside the run as it happened: unknown, not priced.
        options.shiftHours = 12
        let (_, later) = try priced(run, options) { $0.emission.intensitySeriesPath = path }
        let laterShift = try #require(later.shift)
        #expect(laterShift.candidates.isEmpty && laterShift.unpricedCount == 7 && laterShift.notCoveredCount == 18)
        #expect(later.notes.contains { $0.hasPrefix("Left out: 7 of 25 start times, where the run's energy") })
    }

    // MARK: - Options and outputs

    @Test func unknownPlaceIsNamed() {
        var options = WhatIfOptions()
        options.places = ["FR", "Narnia"]
        #expect {
            try options.validate(emission: EmissionOptions())
        } throws: { error in
            let message = (error as? FootprintError)?.message ?? ""
            return message.contains("--regions") && message.contains("'Narnia'")
        }
        options.places = ["gcp:mars-central1"]
        #expect(throws: FootprintError.self) { try options.validate(emission: EmissionOptions()) }
    }

    @Test func shiftNeedsASeries() throws {
        var options = WhatIfOptions()
        options.shiftHours = 6
        #expect {
            try options.validate(emission: EmissionOptions())
        } throws: { error in
            (error as? FootprintError)?.message.contains("--shift needs --intensity-series") == true
        }
        #expect(throws: FootprintError.self) { try WhatIfOptions.shiftHours("0") }
        #expect(throws: FootprintError.self) { try WhatIfOptions.shiftHours("nan") }
        #expect(throws: FootprintError.self) { try WhatIfOptions.shiftHours("1e9") }
        #expect(try WhatIfOptions.shiftHours("±6") == 6)
        #expect(try WhatIfOptions.shiftHours("+1.5") == 1.5)
    }

    @Test func everyFormatIsDeterministic() throws {
        let (run, series) = shiftRun()
        func rendered() throws -> [String] {
            var options = WhatIfOptions()
            options.places = ["FR", "US-CA"]
            options.shiftHours = 6
            let (_, whatIf) = try priced(run, options) {
                $0.emission.region = "DE"
                $0.emission.intensitySeriesPath = series
            }
            return WhatIfFormat.allCases.map { $0.render(whatIf) }
        }
        let first = try rendered()
        #expect(first == (try rendered()))
        let csv = first[1].split(separator: "\n")
        #expect(
            csv.first
                == "rank,location,code,kind,year,start_utc,offset_hours,intensity_g_per_kwh,kg_co2e,method,this_run")
        #expect(csv.count == 1 + 3 + 13)
        #expect(first[3].hasPrefix("<svg") && first[3].contains("Germany (DE) (this run)"))
    }
}

import Foundation
import FootprintKit
import FootprintTestSupport
import Testing

/// Published training footprints, reproduced from their published inputs through ``Estimator/report(_:)`` (what
/// `footprint estimate` runs): each row of `Fixtures/published/*.csv` must give the source's printed energy and
/// CO2e within the source's rounding.
///
/// The rounding is read from the figure as printed: half a unit of its last digit, or one unit above it for a
/// source that truncates. Where the source printed an input rounded too (training days, GPU-hours in millions),
/// Footprint's figure is taken over that input's interval as well (`hours_step`); every other input is taken as
/// printed. Cells the folder's README lists as not reproduced are checked to be still out of reach, so that the
/// list stays true.
@Suite struct PublishedTablesTests {
    static let folder = TestPaths.fixture("published")
    static let rows: [PublishedRow] = (try? PublishedRow.load(folder: folder)) ?? []

    // MARK: - The tables

    @Test func theFolderHoldsTheTables() throws {
        let rows = try PublishedRow.load(folder: Self.folder)
        #expect(!rows.isEmpty, "Fixtures/published/ holds no rows")
        let files = Set(rows.map(\.file))
        for file in ["llama2.csv", "llama3.csv", "llama1-table15.csv", "bloom.csv", "patterson2021-table4.csv"] {
            #expect(files.contains(file), "\(file) is missing or empty")
        }
        for row in rows {
            #expect(row.publishedKWh != nil || row.publishedTonnes != nil, "\(row.row) has no published figure")
            #expect(row.notReproduced.isSubset(of: ["kwh", "t_co2e"]), "\(row.row): not_reproduced")
        }
    }

    // MARK: - Reproduction

    @Test(arguments: rows)
    func rowIsReproducedWithinTheSourcesRounding(_ row: PublishedRow) throws {
        let figures = try Self.figures(row)
        let checks: [(String, Double?, Double?, ClosedRange<Double>)] = [
            ("kwh", row.publishedKWh, row.kwhStep, figures.kwh),
            ("t_co2e", row.publishedTonnes, row.tonnesStep, figures.tonnes),
        ]
        for (cell, published, step, footprint) in checks {
            guard let published else {
                #expect(!row.notReproduced.contains(cell), "\(row.row): \(cell) is not published")
                continue
            }
            let step = try #require(step, "\(row.row): \(cell) has no step")
            let accepted = row.publishedInterval(published, step: step)
            let reproduced = footprint.overlaps(accepted)
            if row.notReproduced.contains(cell) {
                #expect(
                    !reproduced,
                    "\(row.row): \(cell) is listed as not reproduced, but Footprint's \(footprint) meets \(accepted)")
            } else {
                #expect(
                    reproduced,
                    "\(row.row): \(cell) published \(published), Footprint \(footprint), accepted \(accepted)")
            }
        }
    }

    /// A total is the sum of its rows' figures, and its printed GPU-hours are theirs.
    @Test(arguments: rows.filter { !$0.sumOf.isEmpty })
    func totalsAreTheSumOfTheirRows(_ row: PublishedRow) throws {
        let parts = Self.rows.filter { $0.file == row.file && row.sumOf.contains($0.row) }
        #expect(parts.count == row.sumOf.count, "\(row.row): parts \(row.sumOf) not all found")
        #expect(parts.reduce(0) { $0 + Double($1.count) * $1.hours } == Double(row.count) * row.hours)
    }

    // MARK: - The methods

    /// A `tdp` row counts the bundled TDP, and it is the power the source printed; a `given` row's power is
    /// labelled as given in the report.
    @Test(arguments: rows.filter { $0.sumOf.isEmpty })
    func powerIsTheSourcesAndLabelled(_ row: PublishedRow) throws {
        let report = try Estimator.report(Self.request(row, hours: row.hours))
        let basis = try #require(report.estimate)
        let watts = try #require(row.watts, "\(row.row): no watts")
        #expect(basis.wattsPerGPU == watts, "\(row.row): \(basis.wattsPerGPU) W counted, the source used \(watts) W")
        let markdown = MarkdownReportWriter.render(report)
        if row.powerIsGiven {
            #expect(basis.givenWatts == watts)
            #expect(markdown.contains("mean power per GPU (given)"))
            #expect(markdown.contains("--watts"))
        } else {
            #expect(basis.givenWatts == nil && basis.gpu.tdpWatts == watts)
            #expect(markdown.contains("W TDP × utilization 1.00"))
        }
    }

    @Test func wattsIsCheckedAndExclusiveWithUtilization() {
        var emission = EmissionOptions()
        emission.gramsCO2ePerKWh = 100
        for watts in [0, -1, 3001, .nan, .infinity] {
            #expect(throws: FootprintError.self) {
                try Estimator.report(
                    EstimateRequest(
                        gpu: "V100", count: 1, hours: 1, utilization: nil, watts: watts, year: nil, emission: emission))
            }
        }
        #expect(throws: FootprintError.self) {
            try Estimator.report(
                EstimateRequest(
                    gpu: "V100", count: 1, hours: 1, utilization: 0.5, watts: 200, year: nil, emission: emission))
        }
    }

    @Test func givenPowerHasTheSensorsRange() throws {
        var emission = EmissionOptions()
        emission.gramsCO2ePerKWh = 100
        emission.pue = 1.0
        let report = try Estimator.report(
            EstimateRequest(
                gpu: "V100", count: 10, hours: 10, utilization: nil, watts: 330, year: nil, emission: emission))
        let emissions = try #require(report.emissions)
        // 10 × 10 h × 330 W = 33 kWh → 3.3 kg at 100 g/kWh; ±5%.
        #expect(relativeError(emissions.itJoules, 33 * 3.6e6) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2e, 3.3) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eLow, 3.3 * 0.95) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eHigh, 3.3 * 1.05) < 1e-12)
    }

    // MARK: - Helpers

    static func request(_ row: PublishedRow, hours: Double) -> EstimateRequest {
        var emission = EmissionOptions()
        emission.gramsCO2ePerKWh = row.gramsCO2ePerKWh
        emission.pue = row.pue
        return EstimateRequest(
            gpu: row.gpu, count: row.count, hours: hours, utilization: nil, watts: row.powerIsGiven ? row.watts : nil,
            year: nil, emission: emission)
    }

    /// Footprint's energy (kWh, of the row's scope) and tonnes CO2e over the interval of the row's printed hours;
    /// for a total, the sums of its rows'.
    static func figures(_ row: PublishedRow) throws -> (kwh: ClosedRange<Double>, tonnes: ClosedRange<Double>) {
        if !row.sumOf.isEmpty {
            let parts = try rows.filter { $0.file == row.file && row.sumOf.contains($0.row) }.map(figures)
            return (
                parts.reduce(0) { $0 + $1.kwh.lowerBound }...parts.reduce(0) { $0 + $1.kwh.upperBound },
                parts.reduce(0) { $0 + $1.tonnes.lowerBound }...parts.reduce(0) { $0 + $1.tonnes.upperBound }
            )
        }
        let low = try figure(row, hours: row.hours - row.hoursStep / 2)
        let high = try figure(row, hours: row.hours + row.hoursStep / 2)
        return (low.kwh...high.kwh, low.tonnes...high.tonnes)
    }

    static func figure(_ row: PublishedRow, hours: Double) throws -> (kwh: Double, tonnes: Double) {
        let report = try Estimator.report(request(row, hours: hours))
        let emissions = try #require(report.emissions)
        let joules = row.energyIsFacility ? emissions.facilityJoules : emissions.itJoules
        return (joules / 3.6e6, emissions.kilogramsCO2e / 1000)
    }
}

import Foundation
import FootprintKit
import Testing

/// One row of a published training-footprint table in `Fixtures/published/*.csv`: the source's inputs, as it
/// printed them, and its printed energy and CO2e with their rounding.
///
/// Columns: `row`, `gpu` (a name `footprint gpus` knows), `count`, `hours` (per GPU; GPU-hours with a count of
/// 1), `hours_step` (the unit of the hours' last printed digit, 0 when exact), `watts` (the power per GPU the
/// source used), `power` (`tdp`: the bundled TDP, which must equal `watts`; `given`: passed as `--watts`), `pue`,
/// `intensity_g_per_kwh`, `energy_scope` (`it` or `facility`, the energy the published kWh is), `published_kwh`
/// and `kwh_step`, `published_t_co2e` and `t_step` (empty when the source prints none), `rounding` (`round` or
/// `truncate`), `sum_of` (`;`-separated rows whose figures this row totals), `not_reproduced` (`kwh` and/or
/// `t_co2e`: cells no reading of the source's rounding reproduces, explained in the folder's README) and
/// `source` (a key of the README's list of sources). Numbers are plain, without thousands separators.
struct PublishedRow: Sendable, CustomTestStringConvertible {
    /// How the source rounded its printed figures.
    enum Rounding: String, Sendable {
        /// To the nearest unit of the last digit: the true value is within half a unit.
        case round
        /// Cut after the last digit: the true value is within one unit above.
        case truncate
    }

    var file: String
    var row: String
    var gpu: String
    var count: Int
    var hours: Double
    var hoursStep: Double
    var watts: Double?
    var powerIsGiven: Bool
    var pue: Double
    var gramsCO2ePerKWh: Double
    var energyIsFacility: Bool
    var publishedKWh: Double?
    var kwhStep: Double?
    var publishedTonnes: Double?
    var tonnesStep: Double?
    var rounding: Rounding
    var sumOf: [String]
    var notReproduced: Set<String>
    var source: String

    var testDescription: String { "\(file): \(row)" }

    /// The interval the true value lies in, given the printed `value` and the unit of its last digit.
    func publishedInterval(_ value: Double, step: Double) -> ClosedRange<Double> {
        switch rounding {
        case .round: (value - step / 2)...(value + step / 2)
        case .truncate: value...(value + step)
        }
    }

    /// Every row of every `*.csv` in `folder`, in file then row order; a malformed row is an error naming it.
    static func load(folder: String) throws -> [PublishedRow] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
        return try files.flatMap { file in
            try parse(String(contentsOfFile: folder + "/" + file, encoding: .utf8), file: file)
        }
    }

    static func parse(_ text: String, file: String) throws -> [PublishedRow] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        else { return [] }
        return try lines.dropFirst().enumerated().map { index, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count else {
                throw ParseError(message: "\(file):\(index + 2): \(cells.count) cells, the header has \(header.count)")
            }
            let byName = Dictionary(uniqueKeysWithValues: zip(header, cells))
            func text(_ key: String) -> String { byName[key] ?? "" }
            func number(_ key: String) throws -> Double? {
                let cell = text(key)
                if cell.isEmpty { return nil }
                guard let value = Double(cell), value.isFinite else {
                    throw ParseError(message: "\(file):\(index + 2): \(key) '\(cell)' is not a number")
                }
                return value
            }
            func required(_ key: String) throws -> Double {
                guard let value = try number(key) else {
                    throw ParseError(message: "\(file):\(index + 2): \(key) is empty")
                }
                return value
            }
            guard let rounding = Rounding(rawValue: text("rounding")) else {
                throw ParseError(
                    message: "\(file):\(index + 2): rounding '\(text("rounding"))' is not round or truncate")
            }
            return PublishedRow(
                file: file, row: text("row"), gpu: text("gpu"), count: Int(try required("count")),
                hours: try required("hours"), hoursStep: try number("hours_step") ?? 0, watts: try number("watts"),
                powerIsGiven: text("power") == "given", pue: try required("pue"),
                gramsCO2ePerKWh: try required("intensity_g_per_kwh"),
                energyIsFacility: text("energy_scope") == "facility", publishedKWh: try number("published_kwh"),
                kwhStep: try number("kwh_step"), publishedTonnes: try number("published_t_co2e"),
                tonnesStep: try number("t_step"), rounding: rounding,
                sumOf: text("sum_of").split(separator: ";").map(String.init),
                notReproduced: Set(text("not_reproduced").split(separator: ";").map(String.init)),
                source: text("source"))
        }
    }

    /// A malformed fixture row.
    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// One row of a counterfactual table (`footprint whatif`): the run's energy priced at one place's grid intensity.
///
/// kg CO2e = IT energy × PUE × the place's intensity; every row of a table shares the energy and the PUE, so the
/// rows differ only by place.
public struct CounterfactualRow: Sendable, Hashable {
    /// The place priced, with its intensity.
    public var place: CounterfactualPlace
    /// Whether this is the place the run itself was priced at (its `--region`/`--cloud`/`--intensity`, else the
    /// world average).
    public var isRunPlace: Bool
    /// Measured from power samples, or estimated from GPU-hours × TDP.
    public var method: OperationalEmissions.Method
    /// IT energy × PUE × the place's intensity.
    public var kilogramsCO2e: Double

    /// The rows for `places` (each code once, the first kept), ranked by kg CO2e ascending, ties by name.
    ///
    /// - Parameters:
    ///   - itJoules: the job's IT energy.
    ///   - pue: the facility's power usage effectiveness, applied to every place alike.
    ///   - runPlace: the code of the run's own place, marked in the table.
    public static func ranked(
        places: [CounterfactualPlace], itJoules: Double, pue: Double, method: OperationalEmissions.Method,
        runPlace: String?
    ) -> [CounterfactualRow] {
        var seen = Set<String>()
        var rows: [CounterfactualRow] = []
        for place in places where seen.insert(place.code.uppercased()).inserted {
            rows.append(
                CounterfactualRow(
                    place: place, isRunPlace: runPlace.map { $0.uppercased() == place.code.uppercased() } ?? false,
                    method: method,
                    kilogramsCO2e: kilogramsCO2e(
                        itJoules: itJoules, pue: pue, gramsCO2ePerKWh: place.gramsCO2ePerKWh)))
        }
        return rows.sorted {
            ($0.kilogramsCO2e, $0.place.name, $0.place.code) < ($1.kilogramsCO2e, $1.place.name, $1.place.code)
        }
    }

    /// kg CO2e of `itJoules` of IT energy × `pue` at `gramsCO2ePerKWh`.
    public static func kilogramsCO2e(itJoules: Double, pue: Double, gramsCO2ePerKWh: Double) -> Double {
        itJoules / EnergyUnit.joulesPerKilowattHour * pue * gramsCO2ePerKWh / 1000
    }
}

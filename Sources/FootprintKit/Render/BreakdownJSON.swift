/// The JSON of a report's ``EnergyBreakdown`` (`breakdown`): each part's kWh and kg CO2e (location-based) with its
/// range, the idle baselines it rests on, and GPUs that did not run the job apart; null without power samples.
enum BreakdownJSON {
    static func value(_ report: RunReport) -> JSONValue {
        guard let breakdown = report.breakdown else { return .null }
        return .object([
            ("dynamic", part(breakdown.dynamic)),
            ("idle", part(breakdown.idle)),
            ("infrastructure", part(breakdown.infrastructure)),
            ("embodied", breakdown.embodied.map(part) ?? .null),
            ("unused_gpus", breakdown.unusedGPUs.map(part) ?? .null),
            ("idle_quantile", .fixed(EmissionsModel.idlePowerQuantile, 2)),
            (
                "baselines",
                .array(
                    breakdown.baselines.map { baseline in
                        .object([
                            ("gpu", .string(baseline.gpu)),
                            ("watts", .fixed(baseline.watts, 1)),
                            ("measured_seconds", .fixed(baseline.measuredSeconds, 3)),
                            ("kwh", .fixed(baseline.joules / EnergyUnit.joulesPerKilowattHour, 9)),
                        ])
                    })
            ),
        ])
    }

    private static func part(_ part: BreakdownPart) -> JSONValue {
        .object([
            ("kwh", part.joules.map { .fixed($0 / EnergyUnit.joulesPerKilowattHour, 9) } ?? .null),
            ("kg_co2e", .fixed(part.kilogramsCO2e, 6)),
            ("kg_co2e_low", .fixed(part.kilogramsCO2eLow, 6)),
            ("kg_co2e_high", .fixed(part.kilogramsCO2eHigh, 6)),
        ])
    }
}

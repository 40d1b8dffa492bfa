/// The JSON of the trackers' own totals of a report (`trackers`): per file, CodeCarbon's energy by component and
/// its own emissions, beside footprint's. CPU and RAM energy are other energy, never in `energy`.
enum TrackerTotalsJSON {
    static func value(_ report: RunReport) -> JSONValue {
        .array(
            report.powerLogs.compactMap { log in
                guard let totals = log.trackerTotals else { return nil }
                return .object([
                    ("file", .string(log.path)),
                    ("producer", .string(totals.producer)),
                    ("runs", .int(totals.runCount)),
                    ("gpu_runs", .int(totals.gpuRunCount)),
                    ("gpu_unknown_runs", .int(totals.unknownGPURunCount)),
                    ("no_gpu_runs", .int(totals.noGPURunCount)),
                    ("gpu_kwh", totals.gpuRunCount > 0 ? .fixed(totals.gpuKilowattHours, 9) : .null),
                    ("gpu_energy_used", .bool(totals.gpuEnergyUsed && totals.gpuRunCount > 0)),
                    ("other_energy_kwh", otherEnergy(totals)),
                    ("energy_consumed_kwh", totals.consumedKilowattHours.map { .fixed($0, 9) } ?? .null),
                    ("emissions_kg", totals.emissionsKilograms.map { .fixed($0, 9) } ?? .null),
                    ("gpu_emissions_kg", totals.gpuEmissionsKilograms.map { .fixed($0, 9) } ?? .null),
                    ("implied_g_per_kwh", totals.impliedGramsCO2ePerKWh.map { .fixed($0, 3) } ?? .null),
                    ("locations", .array(totals.locations.map { .string($0) })),
                    ("pue", .array(totals.pueValues.map { .fixed($0, 3) })),
                    ("comparison", TrackerTotalsText.comparison(totals, report: report).map { .string($0) } ?? .null),
                ])
            })
    }

    private static func otherEnergy(_ totals: TrackerTotals) -> JSONValue {
        .object([
            ("cpu", totals.cpuKilowattHours.map { .fixed($0, 9) } ?? .null),
            ("ram", totals.ramKilowattHours.map { .fixed($0, 9) } ?? .null),
        ])
    }
}

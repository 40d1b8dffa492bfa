/// What a DCGM field or metric measures, by its `dcgmi dmon` short name or its exporter / Prometheus name.
///
/// Power: `POWER`, `DCGM_FI_DEV_POWER_USAGE` (1.x `dcgm_power_usage`, 4.6 `DCGM_FI_DEV_BOARD_POWER_WATTS`), watts.
/// Energy: `TOTEC`, `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION` (1.x `dcgm_total_energy_consumption`), a millijoule
/// counter since the driver was loaded. Utilization: `GPUTL`, `DCGM_FI_DEV_GPU_UTIL` (1.x `dcgm_gpu_utilization`),
/// percent.
enum DCGMField: Sendable, Hashable {
    case power
    case energyCounter
    case utilization

    /// Values at or above this are DCGM's blank sentinels, not readings.
    static let blankSentinel = 9.2e18

    /// The field of a `dcgmi dmon` short name.
    init?(shortName: String) {
        switch shortName {
        case "POWER": self = .power
        case "TOTEC": self = .energyCounter
        case "GPUTL": self = .utilization
        default: return nil
        }
    }

    /// The field of a dcgm-exporter metric name.
    init?(metricName: some StringProtocol) {
        switch metricName {
        case "DCGM_FI_DEV_POWER_USAGE", "dcgm_power_usage", "DCGM_FI_DEV_BOARD_POWER_WATTS": self = .power
        case "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "dcgm_total_energy_consumption": self = .energyCounter
        case "DCGM_FI_DEV_GPU_UTIL", "dcgm_gpu_utilization": self = .utilization
        default: return nil
        }
    }

    /// The field whose metric name appears in `text` (a file name or a query), for a series without `__name__`.
    static func named(in text: String) -> DCGMField? {
        let names = [
            "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "dcgm_total_energy_consumption", "DCGM_FI_DEV_POWER_USAGE",
            "dcgm_power_usage", "DCGM_FI_DEV_BOARD_POWER_WATTS", "DCGM_FI_DEV_GPU_UTIL", "dcgm_gpu_utilization",
        ]
        return names.first { text.contains($0) }.flatMap { DCGMField(metricName: $0) }
    }
}

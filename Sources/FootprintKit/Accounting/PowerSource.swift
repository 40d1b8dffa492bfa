/// One producer's power logs in a run (nvidia-smi, W&B, …) and how it was used: counted (primary), or only
/// compared with the primary one (cross-check) because it measured the same GPUs at the same time; or the
/// system's or nodes' energy (a power analyzer, Slurm), set beside the GPU energy (system).
public struct PowerSource: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case primary
        case crossCheck = "cross-check"
        /// Energy of whole systems or nodes (``SystemEnergy``): never counted as GPU energy.
        case system
    }

    /// How a cross-check compares with the primary source over the GPUs and time both measured.
    public struct Comparison: Sendable, Hashable {
        /// The primary source's producer.
        public var against: String
        public var commonGPUCount: Int
        public var commonSeconds: Double
        /// Energy of the common GPUs over the common time, by this source and by the primary one.
        public var joules: Double
        public var primaryJoules: Double
        /// `joules / primaryJoules − 1`; nil when the primary one measured no energy there.
        public var difference: Double? { primaryJoules > 0 ? joules / primaryJoules - 1 : nil }
    }

    /// The system energy's entry: its meter's producer, its readings' mean interval (a Slurm total is one
    /// reading over the job), and, when the job's GPUs were measured, their energy over its window beside it.
    static func beside(_ system: SystemEnergy, jobGPUs: [GPUReport], primary: String?) -> PowerSource {
        var gpuJoules: Double? = 0
        for gpu in jobGPUs {
            gpuJoules = gpuJoules.flatMap { sum in
                gpu.trace.joules(from: system.startSeconds, to: system.endSeconds).map { sum + $0 }
            }
        }
        let comparison = primary.flatMap { primary in
            gpuJoules.map {
                Comparison(
                    against: primary, commonGPUCount: jobGPUs.count, commonSeconds: system.seconds,
                    joules: system.joules, primaryJoules: $0)
            }
        }
        return PowerSource(
            producer: system.meter == .slurmAccounting ? "Slurm sacct" : "MLPerf Power", files: [system.path],
            gpuCount: 0, joules: system.joules,
            medianIntervalSeconds: system.sampleCount > 1
                ? system.seconds / Double(system.sampleCount - 1) : system.seconds,
            role: .system, comparison: jobGPUs.isEmpty ? nil : comparison)
    }

    public var producer: String
    public var files: [String]
    public var gpuCount: Int
    /// Energy of all its GPUs over its logs.
    public var joules: Double
    /// The median time between its samples (the median of its GPUs' medians).
    public var medianIntervalSeconds: Double
    public var role: Role
    /// Nil for a primary source, and for a cross-check without GPUs or time in common with the primary one.
    public var comparison: Comparison?

    /// How a cross-check agrees with the primary source, in one sentence: "W&B's 15 s samples give 2.3% less than
    /// nvidia-smi over the same 8 GPUs and 1 h 2 min"; nil without a comparison.
    public var agreement: String? {
        guard let comparison else { return nil }
        let gpus = "\(comparison.commonGPUCount) GPU\(comparison.commonGPUCount == 1 ? "" : "s")"
        let over = "over the same \(gpus) and \(ReportFormatting.duration(comparison.commonSeconds))"
        let interval = medianIntervalSeconds
        let seconds =
            interval.rounded() == interval
            ? ReportFormatting.fixed(interval, 0) : ReportFormatting.significant(interval, 2)
        let samples = "\(producer)'s \(seconds) s samples"
        guard let difference = comparison.difference else {
            return
                "\(samples) give \(ReportFormatting.significant(comparison.joules, 4)) J where \(comparison.against) measured none, \(over)"
        }
        let size = ReportFormatting.fixed(abs(difference) * 100, 1) + "%"
        let direction = difference < 0 ? "less" : "more"
        return size == "0.0%"
            ? "\(samples) agree with \(comparison.against) to 0.05% \(over)"
            : "\(samples) give \(size) \(direction) than \(comparison.against) \(over)"
    }
}

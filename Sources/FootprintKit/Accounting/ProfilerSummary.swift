/// Energy of the profiled steps and the split of GPU energy into busy and idle time, from profiler traces placed
/// on the power timeline.
///
/// Power is sampled about once a second while steps and kernels last milliseconds, so energy inside a step or a
/// busy span is the integral of the power interpolated linearly between samples: an attribution by
/// interpolation, which the report says.
public struct ProfilerSummary: Sendable, Hashable {
    /// One GPU of a trace: its busy share of the profiled window and, when it is in the power logs, the split.
    public struct DeviceResult: Sendable, Hashable {
        public var device: Int
        /// The power-log GPU it was matched to (by index), if any.
        public var gpuLabel: String?
        /// Nil when the trace has no profiled window (no `ProfilerStep` span) to take a share of.
        public var busyFraction: Double?
        public var busyJoules: Double?
        public var idleJoules: Double?
    }

    public struct TraceResult: Sendable, Hashable {
        public var displayPath: String
        /// The host it ran on, on a run of several hosts (see ``ProfilerAccounting/host(of:among:)``).
        public var host: String?
        public var rank: Int?
        public var worldSize: Int?
        public var deviceNames: [String]
        public var isCPUOnly: Bool
        public var stepNumbers: [Int]
        /// How the trace was put on the UTC clock.
        public var clock: String
        /// The profiled window in Unix seconds, when the trace could be placed.
        public var windowStartSeconds: Double?
        public var windowEndSeconds: Double?
        /// Job GPUs' energy over the profiled window and per step; nil without power samples or a clock.
        public var joules: Double?
        public var stepJoules: [Double]
        public var devices: [DeviceResult]
        /// Busy time and window time summed over the trace's GPUs (for the overall busy fraction).
        var busyMicroseconds: Double
        var deviceWindowMicroseconds: Double
    }

    public var traces: [TraceResult]

    /// The profiled steps of the job: those of ``windows``, one worker's (every rank runs the same steps).
    public var stepCount: Int { windows.reduce(0) { $0 + $1.stepNumbers.count } }

    /// The traces whose steps time the job's energy: the lowest rank's (rank 0 in a distributed job) with energy,
    /// else with none, on its host; each a profiled window of its own (a profiler schedule that repeats writes one
    /// trace per window), in time order, a trace that overlaps one taken left out. Every rank's traces span the same
    /// steps of the same job, so the job's energy is taken over one worker's: summing over ranks would count it once
    /// per rank.
    public var windows: [TraceResult] {
        let placed = traces.filter { $0.joules != nil }
        let pool = placed.isEmpty ? traces : placed
        guard let lowest = pool.min(by: { ($0.rank ?? Int.max) < ($1.rank ?? Int.max) }) else { return [] }
        let worker = pool.enumerated().filter { $0.element.rank == lowest.rank && $0.element.host == lowest.host }
            .sorted {
                ($0.element.windowStartSeconds ?? -.infinity, $0.offset) < (
                    $1.element.windowStartSeconds ?? -.infinity, $1.offset
                )
            }
            .map(\.element)
        var taken: [TraceResult] = []
        for trace in worker {
            if let end = taken.last?.windowEndSeconds, let start = trace.windowStartSeconds, start < end { continue }
            taken.append(trace)
        }
        return taken
    }

    /// The first of ``windows``, when they have energy.
    public var reference: TraceResult? { windows.first { $0.joules != nil } }

    /// The job GPUs' energy over the profiled windows.
    public var joules: Double? { reference == nil ? nil : windows.compactMap(\.joules).reduce(0, +) }
    /// The job GPUs' energy over each of the windows' steps, in increasing order.
    public var stepJoules: [Double] { reference == nil ? [] : windows.flatMap(\.stepJoules).sorted() }
    public var medianStepJoules: Double? {
        let all = stepJoules
        return all.isEmpty ? nil : Median.of(all)
    }
    public var meanStepJoules: Double? {
        let all = stepJoules
        return all.isEmpty ? nil : all.reduce(0, +) / Double(all.count)
    }
    /// Each rank's trace, by rank (traces without a rank last, in their order): its host, steps and the busy share
    /// of its own GPUs.
    public var ranks: [TraceResult] {
        traces.enumerated().sorted { ($0.element.rank ?? Int.max, $0.offset) < ($1.element.rank ?? Int.max, $1.offset) }
            .map(\.element)
    }

    /// Busy time over window time across all GPUs of all traces; nil when every trace is CPU-only.
    public var gpuBusyFraction: Double? {
        let window = traces.reduce(0) { $0 + $1.deviceWindowMicroseconds }
        return window > 0 ? traces.reduce(0) { $0 + $1.busyMicroseconds } / window : nil
    }
}

/// What a PyTorch profiler (Kineto) trace says about a run: its clock, devices, rank, the profiled training steps
/// and when each GPU was busy.
public struct ProfilerTrace: Sendable, Hashable, Codable {
    /// How the trace's `ts` values map to Unix time.
    public enum Clock: Sendable, Hashable, Codable {
        /// `ts` counts microseconds from `baseTimeNanoseconds` (recent PyTorch).
        case base(seconds: Double)
        /// `ts` are Unix microseconds (older traces).
        case epoch
        /// `ts` are relative with nothing to anchor them; the offset, when found from the event files, aligns them.
        case relative(alignedOffsetSeconds: Double?)
    }

    /// A `ProfilerStep#N` span on the CPU timeline, in trace microseconds.
    public struct Step: Sendable, Hashable, Codable {
        public var number: Int
        public var startMicroseconds: Double
        public var durationMicroseconds: Double
        public var endMicroseconds: Double { startMicroseconds + durationMicroseconds }
    }

    /// One GPU's busy time: the union of its kernel, memcpy and memset spans.
    public struct DeviceBusy: Sendable, Hashable, Codable {
        public var device: Int
        /// Merged, disjoint, in time order (trace microseconds).
        public var intervals: [ClosedRange<Double>]
        public var busyMicroseconds: Double { intervals.reduce(0) { $0 + $1.upperBound - $1.lowerBound } }
        /// Busy microseconds within `window`.
        public func busyMicroseconds(within window: ClosedRange<Double>) -> Double {
            intervals.reduce(0) { total, interval in
                total
                    + max(0, min(interval.upperBound, window.upperBound) - max(interval.lowerBound, window.lowerBound))
            }
        }
    }

    public var path: String
    public var displayPath: String
    public var clock: Clock
    public var eventCount: Int
    /// A GPU named in `deviceProperties`.
    public struct Device: Sendable, Hashable, Codable {
        public var id: Int
        public var name: String
    }

    public var devices: [Device]
    /// `distributedInfo`.
    public var rank: Int?
    public var worldSize: Int?
    public var steps: [Step]
    /// Per GPU device (the `pid` of its events), sorted by device.
    public var busy: [DeviceBusy]
    /// Where reading stopped early, if it did (malformed or cut JSON).
    public var problem: String?

    /// No GPU kernel, memcpy or memset events: a CPU-only trace.
    public var isCPUOnly: Bool { busy.isEmpty }
    /// From the start of the first profiled step to the end of the last.
    public var profiledWindow: ClosedRange<Double>? {
        guard let first = steps.map(\.startMicroseconds).min(), let last = steps.map(\.endMicroseconds).max(),
            last >= first
        else {
            return nil
        }
        return first...last
    }

    /// Whether the trace's `ts` are anchored to Unix time by the trace itself (a base, or epoch microseconds).
    public var hasAbsoluteClock: Bool {
        if case .relative = clock { false } else { true }
    }

    /// Unix seconds of a trace time, or nil for an unaligned relative trace.
    public func unixSeconds(_ microseconds: Double) -> Double? {
        switch clock {
        case .base(let seconds): seconds + microseconds / 1e6
        case .epoch: microseconds / 1e6
        case .relative(let offset): offset.map { $0 + microseconds / 1e6 }
        }
    }
}

/// The time a run's report covers: from its first to its last power sample; without power samples, its training
/// window, else the times of its event files and profiled steps, else the window of its system energy or job.
struct RunSpan {
    /// UTC seconds.
    var startSeconds: Double
    var endSeconds: Double

    /// - Parameter otherwise: the span when there are no power samples, event files or profiled steps.
    init(gpus: [GPUReport], timeline: RunTimeline?, traces: [ProfilerTrace], otherwise: ClosedRange<Double>? = nil) {
        if let first = gpus.map(\.trace.firstSeconds).min(), let last = gpus.map(\.trace.lastSeconds).max() {
            startSeconds = first
            endSeconds = last
            return
        }
        let traceTimes = traces.compactMap { trace in trace.profiledWindow.flatMap { trace.unixSeconds($0.lowerBound) }
        }
        let eventTimes =
            (timeline?.runs ?? []).flatMap(\.files).flatMap { [$0.firstWallTime, $0.lastWallTime] }.compactMap { $0 }
            + traceTimes
        startSeconds = timeline?.training?.startSeconds ?? eventTimes.min() ?? otherwise?.lowerBound ?? 0
        endSeconds = timeline?.training?.endSeconds ?? eventTimes.max() ?? otherwise?.upperBound ?? 0
    }

    var seconds: Double { endSeconds - startSeconds }

    /// The share of the span that `trace`'s samples back (``EnergyTrace/coveredSeconds``: its span less every gap,
    /// bridged or not); for an empty span, 1 when the trace has samples.
    func coverage(of trace: EnergyTrace) -> Double {
        seconds > 0
            ? min(1, trace.coveredSeconds(from: startSeconds, to: endSeconds) / seconds)
            : (trace.sampleCount > 0 ? 1 : 0)
    }
}

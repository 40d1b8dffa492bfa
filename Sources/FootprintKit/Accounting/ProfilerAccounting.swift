enum ProfilerAccounting {
    /// Boundaries registered for busy spans at most; beyond it the split is proportional to busy time (said).
    static let maximumBusyBoundaries = 1_000_000

    /// Aligns relative traces to the event files' step tag (`ProfilerStep#N` ends when training step N is logged)
    /// and returns the traces with their clocks settled.
    static func align(_ traces: [ProfilerTrace], timeline: RunTimeline?, findings: inout FindingLog) -> [ProfilerTrace] {
        traces.map { trace in
            guard case .relative = trace.clock else { return trace }
            var aligned = trace
            guard let window = timeline?.training, let (_, series) = timeline?.series(named: window.displayTag) else {
                findings.add(Finding(.note, "the trace's times are relative (no baseTimeNanoseconds) and no event file tells when its steps ran: reported without energy",
                                     location: InputLocation(path: trace.displayPath)))
                return trace
            }
            var offsets: [Double] = []
            for step in trace.steps {
                if let index = series.points.steps.firstIndex(of: Int64(step.number)) {
                    offsets.append(series.points.wallTimes[index] - step.endMicroseconds / 1e6)
                }
            }
            guard !offsets.isEmpty else {
                findings.add(Finding(.note, "the trace's times are relative and none of its step numbers appears in the step tag `\(window.displayTag)`: reported without energy",
                                     location: InputLocation(path: trace.displayPath)))
                return trace
            }
            offsets.sort()
            aligned.clock = .relative(alignedOffsetSeconds: offsets[offsets.count / 2])
            findings.add(Finding(.note, "the trace's times are relative: aligned to the run by \(offsets.count) of its steps logged in `\(window.displayTag)` (each step ends when it is logged)",
                                 location: InputLocation(path: trace.displayPath)))
            return aligned
        }
    }

    /// The instants whose cumulative energy the accounting needs: windows, steps, and busy-span edges.
    static func boundaries(_ traces: [ProfilerTrace]) -> [Double] {
        var instants: [Double] = []
        var busyEdges = 0
        for trace in traces {
            guard let window = trace.profiledWindow, trace.unixSeconds(0) != nil else { continue }
            for step in trace.steps {
                instants += [trace.unixSeconds(step.startMicroseconds)!, trace.unixSeconds(step.endMicroseconds)!]
            }
            for device in trace.busy {
                for interval in device.intervals where interval.upperBound > window.lowerBound && interval.lowerBound < window.upperBound {
                    guard busyEdges < maximumBusyBoundaries else { break }
                    busyEdges += 2
                    instants += [trace.unixSeconds(max(interval.lowerBound, window.lowerBound))!,
                                 trace.unixSeconds(min(interval.upperBound, window.upperBound))!]
                }
            }
        }
        return instants
    }

    static func account(_ traces: [ProfilerTrace], gpus: [GPUReport], findings: inout FindingLog) -> ProfilerSummary {
        let job = gpus.filter(\.usedByJob).map(\.trace)
        let results = traces.map { trace -> ProfilerSummary.TraceResult in
            let window = trace.profiledWindow
            let start = window.flatMap { trace.unixSeconds($0.lowerBound) }
            let end = window.flatMap { trace.unixSeconds($0.upperBound) }
            func energy(_ traces: [EnergyTrace], _ from: Double, _ to: Double) -> Double {
                traces.reduce(0) { $0 + ($1.joules(from: from, to: to) ?? 0) }
            }
            var joules: Double?
            var stepJoules: [Double] = []
            if let start, let end, !job.isEmpty {
                joules = energy(job, start, end)
                stepJoules = trace.steps.map { step in
                    energy(job, trace.unixSeconds(step.startMicroseconds)!, trace.unixSeconds(step.endMicroseconds)!)
                }
            }
            var busyTotal = 0.0
            var windowTotal = 0.0
            let devices = trace.busy.map { device -> ProfilerSummary.DeviceResult in
                guard let window else {
                    return ProfilerSummary.DeviceResult(device: device.device, gpuLabel: nil, busyFraction: 0)
                }
                let span = window.upperBound - window.lowerBound
                let busy = device.busyMicroseconds(within: window)
                busyTotal += busy
                windowTotal += span
                let fraction = span > 0 ? busy / span : 0
                let gpu = gpus.first { $0.identity.index == String(device.device) }
                var result = ProfilerSummary.DeviceResult(device: device.device, gpuLabel: gpu?.identity.label, busyFraction: fraction)
                if let gpu, let start, let end {
                    let total = energy([gpu.trace], start, end)
                    let spans = device.intervals.filter { $0.upperBound > window.lowerBound && $0.lowerBound < window.upperBound }
                    var placed: Double? = 0
                    for span in spans {
                        let from = trace.unixSeconds(max(span.lowerBound, window.lowerBound))!
                        let to = trace.unixSeconds(min(span.upperBound, window.upperBound))!
                        guard let spanJoules = gpu.trace.joules(from: from, to: to) else {
                            placed = nil
                            break
                        }
                        placed? += spanJoules
                    }
                    let busyJoules: Double
                    if let placed {
                        busyJoules = placed
                    } else {
                        busyJoules = total * fraction
                        findings.add(Finding(.note, "GPU \(device.device): too many busy spans to place each on the power timeline; its busy energy is the window's energy × its busy share",
                                             location: InputLocation(path: trace.displayPath)))
                    }
                    result.busyJoules = busyJoules
                    result.idleJoules = total - busyJoules
                }
                return result
            }
            let clock: String
            switch trace.clock {
            case .base: clock = "baseTimeNanoseconds + ts"
            case .epoch: clock = "ts in Unix microseconds"
            case .relative(let offset): clock = offset == nil ? "relative ts, not placed" : "relative ts, aligned by its steps to the event files"
            }
            return ProfilerSummary.TraceResult(
                displayPath: trace.displayPath, rank: trace.rank, worldSize: trace.worldSize,
                deviceNames: trace.devices.map(\.name), isCPUOnly: trace.isCPUOnly, stepNumbers: trace.steps.map(\.number),
                clock: clock, windowStartSeconds: start, windowEndSeconds: end, joules: joules, stepJoules: stepJoules,
                devices: devices, busyMicroseconds: busyTotal, deviceWindowMicroseconds: windowTotal)
        }
        return ProfilerSummary(traces: results)
    }
}

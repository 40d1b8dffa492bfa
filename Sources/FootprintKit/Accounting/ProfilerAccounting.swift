enum ProfilerAccounting {
    /// Boundaries registered for busy spans at most; beyond it the split is proportional to busy time (said).
    static let maximumBusyBoundaries = 1_000_000

    /// Settles each trace's clock: aligns relative traces to the event files' step tag (`ProfilerStep#N` ends when
    /// training step N is logged), takes a trace whose own clock puts its steps outside ``PlausibleTime`` as
    /// relative, and leaves out the steps and busy intervals a settled clock still puts outside it.
    static func align(_ traces: [ProfilerTrace], timeline: RunTimeline?, findings: inout FindingLog) -> [ProfilerTrace]
    {
        traces.map { trace in
            var settled = trace
            if trace.hasAbsoluteClock, let instant = typicalInstant(trace), !PlausibleTime.contains(instant) {
                findings.add(
                    Finding(
                        .warning, .clockImplausible,
                        "the trace's clock (\(clockDescription(trace.clock))) puts it at \(ReportFormatting.readableUTC(instant)), outside \(PlausibleTime.rangeDescription): its times are taken as relative",
                        location: InputLocation(path: trace.displayPath)))
                settled.clock = .relative(alignedOffsetSeconds: nil)
            }
            if !settled.hasAbsoluteClock { settled = aligned(settled, timeline: timeline, findings: &findings) }
            return keepingPlausibleTimes(settled, findings: &findings)
        }
    }

    /// The Unix time of the trace's middle step start (else of its middle busy interval), or nil when it has
    /// neither or no clock.
    private static func typicalInstant(_ trace: ProfilerTrace) -> Double? {
        if !trace.steps.isEmpty { return trace.unixSeconds(trace.steps[trace.steps.count / 2].startMicroseconds) }
        let starts = trace.busy.flatMap { $0.intervals.map(\.lowerBound) }
        return starts.isEmpty ? nil : trace.unixSeconds(Median.value(atRank: starts.count / 2, of: starts))
    }

    /// A relative trace aligned by its steps, when the step tag logs them.
    private static func aligned(_ trace: ProfilerTrace, timeline: RunTimeline?, findings: inout FindingLog)
        -> ProfilerTrace
    {
        guard let window = timeline?.training, let (_, series) = timeline?.series(named: window.displayTag) else {
            findings.add(
                Finding(
                    .note, .profilerAlignment,
                    "the trace's times are relative and no event file tells when its steps ran: reported without energy"
                        + (trace.problem == nil
                            ? "" : " (the trace is cut short: a baseTimeNanoseconds after the damage was not read)"),
                    location: InputLocation(path: trace.displayPath)))
            return trace
        }
        // The first point of each step the trace ran, in one pass over the tag's points.
        var firstIndexByStep: [Int64: Int] = [:]
        for step in trace.steps { firstIndexByStep[Int64(step.number)] = -1 }
        for (index, point) in series.points.points.enumerated() where firstIndexByStep[point.step] == -1 {
            firstIndexByStep[point.step] = index
        }
        var offsets: [Double] = []
        for step in trace.steps {
            if let index = firstIndexByStep[Int64(step.number)], index >= 0 {
                offsets.append(series.points.points[index].wallTime - step.endMicroseconds / 1e6)
            }
        }
        guard !offsets.isEmpty else {
            findings.add(
                Finding(
                    .note, .profilerAlignment,
                    "the trace's times are relative and none of its step numbers appears in the step tag `\(window.displayTag)`: reported without energy",
                    location: InputLocation(path: trace.displayPath)))
            return trace
        }
        var aligned = trace
        aligned.clock = .relative(alignedOffsetSeconds: Median.value(atRank: offsets.count / 2, of: offsets))
        findings.add(
            Finding(
                .note, .profilerAlignment,
                "the trace's times are relative: aligned to the run by \(offsets.count) of its steps logged in `\(window.displayTag)` (each step ends when it is logged)",
                location: InputLocation(path: trace.displayPath)))
        return aligned
    }

    /// `trace` without the steps and busy intervals its clock puts outside ``PlausibleTime``, with a warning that
    /// counts them; unchanged when it has no clock.
    private static func keepingPlausibleTimes(_ trace: ProfilerTrace, findings: inout FindingLog) -> ProfilerTrace {
        guard trace.unixSeconds(0) != nil else { return trace }
        func plausible(_ span: ClosedRange<Double>) -> Bool {
            trace.unixSeconds(span.lowerBound).map(PlausibleTime.contains) == true
                && trace.unixSeconds(span.upperBound).map(PlausibleTime.contains) == true
        }
        var kept = trace
        kept.steps = trace.steps.filter { plausible($0.startMicroseconds...$0.endMicroseconds) }
        var droppedIntervals = 0
        for index in kept.busy.indices {
            let intervals = kept.busy[index].intervals.filter(plausible)
            droppedIntervals += kept.busy[index].intervals.count - intervals.count
            kept.busy[index].intervals = intervals
        }
        var dropped: [String] = []
        if let first = trace.steps.first(where: { !plausible($0.startMicroseconds...$0.endMicroseconds) }) {
            dropped.append("\(trace.steps.count - kept.steps.count) steps (the first: ProfilerStep#\(first.number))")
        }
        if droppedIntervals > 0 { dropped.append("\(droppedIntervals) GPU busy intervals") }
        if !dropped.isEmpty {
            findings.add(
                Finding(
                    .warning, .clockImplausible,
                    "\(dropped.joined(separator: " and ")) fall outside \(PlausibleTime.rangeDescription) on the trace's clock (\(clockDescription(trace.clock))); left out",
                    location: InputLocation(path: trace.displayPath)))
        }
        return kept
    }

    /// How a trace is put on the UTC clock, as reports say it.
    static func clockDescription(_ clock: ProfilerTrace.Clock) -> String {
        switch clock {
        case .base: "baseTimeNanoseconds + ts"
        case .epoch: "ts in Unix microseconds"
        case .relative(let offset):
            offset == nil ? "relative ts, not placed" : "relative ts, aligned by its steps to the event files"
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
                for interval in device.intervals
                where interval.upperBound > window.lowerBound && interval.lowerBound < window.upperBound {
                    guard busyEdges < maximumBusyBoundaries else { break }
                    busyEdges += 2
                    instants += [
                        trace.unixSeconds(max(interval.lowerBound, window.lowerBound))!,
                        trace.unixSeconds(min(interval.upperBound, window.upperBound))!,
                    ]
                }
            }
        }
        return instants
    }

    /// The host a trace ran on, among the power logs' hosts: one named by a folder of the trace's path, else the
    /// host part of a `HOST_PID.TIMESTAMP.pt.trace.json` name (the PyTorch trace handler's default); nil when
    /// the run has one host or none matches.
    static func host(of trace: ProfilerTrace, among hosts: Set<String>) -> String? {
        guard hosts.count > 1 else { return nil }
        let components = trace.displayPath.split(separator: "/").map(String.init)
        if let folder = components.dropLast().last(where: { hosts.contains($0) }) { return folder }
        let name = components.last ?? ""
        if let underscore = name.lastIndex(of: "_") {
            let worker = String(name[..<underscore])
            if hosts.contains(worker) { return worker }
        }
        return hosts.first { name.hasPrefix($0 + "_") || name.hasPrefix($0 + ".") }
    }

    /// The power-log GPU a trace's device is: the same index on the trace's host; none on a run of several hosts
    /// (`hosts`, those of `gpus`) when the trace's host is unknown (GPU 0 of which host?).
    static func matchedGPU(_ device: Int, host: String?, gpus: [GPUReport], hosts: Set<String>) -> GPUReport? {
        gpus.first { gpu in
            gpu.identity.index == String(device) && (hosts.count <= 1 || gpu.identity.host == host)
        }
    }

    static func account(_ traces: [ProfilerTrace], gpus: [GPUReport], findings: inout FindingLog) -> ProfilerSummary {
        let job = gpus.filter(\.usedByJob).map(\.trace)
        let hosts = Set(gpus.map(\.identity.host))
        let results = traces.map { trace -> ProfilerSummary.TraceResult in
            let host = Self.host(of: trace, among: hosts)
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
            // Kineto writes the GPU's events after every CPU event, steps included: a trace cut short lost the GPU
            // events of the rest of its window, which would count as idle.
            let busyIsKnown = window != nil && trace.problem == nil
            if window != nil, trace.problem != nil, !trace.busy.isEmpty {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "the trace is cut short, and its GPU events come after its steps: the GPUs' busy share and busy energy are unknown",
                        location: InputLocation(path: trace.displayPath)))
            }
            if window == nil, !trace.busy.isEmpty {
                findings.add(
                    Finding(
                        .note, .profilerAlignment,
                        "no ProfilerStep spans: the GPUs' busy share is of the profiled steps, so it is unknown here (profile with torch.profiler.schedule and call prof.step() each step)",
                        location: InputLocation(path: trace.displayPath)))
            }
            let devices = trace.busy.map { device -> ProfilerSummary.DeviceResult in
                guard let window, busyIsKnown else {
                    return ProfilerSummary.DeviceResult(device: device.device, gpuLabel: nil, busyFraction: nil)
                }
                let span = window.upperBound - window.lowerBound
                let busy = device.busyMicroseconds(within: window)
                busyTotal += busy
                windowTotal += span
                let fraction = span > 0 ? busy / span : 0
                let gpu = matchedGPU(device.device, host: host, gpus: gpus, hosts: hosts)
                var result = ProfilerSummary.DeviceResult(
                    device: device.device, gpuLabel: gpu?.identity.label, busyFraction: fraction)
                if let gpu, let start, let end {
                    let total = energy([gpu.trace], start, end)
                    let spans = device.intervals.filter {
                        $0.upperBound > window.lowerBound && $0.lowerBound < window.upperBound
                    }
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
                        findings.add(
                            Finding(
                                .note, .inputLimit,
                                "GPU \(device.device): too many busy spans to place each on the power timeline; its busy energy is the window's energy × its busy share",
                                location: InputLocation(path: trace.displayPath)))
                    }
                    result.busyJoules = busyJoules
                    result.idleJoules = total - busyJoules
                }
                return result
            }
            return ProfilerSummary.TraceResult(
                displayPath: trace.displayPath, host: host, rank: trace.rank, worldSize: trace.worldSize,
                deviceNames: trace.devices.map(\.name), isCPUOnly: trace.isCPUOnly,
                stepNumbers: trace.steps.map(\.number),
                clock: clockDescription(trace.clock), windowStartSeconds: start, windowEndSeconds: end, joules: joules,
                stepJoules: stepJoules,
                devices: devices, busyMicroseconds: busyTotal, deviceWindowMicroseconds: windowTotal)
        }
        return ProfilerSummary(traces: results)
    }
}

/// Reads the GPU energy that Megatron-LM's `--log-energy` writes into its TensorBoard event file as a
/// ``PowerLog``, so that it is accounted like any power log (`../shared/FORMATS.md` §9).
///
/// Megatron's `EnergyMonitor` reads every rank's NVML energy counter; every `--log-interval` iterations it
/// writes, at step = iteration, `iter-energy/gpu` (the interval's energy in J, all-reduced, ÷ iterations ÷ world
/// size: joules per iteration per GPU) and `power/gpu` (that energy ÷ the interval's elapsed time per iteration:
/// watts per GPU). The two give each interval's elapsed time, `iterations × iter-energy/gpu ÷ power/gpu`, ending
/// at the point's wall time; the interval's iterations are the step's advance over the previous point (for the
/// first point, its step or the next point's advance, whichever is smaller). Each of the job's GPUs (a device per
/// rank, each at the job's mean `power/gpu`; beyond ``PowerRowAccumulator/maximumGPUs`` one device of kind
/// ``DeviceKind/gpuGroup`` drawing `power/gpu × world size`) draws a step function whose integral is the
/// counters' energy: each interval is two samples at its ends, and where intervals meet the two
/// samples sit ``junctionSeconds`` apart, centred on the meeting point, so that the junction adds exactly what the
/// two levels lose. Time between intervals (evaluation and checkpoint saves, during which the monitor pauses) is
/// bridged like any gap, up to the bridge limit; the gap threshold is 1.5 × the longest interval, so that no
/// interval is itself a gap. The world size is the `world-size` tag (`--log-world-size-to-tensorboard`); without
/// it the log holds one GPU, the mean share, with an `energy.tracker` warning.
///
/// Points whose energy or power is not a finite positive number are left out, counted in one warning.
enum MegatronEnergyReader {
    static let energyTag = "iter-energy/gpu"
    static let powerTag = "power/gpu"
    static let worldSizeTag = "world-size"
    /// The tags its power log is made of.
    static let tagNames: Set<String> = [energyTag, powerTag, worldSizeTag]
    /// The time two meeting intervals' samples are apart.
    static let junctionSeconds = 1e-3
    /// An interval longer than this is not a log interval of training (a damaged value).
    static let maximumIntervalSeconds = 86_400.0

    /// The energy of the event file at `path` as a power log, or nil when it has no Megatron energy tags (the
    /// event file itself is read, and its damage reported, as a training log).
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        var scratch = FindingLog()
        let events = try EventFileReader.read(
            path: path, displayPath: displayPath, limits: options.limits, findings: &scratch)
        return powerLog(of: events, options: options, findings: &findings)
    }

    /// One interval of the energy monitor: its end (UTC seconds), elapsed seconds and watts per GPU.
    struct Interval: Equatable {
        var endSeconds: Double
        var seconds: Double
        var wattsPerGPU: Double
    }

    /// The power log of an event file's Megatron tags, or nil when it has none.
    static func powerLog(of events: EventFile, options: PowerLogReadingOptions, findings: inout FindingLog)
        -> PowerLog?
    {
        guard let energy = events.tags.first(where: { $0.name == energyTag })?.series,
            let power = events.tags.first(where: { $0.name == powerTag })?.series, energy.count > 0
        else { return nil }
        let location = InputLocation(path: events.displayPath)
        var skipped = 0
        let intervals = Self.intervals(energy: energy, power: power, skipped: &skipped)
        if skipped > 0 {
            findings.add(
                Finding(
                    .warning, .inputDamaged,
                    "\(skipped) \(energyTag) points without a matching finite positive \(powerTag), or with an implausible interval, left out",
                    location: location))
        }
        let worldSize = events.tags.first { $0.name == worldSizeTag }?.series.points.last.flatMap { point in
            point.value.isFinite && point.value >= 1 && point.value <= 1e7 ? Int(point.value) : nil
        }
        if worldSize == nil {
            findings.add(
                Finding(
                    .warning, .energyTracker,
                    "Megatron-LM's \(energyTag) without \(worldSizeTag): the energy is one GPU's mean share, not the job's; multiply by the number of GPUs, or log with --log-world-size-to-tensorboard",
                    location: location))
        }
        let gpus = worldSize ?? 1
        var readingOptions = options
        let longest = intervals.map(\.seconds).max() ?? 0
        readingOptions.gapThresholdSeconds = max(options.gapThresholdSeconds ?? 3, 1.5 * longest)
        var accumulator = PowerRowAccumulator(powerFields: [powerTag], options: readingOptions)
        // One device per GPU of the job, each at the job's mean; past the per-log GPU limit, one group.
        let perGPU = gpus <= PowerRowAccumulator.maximumGPUs
        var slots: [Int] = []
        for rank in 0..<(perGPU ? gpus : 1) {
            let identity =
                perGPU
                ? DeviceID(index: String(rank)) : DeviceID(kind: .gpuGroup, otherID: "Megatron-LM, \(gpus) GPUs")
            let key = Array(identity.matchKey.utf8)
            let slot = key.withByteView { key in
                accumulator.slotIndex(forKey: key, deviceCount: perGPU ? 1 : gpus) { identity }
            }
            if let slot { slots.append(slot) }
        }
        let devicesPerSlot = Double(perGPU ? 1 : gpus)
        for (index, interval) in intervals.enumerated() {
            let watts = FieldReading.number(interval.wattsPerGPU * devicesPerSlot)
            let start = interval.endSeconds - interval.seconds
            let previousEnd = index > 0 ? intervals[index - 1].endSeconds : -Double.infinity
            let meetsPrevious = start - previousEnd < junctionSeconds
            let meetsNext =
                index + 1 < intervals.count
                && intervals[index + 1].endSeconds - intervals[index + 1].seconds - interval.endSeconds
                    < junctionSeconds
            let startSeconds = meetsPrevious ? previousEnd + junctionSeconds / 2 : start
            let endSeconds = meetsNext ? interval.endSeconds - junctionSeconds / 2 : interval.endSeconds
            for seconds in [startSeconds, endSeconds] {
                let utc = accumulator.utc(of: .absolute(seconds), line: 0)
                for slot in slots { accumulator.add(watts, field: 0, slot: slot, seconds: utc) }
            }
            accumulator.countRow()
        }
        findings.add(
            Finding(
                .note, .energyTracker,
                "GPU energy from Megatron-LM's NVML energy counters (\(energyTag), \(powerTag)) over \(intervals.count) logging intervals, \(worldSize.map { "\($0) GPUs" } ?? "world size unknown"); each interval is drawn at its mean power, and windows inside an interval are prorated at that power",
                location: location))
        var log = accumulator.finished(
            path: events.displayPath, format: .megatronEnergy, encoding: InputEncoding(isGzip: false, isUTF16LE: false))
        log.dataRowCount = intervals.count
        return log
    }

    /// The monitor's intervals, in time order: each point of `energy` with the point of `power` at the same
    /// step; `skipped` counts the points left out.
    static func intervals(energy: ScalarSeries, power: ScalarSeries, skipped: inout Int) -> [Interval] {
        var powerAtStep: [Int64: Double] = [:]
        for point in power.points { powerAtStep[point.step] = point.value }
        let points = energy.points
        let order = points.indices.sorted {
            (points[$0].wallTime, points[$0].step) < (points[$1].wallTime, points[$1].step)
        }
        var intervals: [Interval] = []
        var previousStep: Int64?
        for (position, index) in order.enumerated() {
            let step = points[index].step
            let joulesPerIteration = points[index].value
            var iterations: Int64
            if let previousStep, step > previousStep {
                iterations = step - previousStep
            } else {
                // The first point (or the first after a restart): from iteration 0, or one log interval.
                iterations = step
                if position + 1 < order.count {
                    let next = points[order[position + 1]].step
                    if next > step { iterations = min(iterations, next - step) }
                }
            }
            previousStep = step
            guard iterations > 0, let watts = powerAtStep[step], watts.isFinite, watts > 0,
                joulesPerIteration.isFinite, joulesPerIteration > 0
            else {
                skipped += 1
                continue
            }
            let seconds = Double(iterations) * joulesPerIteration / watts
            guard seconds.isFinite, seconds > 0, seconds <= maximumIntervalSeconds else {
                skipped += 1
                continue
            }
            intervals.append(Interval(endSeconds: points[index].wallTime, seconds: seconds, wattsPerGPU: watts))
        }
        return intervals
    }
}

internal import Foundation

/// Turns the rows of one power log into per-GPU traces: finds each row's GPU, resolves its time, and feeds each
/// power column's integrator. Shared by the readers of logs with rows (CSV, dmon, trackers' files).
///
/// The valid readings are queued, and every ``queueCapacity`` of them are integrated on another thread
/// (``BackgroundTask``) while the rows after them are read; on the reading thread on one core, or when
/// logs are read side by side (``PowerLogReadingOptions/integratesBesideReading``). Each integrator is given its
/// samples in row order, and what the retention keeps is decided as they are queued, so the traces are those of
/// integrating row by row, to the bit.
struct PowerRowAccumulator {
    /// A log with more distinct GPUs than this is taken to have misread columns.
    static let maximumGPUs = 1024
    /// Valid readings queued before they are integrated together.
    static let queueCapacity = 32_768
    /// Samples in row order, each with whether the log's ``SampleRetention`` admitted it for keeping.
    typealias Samples = [(sample: PowerSample, isKept: Bool)]
    /// One power column of one GPU handed to another thread: where its integrator belongs, the integrator, and
    /// its samples (emptied, their storage kept, once integrated).
    typealias Work = (slot: Int, field: Int, integrator: PowerIntegrator, samples: Samples)

    struct Slot {
        var key: [UInt8]
        var identity: DeviceID
        var integrators: [PowerIntegrator]
        var invalidReasons: [[String: Int]]
        var maximumUtilization: Double?
        /// Readings above this are left out: 3 × the TDP of a GPU model in the bundled table, else the options'.
        var maximumPlausibleWatts: Double
        /// Per power column: the samples not yet given to its integrator.
        var queued: [Samples]
        /// Per power column: whether its integrator still keeps the samples it is given (none after one refused).
        var keepsSamples: [Bool]

        /// Gives each power column's queued samples to its integrator, here.
        mutating func integrateQueued() {
            for field in integrators.indices {
                PowerRowAccumulator.integrate(&queued[field], into: &integrators[field])
            }
        }
    }

    let powerFields: [String]
    private let options: PowerLogReadingOptions
    private var resolver: LocalTimeResolver
    /// What the integrators may keep of their samples, all together (``PowerLogReadingOptions/retainedSampleLimit``).
    private var retention: SampleRetention
    private(set) var slots: [Slot] = []
    private var lastSlot = 0
    private var latestUTC: Double?
    private(set) var sawLocalTime = false
    private(set) var sawAbsoluteTime = false
    private(set) var rowCount = 0
    private(set) var tooManyGPUs = false
    /// Rows whose time, as written, is outside ``PlausibleTime``, and the line of the first.
    private var implausibleTimeCount = 0
    private var firstImplausibleTimeLine = 0
    /// Samples in the slots' queues.
    private var queuedCount = 0
    /// The integration running on another thread, which holds the integrators of its work.
    private var integration: BackgroundTask<[Work?], [Work?]>?
    /// Queues integrated before, emptied, for the next samples.
    private var spareQueues: [Samples] = []

    init(powerFields: [String], options: PowerLogReadingOptions) {
        self.powerFields = powerFields
        self.options = options
        resolver = LocalTimeResolver(zone: options.zone)
        retention = SampleRetention(limit: options.retainedSampleLimit)
    }

    var ambiguousTimeCount: Int { resolver.ambiguousCount }
    var nonexistentTimeCount: Int { resolver.nonexistentCount }

    /// Reason counted for the readings of a row whose time is not plausible.
    static let implausibleTimeReason = "dated outside \(PlausibleTime.rangeDescription)"

    /// The UTC seconds of the parsed timestamp of the row at `line`; NaN, counted, when the time as written (a
    /// local one before its zone is applied, so that every zone and a replay agree) is outside ``PlausibleTime``.
    mutating func utc(of timestamp: LogTimestamp, line: Int) -> Double {
        let seconds: Double
        switch timestamp {
        case .local(let local):
            sawLocalTime = true
            guard PlausibleTime.contains(local) else { return implausibleTime(line: line) }
            seconds = resolver.utc(fromLocal: local, previousUTC: latestUTC)
        case .absolute(let absolute):
            sawAbsoluteTime = true
            guard PlausibleTime.contains(absolute) else { return implausibleTime(line: line) }
            seconds = absolute
        }
        if seconds > latestUTC ?? -.infinity { latestUTC = seconds }
        return seconds
    }

    private mutating func implausibleTime(line: Int) -> Double {
        implausibleTimeCount += 1
        if implausibleTimeCount == 1 { firstImplausibleTimeLine = line }
        return .nan
    }

    /// The slot of the GPU whose row key is `key`, if it has one already.
    mutating func existingSlot(forKey key: ByteView) -> Int? {
        guard !slots.isEmpty else { return nil }
        // Rows usually cycle through the GPUs in order: try the next one first.
        let guess = lastSlot + 1 < slots.count ? lastSlot + 1 : 0
        if key.equals(slots[guess].key) {
            lastSlot = guess
            return guess
        }
        for index in slots.indices where key.equals(slots[index].key) {
            lastSlot = index
            return index
        }
        return nil
    }

    /// The slot of the GPU whose identity bytes are `key`, created with `makeIdentity()` when new.
    ///
    /// - Parameter deviceCount: the GPUs the device stands for (a ``DeviceKind/gpuGroup``): its readings may be
    ///   that many times one GPU's highest plausible power.
    /// - Returns: nil when the log already has ``maximumGPUs`` GPUs.
    mutating func slotIndex(forKey key: ByteView, deviceCount: Int = 1, makeIdentity: () -> DeviceID) -> Int? {
        if let index = existingSlot(forKey: key) { return index }
        guard slots.count < Self.maximumGPUs else {
            tooManyGPUs = true
            return nil
        }
        let integrator = PowerIntegrator(
            boundaries: options.boundaries, gapThresholdSeconds: options.gapThresholdSeconds)
        let identity = makeIdentity()
        let tdp = identity.name.flatMap { GPUSpecTable.bundled.spec(forName: $0) }?.tdpWatts
        slots.append(
            Slot(
                key: Array(key), identity: identity,
                integrators: Array(repeating: integrator, count: powerFields.count),
                invalidReasons: Array(repeating: [:], count: powerFields.count),
                maximumPlausibleWatts: (tdp.map { 3 * $0 } ?? options.maximumPlausibleWatts)
                    * Double(max(1, deviceCount)),
                queued: Array(repeating: [], count: powerFields.count),
                keepsSamples: Array(repeating: true, count: powerFields.count)))
        lastSlot = slots.count - 1
        return lastSlot
    }

    /// Adds one power column's reading of a row (whose time ``utc(of:line:)`` gave), with the row's utilization
    /// when it has one (for the sensor check).
    mutating func add(
        _ reading: FieldReading, field: Int, slot: Int, seconds: Double, utilizationPercent: Double? = nil
    ) {
        switch reading {
        case .number(let watts):
            add(watts: watts, field: field, slot: slot, seconds: seconds, utilizationPercent: utilizationPercent)
        case .unavailable(let text):
            countInvalid(seconds.isNaN ? Self.implausibleTimeReason : text, field: field, slot: slot)
        case .unreadable:
            countInvalid(seconds.isNaN ? Self.implausibleTimeReason : "unreadable", field: field, slot: slot)
        }
    }

    /// Adds one power column's numeric reading of a row, as ``add(_:field:slot:seconds:utilizationPercent:)``.
    mutating func add(watts: Double, field: Int, slot: Int, seconds: Double, utilizationPercent: Double? = nil) {
        guard !seconds.isNaN else { return countInvalid(Self.implausibleTimeReason, field: field, slot: slot) }
        if let reason = options.rejection(ofWatts: watts, maximumWatts: slots[slot].maximumPlausibleWatts) {
            countInvalid(reason, field: field, slot: slot)
        } else {
            var isKept = false
            if slots[slot].keepsSamples[field] {
                isKept = retention.admit()
                slots[slot].keepsSamples[field] = isKept
            }
            let sample = PowerSample(
                seconds: seconds, watts: watts, utilizationPercent: utilizationPercent.map(Float.init) ?? .nan)
            slots[slot].queued[field].append((sample, isKept))
            queuedCount += 1
            if queuedCount >= Self.queueCapacity {
                if PowerLogReadingOptions.hasSecondCore && options.integratesBesideReading {
                    startIntegration()
                } else {
                    integrateQueued()
                }
            }
        }
    }

    /// Hands the queues, with their integrators, to another thread, once the integration before is back.
    private mutating func startIntegration() {
        finishIntegration()
        var work: [Work?] = []
        for slot in slots.indices {
            for field in slots[slot].integrators.indices where !slots[slot].queued[field].isEmpty {
                // Moved out, a placeholder left behind, so that the other thread holds the only reference.
                let integrator = slots[slot].integrators[field]
                slots[slot].integrators[field] = PowerIntegrator()
                let samples = slots[slot].queued[field]
                slots[slot].queued[field] = spareQueues.popLast() ?? []
                work.append((slot, field, integrator, samples))
            }
        }
        queuedCount = 0
        integration = BackgroundTask(consume work) { (work: consuming [Work?]) in
            var work = consume work
            for index in work.indices {
                // Taken out for its integration: a local integrator is integrated faster than one in the array.
                guard var item = work[index].take() else { continue }
                Self.integrate(&item.samples, into: &item.integrator)
                work[index] = item
            }
            return work
        }
    }

    /// Gives `samples` to `integrator` in order, and empties them, keeping their storage.
    static func integrate(_ samples: inout Samples, into integrator: inout PowerIntegrator) {
        for queued in samples { integrator.add(queued.sample, isKept: queued.isKept) }
        samples.removeAll(keepingCapacity: true)
    }

    /// Waits for the integration running, and puts its integrators back.
    private mutating func finishIntegration() {
        guard let integration = integration.take() else { return }
        for case let item? in integration.output() {
            slots[item.slot].integrators[item.field] = item.integrator
            spareQueues.append(item.samples)
        }
    }

    /// Integrates every queued sample, here, after the integration running.
    private mutating func integrateQueued() {
        finishIntegration()
        for slot in slots.indices {
            slots[slot].integrateQueued()
        }
        queuedCount = 0
    }

    /// Counts a reading left out of the energy, by why.
    private mutating func countInvalid(_ reason: String, field: Int, slot: Int) {
        slots[slot].invalidReasons[field][reason, default: 0] += 1
    }

    mutating func addUtilization(_ percent: Double, slot: Int) {
        if percent > slots[slot].maximumUtilization ?? -1 { slots[slot].maximumUtilization = percent }
    }

    mutating func countRow() { rowCount += 1 }

    /// The power column to use of columns with `validCounts` readings each: the most preferred one whose valid
    /// readings are at least half the best column's.
    private static func chosenField(_ validCounts: [Int]) -> Int? {
        guard let best = validCounts.max(), best > 0 else { return nil }
        return validCounts.firstIndex { $0 * 2 >= best }
    }

    /// The finished log, with the log's power column (chosen by the readings of all GPUs) and each GPU's trace from
    /// that column, or from the column chosen by its own readings when they differ (a GPU whose driver leaves
    /// `power.draw.average` `[N/A]` beside others that give it). When no column has a valid reading, the GPUs stay
    /// in the log with empty traces and the most preferred column's invalid readings, so that accounting can say
    /// why they have no energy.
    mutating func finished(path: String, format: SourceKind, encoding: InputEncoding) -> PowerLog {
        integrateQueued()
        let field = Self.chosenField(
            powerFields.indices.map { field in slots.reduce(0) { $0 + $1.integrators[field].sampleCount } })
        let reasonsField = field ?? (powerFields.isEmpty ? nil : 0)
        let gpus = slots.map { slot in
            let own = Self.chosenField(slot.integrators.map(\.sampleCount)) ?? field
            var series = PowerSeries(
                identity: slot.identity,
                // A log of local and zoned times together cannot be replayed by shifting its samples alike.
                trace: own.map { slot.integrators[$0].finished(keepingSamples: !(sawLocalTime && sawAbsoluteTime)) }
                    ?? PowerIntegrator().finished(),
                invalidReasons: (own ?? reasonsField).map { slot.invalidReasons[$0] } ?? [:],
                maximumUtilizationPercent: slot.maximumUtilization)
            if let own, own != field { series.powerField = powerFields[own] }
            return series
        }
        let clock: LogClock = sawLocalTime ? .local(options.zone) : .embedded
        return PowerLog(
            path: path, format: format, encoding: encoding, powerField: field.map { powerFields[$0] }, clock: clock,
            dataRowCount: rowCount, gpus: reasonsField == nil ? [] : gpus,
            ambiguousTimeCount: ambiguousTimeCount, nonexistentTimeCount: nonexistentTimeCount,
            implausibleTimes: RejectedValues(
                count: implausibleTimeCount,
                firstLocation: InputLocation(path: path, line: firstImplausibleTimeLine)))
    }
}

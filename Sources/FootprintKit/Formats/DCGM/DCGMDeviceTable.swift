/// The GPUs of one DCGM log as it streams: each GPU's ``EnergyCounterIntegrator``, invalid readings and highest
/// utilization, keyed by identity, and the clock its rows are put on. Shared by the three DCGM readers.
struct DCGMDeviceTable {
    /// A log with more distinct GPUs than this is taken to be misread.
    static let maximumGPUs = 1024

    private struct Device {
        var identity: DeviceID
        var integrator: EnergyCounterIntegrator
        var invalidReasons: [String: Int] = [:]
        var maximumUtilization: Double?
        /// Where the first counter reset was, for the finding.
        var firstResetLocation: InputLocation?
    }

    private let options: PowerLogReadingOptions
    private var resolver: LocalTimeResolver
    private var devices: [Device] = []
    private var indexByKey: [String: Int] = [:]
    private var latestUTC: Double?
    private(set) var sawLocalTime = false
    private(set) var tooManyGPUs = false
    /// Readings dated outside ``PlausibleTime``.
    private(set) var implausibleTimes = RejectedValues()

    init(options: PowerLogReadingOptions) {
        self.options = options
        resolver = LocalTimeResolver(zone: options.zone)
    }

    var isEmpty: Bool { devices.isEmpty }

    /// The UTC seconds of `timestamp`; nil, counted, when it is outside ``PlausibleTime``.
    mutating func utc(of timestamp: LogTimestamp, at location: @autoclosure () -> InputLocation) -> Double? {
        let seconds: Double
        switch timestamp {
        case .local(let local):
            sawLocalTime = true
            guard PlausibleTime.contains(local) else {
                implausibleTimes.note(at: location())
                return nil
            }
            seconds = resolver.utc(fromLocal: local, previousUTC: latestUTC)
        case .absolute(let absolute):
            guard PlausibleTime.contains(absolute) else {
                implausibleTimes.note(at: location())
                return nil
            }
            seconds = absolute
        }
        if seconds > latestUTC ?? -.infinity { latestUTC = seconds }
        return seconds
    }

    /// The index of the GPU keyed `key`, created with `makeIdentity()` when new; nil past ``maximumGPUs``.
    mutating func device(forKey key: String, makeIdentity: () -> DeviceID) -> Int? {
        if let index = indexByKey[key] { return index }
        guard devices.count < Self.maximumGPUs else {
            tooManyGPUs = true
            return nil
        }
        devices.append(
            Device(
                identity: makeIdentity(),
                integrator: EnergyCounterIntegrator(
                    boundaries: options.boundaries, gapThresholdSeconds: options.gapThresholdSeconds)))
        indexByKey[key] = devices.count - 1
        return devices.count - 1
    }

    /// Adds a power reading (a number in watts, or why there is none).
    mutating func addPower(_ reading: FieldReading, device: Int, seconds: Double, utilizationPercent: Double?) {
        switch reading {
        case .number(let watts) where watts >= DCGMField.blankSentinel:
            devices[device].invalidReasons["blank", default: 0] += 1
        case .number(let watts):
            if let reason = options.rejection(ofWatts: watts, maximumWatts: options.maximumPlausibleWatts) {
                devices[device].invalidReasons[reason, default: 0] += 1
            } else {
                devices[device].integrator.addPower(
                    seconds: seconds, watts: watts, utilizationPercent: utilizationPercent.map(Float.init) ?? .nan)
            }
        case .unavailable(let text):
            devices[device].invalidReasons[text == "empty" ? "blank" : text, default: 0] += 1
        case .unreadable:
            devices[device].invalidReasons["unreadable", default: 0] += 1
        }
    }

    /// Adds an energy counter reading in millijoules; blanks, sentinels and negative values are left out.
    mutating func addCounter(
        _ reading: FieldReading, device: Int, seconds: Double, at location: @autoclosure () -> InputLocation
    ) {
        guard case .number(let millijoules) = reading, millijoules.isFinite, millijoules >= 0,
            millijoules < DCGMField.blankSentinel
        else { return }
        if !devices[device].integrator.addCounter(seconds: seconds, millijoules: millijoules),
            devices[device].firstResetLocation == nil
        {
            devices[device].firstResetLocation = location()
        }
    }

    mutating func addUtilization(_ reading: FieldReading, device: Int) {
        guard case .number(let percent) = reading, percent.isFinite, percent < DCGMField.blankSentinel else { return }
        if percent > devices[device].maximumUtilization ?? -1 { devices[device].maximumUtilization = percent }
    }

    /// The finished log; findings for counter resets, and the power trapezoid beside each counter's energy.
    func finished(
        path: String, format: SourceKind, encoding: InputEncoding, powerField: String?, counterField: String,
        dataRowCount: Int, findings: inout FindingLog
    ) -> PowerLog {
        var gpus: [PowerSeries] = []
        for device in devices {
            let integrator = device.integrator
            let label = device.identity.label
            if integrator.resetCount > 0 {
                findings.add(
                    Finding(
                        .warning, .energyCounterReset,
                        "GPU \(label): the energy counter \(counterField) went down \(integrator.resetCount) time\(integrator.resetCount == 1 ? "" : "s") (a reset, the first here); the energy of each interval across a reset is not counted",
                        location: device.firstResetLocation ?? InputLocation(path: path)))
            }
            if integrator.readingCount > 1, !integrator.usesCounter {
                findings.add(
                    Finding(
                        .warning, .energyCounter,
                        "GPU \(label): the energy counter \(counterField) spans \(ReportFormatting.duration(integrator.counterSpanSeconds)) of the power readings' \(ReportFormatting.duration(integrator.powerSpanSeconds)) (missing at the start or end); energy from \(powerField ?? "power") integrated (trapezoid) instead",
                        location: InputLocation(path: path)))
            }
            if integrator.usesCounter {
                let trapezoid =
                    integrator.powerJoules.map { joules in
                        let difference =
                            integrator.joules > 0
                            ? " (\(joules >= integrator.joules ? "+" : "")\(ReportFormatting.fixed(100 * (joules - integrator.joules) / integrator.joules, 2)) %)"
                            : ""
                        return
                            "; \(powerField ?? "power") integrated (trapezoid) \(ReportFormatting.fixed(joules, 1)) J\(difference)"
                    } ?? "; no power readings to compare"
                findings.add(
                    Finding(
                        .note, .energyCounter,
                        "GPU \(label): energy from the counter \(counterField), \(ReportFormatting.fixed(integrator.joules, 1)) J over \(integrator.readingCount) readings\(trapezoid)",
                        location: InputLocation(path: path)))
            }
            gpus.append(
                PowerSeries(
                    identity: device.identity, trace: integrator.finished(), invalidReasons: device.invalidReasons,
                    maximumUtilizationPercent: device.maximumUtilization,
                    powerIntegralJoules: integrator.usesCounter ? integrator.powerJoules : nil))
        }
        var log = PowerLog(
            path: path, format: format, encoding: encoding, powerField: powerField,
            clock: sawLocalTime ? .local(options.zone) : .embedded, dataRowCount: dataRowCount, gpus: gpus,
            ambiguousTimeCount: resolver.ambiguousCount, nonexistentTimeCount: resolver.nonexistentCount,
            implausibleTimes: implausibleTimes)
        // A log is counter-based when every GPU with readings has its energy from the counter.
        let measured = devices.filter { $0.integrator.readingCount > 0 || $0.integrator.powerSampleCount > 0 }
        let countsEnergy = !measured.isEmpty && measured.allSatisfy { $0.integrator.usesCounter }
        log.energyCounterField = countsEnergy ? counterField : nil
        if tooManyGPUs {
            findings.add(
                Finding(
                    .warning, .inputLimit, "more than \(Self.maximumGPUs) GPUs; the others are not read",
                    location: InputLocation(path: path)))
        }
        return log
    }
}

/// Turns the GPU power samples of a W&B file into a ``PowerLog`` through the same ``PowerRowAccumulator`` (and
/// ``PowerIntegrator``) path as the nvidia-smi readers, one ``PowerSeries`` per GPU index. Times are epoch
/// seconds; each sample is located by record (binary) or line (text) for the findings.
struct WandBPowerAccumulator {
    private let displayPath: String
    private var accumulator: PowerRowAccumulator
    private var firstImplausible: InputLocation?
    private var indexScratch: [UInt8] = []

    /// - Parameter powerField: the power key the samples come from, shown as the log's power field.
    init(powerField: String, displayPath: String, options: PowerLogReadingOptions) {
        self.displayPath = displayPath
        accumulator = PowerRowAccumulator(powerFields: [powerField], options: options)
    }

    /// Counts one record or row that held GPU power.
    mutating func countRow() { accumulator.countRow() }

    /// Adds GPU `index`'s reading at epoch `seconds`, found at `location`.
    mutating func add(index: ByteView, reading: FieldReading, seconds: Double, location: InputLocation) {
        let utc = accumulator.utc(of: .absolute(seconds), line: location.line ?? 0)
        if utc.isNaN, firstImplausible == nil { firstImplausible = location }
        let slot = accumulator.slotIndex(forKey: index) { DeviceID(index: String(decoding: index, as: UTF8.self)) }
        guard let slot else { return }
        accumulator.add(reading, field: 0, slot: slot, seconds: utc)
    }

    /// Whether any GPU had a power key.
    var hasGPUs: Bool { !accumulator.slots.isEmpty }

    /// Whether a GPU past ``PowerRowAccumulator/maximumGPUs`` was left out.
    var tooManyGPUs: Bool { accumulator.tooManyGPUs }

    /// The log, its GPUs sorted by index.
    mutating func finished(encoding: InputEncoding) -> PowerLog {
        var log = accumulator.finished(path: displayPath, format: .wandb, encoding: encoding)
        log.gpus.sort { (Int($0.identity.index ?? "") ?? .max) < (Int($1.identity.index ?? "") ?? .max) }
        if let firstImplausible {
            log.implausibleTimes = RejectedValues(count: log.implausibleTimes.count, firstLocation: firstImplausible)
        }
        return log
    }
}

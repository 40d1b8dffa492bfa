/// Reads a legacy W&B system-metrics stream (`wandb-events.jsonl`, plain or gzip) into GPU power traces,
/// streaming.
///
/// Accepts one JSON object per line with `_timestamp` (epoch seconds, integer or fractional) and
/// `system.gpu.{i}.powerWatts`; every other key (`system.gpu.process.{i}.*`, CPU, disk, network, `_runtime`) is
/// skipped. A line that is not such an object, or has no `_timestamp`, is skipped with a warning naming it.
enum WandBEventsReader {
    private static let timestampKey = Array("_timestamp".utf8)

    /// Reads the file at `path`.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or read.
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog {
        var power = WandBPowerAccumulator(
            powerField: "system.gpu.N.powerWatts", displayPath: displayPath, options: options)
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) { line, findings in
            let bytes = line.bytes
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return true }
            var seconds: FieldReading?
            var gpus: [(key: ByteView, digits: Range<Int>, value: ByteView)] = []
            let wellFormed = FlatJSONObject.forEachMember(bytes) { key, value in
                if key.elementsEqual(timestampKey) {
                    seconds = WandBValue.reading(value)
                } else if let digits = WandBPowerKey.indexRange(in: key, prefix: WandBPowerKey.systemPrefix) {
                    gpus.append((key, digits, value))
                }
            }
            let location = InputLocation(path: displayPath, line: line.number)
            guard wellFormed, case .number(let time)? = seconds else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        wellFormed ? "line has no _timestamp; skipped" : "line is not a JSON object; skipped",
                        location: location),
                    kind: "wandb-line-\(displayPath)", summary: "unreadable lines in \(displayPath)")
                return true
            }
            guard !gpus.isEmpty else { return true }
            power.countRow()
            for gpu in gpus {
                power.add(
                    index: gpu.key.extracting(gpu.digits), reading: WandBValue.reading(gpu.value), seconds: time,
                    location: location)
            }
            return true
        }
        return power.finished(encoding: encoding)
    }
}

/// Reads a W&B run file (`run-<id>.wandb`, plain or gzip) into GPU power traces, streaming.
///
/// Accepts the transaction log that every SDK writes (``WandBLogReader`` walks the framing); of its protobuf
/// `Record`s it reads, with ``ProtobufWireReader`` and skipping every other field:
/// - `stats` (7): `timestamp` (epoch seconds and nanoseconds) and the items `gpu.{i}.powerWatts` (watts as JSON
///   text), whether the SDK wrote one record per tick with every key (≤ 0.16) or one record per asset per tick
///   (≥ 0.18); `gpu.process.{i}.*` repeats are left out;
/// - `run` (17): run id, host, and the SDK version of its telemetry; `header` (21): the SDK version;
/// - `environment` (26): host, GPU model and count, each NVIDIA GPU's name.
///
/// A record that is not a valid protobuf is skipped with a warning naming its index and byte offset.
enum WandBRunFileReader {
    /// Reads the file at `path`; what it says about its run goes into `info`.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or is not a transaction log.
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, info: inout WandBRunInfo,
        findings: inout FindingLog
    ) throws(FootprintError) -> (log: PowerLog, statsRecords: Int) {
        let (stream, encoding) = try InputOpener.open(path: path, limits: options.limits)
        let reader = WandBLogReader(
            stream: stream, displayPath: displayPath, maximumRecordBytes: options.limits.maximumRecordBytes)
        var power = WandBPowerAccumulator(
            powerField: "gpu.N.powerWatts", displayPath: displayPath, options: options)
        var statsRecords = 0
        try reader.forEachRecord(findings: &findings) { payload, index, offset, findings in
            var record = ProtobufWireReader(payload)
            var intact = true
            while let field = record.nextField() {
                switch (field.number, field.wireType) {
                case (7, .lengthDelimited):
                    guard let stats = record.lengthDelimited() else { break }
                    statsRecords &+= 1
                    intact =
                        readStats(
                            stats, location: InputLocation(path: displayPath, record: index, byteOffset: offset),
                            into: &power) && intact
                case (17, .lengthDelimited):
                    if let run = record.lengthDelimited() { readRun(run, into: &info) }
                case (21, .lengthDelimited):
                    if let header = record.lengthDelimited() { readHeader(header, into: &info) }
                case (26, .lengthDelimited):
                    if let environment = record.lengthDelimited() { readEnvironment(environment, into: &info) }
                default:
                    record.skip(field.wireType)
                }
            }
            guard record.isMalformed || !intact else { return }
            findings.add(
                Finding(
                    .warning, .inputDamaged,
                    "record is not a valid W&B Record protobuf; read up to the damage, the rest of it skipped",
                    location: InputLocation(path: displayPath, record: index, byteOffset: offset)),
                kind: "wandb-decode-\(displayPath)", summary: "undecodable records in \(displayPath)")
        }
        for note in stream.notes {
            findings.add(Finding(.warning, .inputDamaged, note, location: InputLocation(path: displayPath)))
        }
        return (power.finished(encoding: encoding), statsRecords)
    }

    /// A `StatsRecord`: its time, then each GPU's power item.
    ///
    /// - Returns: false when the record is not a valid protobuf (the items before the damage were read).
    private static func readStats(
        _ bytes: ByteView, location: InputLocation, into power: inout WandBPowerAccumulator
    ) -> Bool {
        var seconds: Double?
        var fields = ProtobufWireReader(bytes)
        while let field = fields.nextField() {
            guard field.number == 2, field.wireType == .lengthDelimited else {
                fields.skip(field.wireType)
                continue
            }
            if let timestamp = fields.lengthDelimited() { seconds = Self.seconds(timestamp) }
        }
        guard let seconds else { return !fields.isMalformed }
        var counted = false
        var items = ProtobufWireReader(bytes)
        while let field = items.nextField() {
            guard field.number == 3, field.wireType == .lengthDelimited else {
                items.skip(field.wireType)
                continue
            }
            guard let item = items.lengthDelimited() else { return false }
            var key: ByteView?
            var value: ByteView?
            var parts = ProtobufWireReader(item)
            while let part = parts.nextField() {
                switch (part.number, part.wireType) {
                case (1, .lengthDelimited): key = parts.lengthDelimited()
                case (16, .lengthDelimited): value = parts.lengthDelimited()
                default: parts.skip(part.wireType)
                }
            }
            guard let key, let value,
                let digits = WandBPowerKey.indexRange(in: key, prefix: WandBPowerKey.runFilePrefix)
            else { continue }
            if !counted {
                power.countRow()
                counted = true
            }
            power.add(
                index: key.extracting(digits), reading: WandBValue.reading(value), seconds: seconds, location: location)
        }
        return !fields.isMalformed && !items.isMalformed
    }

    /// A `google.protobuf.Timestamp` as epoch seconds; nil when it has no seconds.
    private static func seconds(_ bytes: ByteView) -> Double? {
        var reader = ProtobufWireReader(bytes)
        var seconds: Int64?
        var nanos: Int64 = 0
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .varint): seconds = reader.varint().map { Int64(bitPattern: $0) }
            case (2, .varint):
                nanos = reader.varint().map { Int64(truncatingIfNeeded: Int32(truncatingIfNeeded: $0)) } ?? 0
            default: reader.skip(field.wireType)
            }
        }
        return seconds.map { Double($0) + Double(nanos) / 1e9 }
    }

    /// A `RunRecord`: run id (1), host (13), telemetry (19) with the SDK version (5).
    private static func readRun(_ bytes: ByteView, into info: inout WandBRunInfo) {
        var reader = ProtobufWireReader(bytes)
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): info.runID = info.runID ?? reader.lengthDelimited().flatMap(text)
            case (13, .lengthDelimited):
                if let host = reader.lengthDelimited().flatMap(text), info.host == nil {
                    info.host = host
                    info.sources.append("run record")
                }
            case (19, .lengthDelimited):
                guard let telemetry = reader.lengthDelimited() else { break }
                var inner = ProtobufWireReader(telemetry)
                while let part = inner.nextField() {
                    if part.number == 5, part.wireType == .lengthDelimited {
                        info.sdkVersion = info.sdkVersion ?? inner.lengthDelimited().flatMap(text)
                    } else {
                        inner.skip(part.wireType)
                    }
                }
            default: reader.skip(field.wireType)
            }
        }
    }

    /// A `HeaderRecord`: `version_info` (1) with the producer (1).
    private static func readHeader(_ bytes: ByteView, into info: inout WandBRunInfo) {
        var reader = ProtobufWireReader(bytes)
        while let field = reader.nextField() {
            guard field.number == 1, field.wireType == .lengthDelimited, let version = reader.lengthDelimited() else {
                reader.skip(field.wireType)
                continue
            }
            var inner = ProtobufWireReader(version)
            while let part = inner.nextField() {
                if part.number == 1, part.wireType == .lengthDelimited, let producer = inner.lengthDelimited() {
                    info.sdkVersion = text(producer)
                } else {
                    inner.skip(part.wireType)
                }
            }
        }
    }

    /// An `EnvironmentRecord`: host (12), GPU model (18) and count (19), and each NVIDIA GPU's name (24 → 1).
    private static func readEnvironment(_ bytes: ByteView, into info: inout WandBRunInfo) {
        var environment = WandBRunInfo()
        var reader = ProtobufWireReader(bytes)
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (12, .lengthDelimited): environment.host = reader.lengthDelimited().flatMap(text)
            case (18, .lengthDelimited): environment.gpuModel = reader.lengthDelimited().flatMap(text)
            case (19, .varint): environment.gpuCount = reader.varint().map { Int(truncatingIfNeeded: $0) }
            case (24, .lengthDelimited):
                guard let gpu = reader.lengthDelimited() else { break }
                var inner = ProtobufWireReader(gpu)
                var name: String?
                while let part = inner.nextField() {
                    if part.number == 1, part.wireType == .lengthDelimited {
                        name = inner.lengthDelimited().flatMap(text)
                    } else {
                        inner.skip(part.wireType)
                    }
                }
                if let name, environment.gpuNames.count < PowerRowAccumulator.maximumGPUs {
                    environment.gpuNames.append(name)
                }
            default: reader.skip(field.wireType)
            }
        }
        // The environment is written once per writer (twice in some runs): the first complete one is kept.
        info.complete(from: environment, source: "environment record")
    }

    /// A string field's text; nil when empty or not UTF-8.
    private static func text(_ bytes: ByteView) -> String? {
        guard !bytes.isEmpty, bytes.count <= 4096 else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}

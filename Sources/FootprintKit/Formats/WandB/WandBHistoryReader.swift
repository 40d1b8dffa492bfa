/// Reads the training history of a W&B run file (`run-<id>.wandb`): the metrics the run logged, as the scalar
/// tags of an ``EventFile``, so that a run without TensorBoard files still has a training timeline.
///
/// Each `history` record (Record field 2) is one step: `_step` (or the record's `step.num`) is its step,
/// `_timestamp` (Unix seconds) its wall time, and every other item whose value is a number (`loss`,
/// `train/loss`, …) a point of the tag of that name; W&B's own `_runtime`, `_wandb` and keys starting with `_`
/// are not metrics. A step without a plausible `_timestamp` has no point. Damage is the power reading's to
/// report (``WandBRunFileReader`` reads the same file): here it only ends or skips what it hides.
enum WandBHistoryReader {
    private static let stepKey = Array("_step".utf8)
    private static let timestampKey = Array("_timestamp".utf8)

    /// The run's history as an event file; nil when the file has no history with numeric metrics.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or is not a transaction log.
    static func read(path: String, displayPath: String, limits: InputLimits) throws(FootprintError) -> EventFile? {
        let (stream, _) = try InputOpener.open(path: path, limits: limits)
        let reader = WandBLogReader(
            stream: stream, displayPath: displayPath, maximumRecordBytes: limits.maximumRecordBytes)
        var file = EventFile(path: path, displayPath: displayPath)
        var tagIndices: [String: Int] = [:]
        var pointCount = 0
        var ignored = FindingLog()
        try reader.forEachRecord(findings: &ignored) { payload, _, _, _ in
            var record = ProtobufWireReader(payload)
            while let field = record.nextField() {
                guard field.number == 2, field.wireType == .lengthDelimited, let history = record.lengthDelimited()
                else {
                    record.skip(field.wireType)
                    continue
                }
                guard let step = Self.step(history) else { continue }
                file.eventCount &+= 1
                if file.firstWallTime == nil { file.firstWallTime = step.wallTime }
                file.lastWallTime = step.wallTime
                forEachMetric(history) { name, value in
                    guard let index = file.scalarTagIndex(named: name, indices: &tagIndices),
                        pointCount < EventDecoder.maximumPoints
                    else { return }
                    pointCount &+= 1
                    file.addScalar(tag: index, step: step.number, wallTime: step.wallTime, value: value)
                }
            }
        }
        return file.tags.contains(where: \.isScalar) ? file : nil
    }

    /// A history record's step number and wall time; nil without a plausible `_timestamp` or step.
    private static func step(_ history: ByteView) -> (number: Int64, wallTime: Double)? {
        var number: Int64?
        var wallTime: Double?
        forEachItem(history) { key, value in
            if key.elementsEqual(stepKey), case .number(let step) = WandBValue.reading(value),
                step.rounded() == step, abs(step) <= Double(EventDecoder.plausibleSteps.upperBound)
            {
                number = Int64(step)
            } else if key.elementsEqual(timestampKey), case .number(let seconds) = WandBValue.reading(value),
                PlausibleTime.contains(seconds)
            {
                wallTime = seconds
            }
        }
        if number == nil {
            var reader = ProtobufWireReader(history)
            while let field = reader.nextField() {
                guard field.number == 2, field.wireType == .lengthDelimited, let step = reader.lengthDelimited() else {
                    reader.skip(field.wireType)
                    continue
                }
                var inner = ProtobufWireReader(step)
                while let part = inner.nextField() {
                    guard part.number == 1, part.wireType == .varint, let value = inner.varint() else {
                        inner.skip(part.wireType)
                        continue
                    }
                    let signed = Int64(bitPattern: value)
                    if EventDecoder.plausibleSteps.contains(signed) { number = signed }
                }
            }
        }
        guard let number, let wallTime else { return nil }
        return (number, wallTime)
    }

    /// Calls `body` with each metric of a history record: a numeric item whose key does not start with `_`.
    private static func forEachMetric(_ history: ByteView, _ body: (String, Double) -> Void) {
        forEachItem(history) { key, value in
            guard !key.isEmpty, key[0] != UInt8(ascii: "_"), case .number(let number) = WandBValue.reading(value),
                number.isFinite, let name = String(validating: key, as: UTF8.self)
            else { return }
            body(name, number)
        }
    }

    /// Calls `body` with each `HistoryItem`'s key (its `nested_key` parts joined by `/` when it has no key) and
    /// value text.
    private static func forEachItem(_ history: ByteView, _ body: (ByteView, ByteView) -> Void) {
        var reader = ProtobufWireReader(history)
        while let field = reader.nextField() {
            guard field.number == 1, field.wireType == .lengthDelimited, let item = reader.lengthDelimited() else {
                reader.skip(field.wireType)
                continue
            }
            var key: ByteView?
            var nested: [UInt8] = []
            var value: ByteView?
            var parts = ProtobufWireReader(item)
            while let part = parts.nextField() {
                switch (part.number, part.wireType) {
                case (1, .lengthDelimited): key = parts.lengthDelimited()
                case (2, .lengthDelimited):
                    guard let piece = parts.lengthDelimited() else { break }
                    if !nested.isEmpty { nested.append(UInt8(ascii: "/")) }
                    nested.append(contentsOf: piece)
                case (16, .lengthDelimited): value = parts.lengthDelimited()
                default: parts.skip(part.wireType)
                }
            }
            guard let value else { continue }
            if let key, !key.isEmpty {
                body(key, value)
            } else if !nested.isEmpty {
                nested.withByteView { body($0, value) }
            }
        }
    }
}

internal import Foundation

/// Decodes `Event` protobufs (field numbers in FORMATS.md §3) into an ``EventFile``'s counts and scalar series.
struct EventDecoder {
    /// Tags kept per file; values of further tags are counted in ``overflowValueCount`` only (hostile input).
    static let maximumTags = 100_000
    /// Scalar points kept per file (24 bytes each); further points are counted only.
    static let maximumPoints = 50_000_000
    /// Points a series holds before its growth is foreseen from the share of the file read (before, it doubles).
    /// Not a power of two: an array's capacity is what `malloc` gives, a little under or over one.
    private static let pointsBeforeForesight = 1000
    /// The room foreseen for a series is its points so far over the share of the file read, and this much more.
    private static let foresightHeadroom = 1.0625

    private(set) var tags: [EventTag] = []
    private(set) var overflowValueCount = 0
    private var pointCount = 0
    /// Tag bytes by FNV-1a hash, so that a tag's String is made once, not once per value.
    private var tagIndexByHash: [UInt64: [Int]] = [:]
    private var tagBytes: [[UInt8]] = []
    /// The tag read last: writers log tags in a cycle (with evaluation tags now and then), so the tag that
    /// followed it the last time is checked first.
    private var lastTagIndex = -1
    /// For each tag, the tag read after it the last time (-1 before one was).
    private var successors: [Int] = []
    /// How much of the file has been read, to foresee how many points a series will hold.
    private let progress: ReadProgress
    /// The room for points given to series by foresight, in all.
    private var foreseenRoom = 0

    /// A decoder whose series grow by what `progress` foresees.
    init(progress: ReadProgress) {
        self.progress = progress
    }

    /// Steps whose values are kept: within ±2⁵³, where every step is exact as a Double and any two differ by less
    /// than `Int64.max` (a step counter at a million steps a second takes 285 years to get there).
    static let plausibleSteps: ClosedRange<Int64> = -(1 << 53)...(1 << 53)

    /// Decodes one record (index `record`, at `byteOffset`) into `file`; false when it is not a well-formed Event.
    mutating func decode(event data: ByteView, record: Int, byteOffset: Int, into file: inout EventFile) -> Bool {
        let recordEnd = byteOffset + data.count + TFRecordReader.framingBytes
        if let event = Self.simpleScalarEvent(data) {
            let valuesWallTime = count(
                wallTime: event.wallTime, step: event.step, sessionStatus: nil, hasSummary: true, record: record,
                byteOffset: byteOffset, into: &file)
            account(
                SummaryValueFields(tag: event.tag, simpleValue: event.value), step: event.step,
                wallTime: valuesWallTime, recordEnd: recordEnd)
            return true
        }
        var reader = ProtobufWireReader(data)
        var wallTime = 0.0
        var step: Int64 = 0
        var summary: ByteView?
        var sessionStatus: UInt64?
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .fixed64):
                guard let bits = reader.fixed64() else { return false }
                wallTime = Double(bitPattern: bits)
            case (2, .varint):
                guard let value = reader.varint() else { return false }
                step = Int64(bitPattern: value)
            case (3, .lengthDelimited):
                guard let bytes = reader.lengthDelimited() else { return false }
                file.fileVersion = String(decoding: bytes, as: UTF8.self)
            case (4, .lengthDelimited), (9, .lengthDelimited):
                guard reader.skip(field.wireType) else { return false }
                file.graphCount += 1
            case (5, .lengthDelimited):
                summary = reader.lengthDelimited()
            case (6, .lengthDelimited):
                guard reader.skip(field.wireType) else { return false }
                file.logMessageCount += 1
            case (7, .lengthDelimited):
                guard let bytes = reader.lengthDelimited() else { return false }
                file.sessionLogCount += 1
                sessionStatus = Self.sessionStatus(bytes) ?? 0
            case (8, .lengthDelimited):
                guard reader.skip(field.wireType) else { return false }
                file.runMetadataCount += 1
            case (10, .lengthDelimited):
                guard let bytes = reader.lengthDelimited() else { return false }
                file.writer = Self.firstString(bytes)
            default:
                guard reader.skip(field.wireType) else { return false }
            }
        }
        guard !reader.isMalformed else { return false }
        let valuesWallTime = count(
            wallTime: wallTime, step: step, sessionStatus: sessionStatus, hasSummary: summary != nil, record: record,
            byteOffset: byteOffset, into: &file)
        guard let summary else { return true }
        var summaryReader = ProtobufWireReader(summary)
        while let field = summaryReader.nextField() {
            guard field.number == 1, field.wireType == .lengthDelimited else {
                guard summaryReader.skip(field.wireType) else { return false }
                continue
            }
            guard let value = summaryReader.lengthDelimited(), let fields = Self.valueFields(value) else {
                return false
            }
            account(fields, step: step, wallTime: valuesWallTime, recordEnd: recordEnd)
        }
        return !summaryReader.isMalformed
    }

    /// A record in the layout tensorboardX and PyTorch's `SummaryWriter` write for a scalar, and nothing else:
    /// `wall_time` and `step` (each left out when 0), then a summary of one value holding a tag and a
    /// `simple_value`, in that order. It means what the general walk of ``decode(event:record:byteOffset:into:)``
    /// reads in it, which it is spared; nil for any other record.
    private static func simpleScalarEvent(
        _ data: ByteView
    ) -> (wallTime: Double, step: Int64, tag: ByteView, value: Float)? {
        var event = ProtobufWireReader(data)
        var wallTime = 0.0
        var step: Int64 = 0
        if event.take(key: 0x09) {
            guard let bits = event.fixed64() else { return nil }
            wallTime = Double(bitPattern: bits)
        }
        if event.take(key: 0x10) {
            guard let value = event.varint() else { return nil }
            step = Int64(bitPattern: value)
        }
        guard event.take(key: 0x2a), let summaryBytes = event.lengthDelimited(), event.isAtEnd else { return nil }
        var summary = ProtobufWireReader(summaryBytes)
        guard summary.take(key: 0x0a), let valueBytes = summary.lengthDelimited(), summary.isAtEnd else { return nil }
        var value = ProtobufWireReader(valueBytes)
        guard value.take(key: 0x0a), let tag = value.lengthDelimited(), value.take(key: 0x15),
            let bits = value.fixed32(), value.isAtEnd
        else { return nil }
        return (wallTime, step, tag, Float(bitPattern: bits))
    }

    /// Counts an event in `file`: its wall time and step, checked, and its session status.
    ///
    /// - Returns: the wall time the event's summary values are read with: nil when there is no summary, or when
    ///   the wall time or the step is not valid (the values are then counted, not kept as points).
    private mutating func count(
        wallTime: Double, step: Int64, sessionStatus: UInt64?, hasSummary: Bool, record: Int, byteOffset: Int,
        into file: inout EventFile
    ) -> Double? {
        file.eventCount += 1
        let wallTimeIsValid = PlausibleTime.contains(wallTime)
        let stepIsValid = Self.plausibleSteps.contains(step)
        if wallTimeIsValid {
            if file.firstWallTime == nil { file.firstWallTime = wallTime }
            file.lastWallTime = wallTime
        }
        if sessionStatus == 1 && stepIsValid {
            file.sessionStartSteps.append(step)
            for index in tags.indices { file.supersededCount += tags[index].series.removePoints(fromStep: step) }
        }
        guard hasSummary else { return nil }
        let location = InputLocation(path: file.displayPath, record: record, byteOffset: byteOffset)
        if !wallTimeIsValid { file.invalidWallTimes.note(at: location) }
        if !stepIsValid { file.invalidSteps.note(at: location) }
        return wallTimeIsValid && stepIsValid ? wallTime : nil
    }

    /// The fields of a `Summary.Value` that the accounting reads.
    private struct SummaryValueFields {
        var tag: ByteView?
        var simpleValue: Float?
        var legacyKind: SummaryValueKind?
        var tensor: ByteView?
        var metadata: ByteView?
    }

    /// The fields of the `Summary.Value` in `data`; nil when it is malformed.
    private static func valueFields(_ data: ByteView) -> SummaryValueFields? {
        var reader = ProtobufWireReader(data)
        var fields = SummaryValueFields()
        while let field = reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): fields.tag = reader.lengthDelimited()
            case (2, .fixed32):
                guard let bits = reader.fixed32() else { return nil }
                fields.simpleValue = Float(bitPattern: bits)
            case (3, .lengthDelimited), (5, .lengthDelimited):
                fields.legacyKind = .histogram
                guard reader.skip(field.wireType) else { return nil }
            case (4, .lengthDelimited):
                fields.legacyKind = .image
                guard reader.skip(field.wireType) else { return nil }
            case (6, .lengthDelimited):
                fields.legacyKind = .audio
                guard reader.skip(field.wireType) else { return nil }
            case (8, .lengthDelimited): fields.tensor = reader.lengthDelimited()
            case (9, .lengthDelimited): fields.metadata = reader.lengthDelimited()
            default:
                guard reader.skip(field.wireType) else { return nil }
            }
        }
        return reader.isMalformed ? nil : fields
    }

    /// Accounts a `Summary.Value`: its tag, what it carries and, for scalars, the point. `recordEnd` is where its
    /// record ends in the file's content.
    private mutating func account(_ value: SummaryValueFields, step: Int64, wallTime: Double?, recordEnd: Int) {
        guard let index = tagIndex(value.tag ?? ByteView()) else {
            overflowValueCount += 1
            return
        }
        if tags[index].plugin == nil, let metadata = value.metadata, let plugin = Self.pluginName(metadata: metadata) {
            tags[index].plugin = plugin
        }
        let kind: SummaryValueKind
        var point: Double?
        if let simpleValue = value.simpleValue {
            kind = .scalar
            point = Double(simpleValue)
            tags[index].simpleValueCount += 1
        } else if let legacyKind = value.legacyKind {
            kind = legacyKind
        } else if let tensor = value.tensor {
            switch tags[index].plugin {
            case "scalars":
                if let scalar = TensorScalar.value(tensorProto: tensor) {
                    kind = .scalar
                    point = scalar
                    tags[index].tensorScalarCount += 1
                } else {
                    kind = .tensor
                }
            case "histograms": kind = .histogram
            case "images": kind = .image
            case "audio": kind = .audio
            case "text": kind = .text
            case "hparams": kind = .hparams
            default: kind = .tensor
            }
        } else {
            kind = tags[index].plugin == "hparams" ? .hparams : .metadataOnly
        }
        tags[index].countsByKind[kind.order] += 1
        if let point, let wallTime {
            guard pointCount < Self.maximumPoints else {
                overflowValueCount += 1
                return
            }
            pointCount += 1
            if tags[index].series.count == tags[index].series.capacity {
                makeRoom(inSeries: index, recordEnd: recordEnd)
            }
            tags[index].series.append(step: step, wallTime: wallTime, value: point)
        }
    }

    /// Grows a full series at once to the points the share of the file read so far (up to `recordEnd` of its
    /// content) foresees for it.
    ///
    /// Doubling, the default, copies every point about once more into fresh memory, and the page faults of that
    /// memory are much of the cost of reading a large file. A jump is taken only when it goes beyond doubling, so
    /// an estimate that falls short costs what doubling does. The room given this way to all series of the file
    /// together is at most twice the points foreseen for the whole file (doubling's own slack) and at most
    /// ``maximumPoints``, which a file may fill anyway: a log whose tags stop early, or a hostile one, reserves no
    /// more than that, and room never written costs address space, not memory.
    private mutating func makeRoom(inSeries index: Int, recordEnd: Int) {
        let count = tags[index].series.count
        guard count >= Self.pointsBeforeForesight, let fraction = progress.fraction(before: recordEnd) else { return }
        let foreseen = Double(count) / fraction * Self.foresightHeadroom
        let bound = min(2 * Double(pointCount) / fraction, Double(Self.maximumPoints))
        let room = min(foreseen - Double(count), bound - Double(foreseenRoom))
        guard room > Double(count) else { return }
        tags[index].series.reserveCapacity(count + Int(room))
        foreseenRoom += Int(room)
    }

    /// The index of the tag with these bytes, adding it when new; nil when a new tag is over the limit.
    private mutating func tagIndex(_ bytes: ByteView) -> Int? {
        if lastTagIndex >= 0 {
            let next = successors[lastTagIndex]
            if next >= 0 && bytes.equals(tagBytes[next]) {
                lastTagIndex = next
                return next
            }
        }
        guard let index = lookUpTag(bytes) else { return nil }
        if lastTagIndex >= 0 { successors[lastTagIndex] = index }
        lastTagIndex = index
        return index
    }

    private mutating func lookUpTag(_ bytes: ByteView) -> Int? {
        let hash = ByteKeys.fnv1a(bytes)
        if let candidates = tagIndexByHash[hash] {
            for candidate in candidates where bytes.equals(tagBytes[candidate]) { return candidate }
        }
        guard tags.count < Self.maximumTags else { return nil }
        let index = tags.count
        tagBytes.append(Array(bytes))
        successors.append(-1)
        tags.append(EventTag(name: String(decoding: bytes, as: UTF8.self)))
        tagIndexByHash[hash, default: []].append(index)
        return index
    }

    /// `SessionLog.status` (1 START, 2 STOP, 3 CHECKPOINT).
    private static func sessionStatus(_ bytes: ByteView) -> UInt64? {
        var reader = ProtobufWireReader(bytes)
        while let field = reader.nextField() {
            if field.number == 1, field.wireType == .varint { return reader.varint() }
            guard reader.skip(field.wireType) else { return nil }
        }
        return nil
    }

    /// The first string field (field 1) of a message, such as `SourceMetadata.writer`.
    private static func firstString(_ bytes: ByteView) -> String? {
        var reader = ProtobufWireReader(bytes)
        while let field = reader.nextField() {
            if field.number == 1, field.wireType == .lengthDelimited {
                return reader.lengthDelimited().map { String(decoding: $0, as: UTF8.self) }
            }
            guard reader.skip(field.wireType) else { return nil }
        }
        return nil
    }

    /// `SummaryMetadata.plugin_data.plugin_name`.
    private static func pluginName(metadata: ByteView) -> String? {
        var reader = ProtobufWireReader(metadata)
        while let field = reader.nextField() {
            if field.number == 1, field.wireType == .lengthDelimited, let pluginData = reader.lengthDelimited() {
                return firstString(pluginData)
            }
            guard reader.skip(field.wireType) else { return nil }
        }
        return nil
    }
}

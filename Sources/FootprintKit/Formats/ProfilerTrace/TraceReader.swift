internal import Foundation

/// Reads a Kineto Chrome trace (plain or gzip) in one streaming pass, keeping only what the accounting needs:
/// the clock (`baseTimeNanoseconds`), `deviceProperties`, `distributedInfo`, the `ProfilerStep#N` spans and
/// the GPU busy spans; everything else (`args` of any depth, other keys) is checked and skipped unbuilt.
///
/// Foundation's `JSONSerialization` builds the whole document. Measured on a 198 MB trace of 890,364 events
/// (`../shared/bench/gen.py --only trace --trace-events 900000`, release builds, one core): JSONSerialization
/// took 18.7 s and 4.67 GB; this reader takes 1.32 s and 28 MB for the whole `report` (1.39 s from gzip), so it
/// is used instead.
enum TraceReader {
    /// Epoch microseconds are above this (1973); smaller `ts` without a base are relative.
    static let epochMicrosecondsThreshold = 1e14
    /// `ProfilerStep#N` spans kept per trace (a profiler schedule records a handful; each is a window on every GPU).
    static let maximumSteps = 100_000
    /// `deviceProperties` entries kept, as many as the GPUs a trace may have.
    static let maximumDevices = BusySpanAccumulator.maximumDevices
    /// Spans (steps, kernels, copies) longer than this are not kept: no profiled step or kernel lasts a day, and
    /// a duration of 1e300 µs would stretch the profiled window to any year.
    static let maximumSpanMicroseconds = 86_400e6

    /// - Throws: ``FootprintError`` when the file cannot be opened; a malformed document is kept up to the
    ///   problem, which ``ProfilerTrace/problem`` and a warning locate.
    static func read(path: String, displayPath: String, limits: InputLimits, findings: inout FindingLog)
        throws(FootprintError) -> ProfilerTrace
    {
        let (stream, _) = try InputOpener.open(path: path, limits: limits)
        let scanner = JSONScanner(stream: stream, displayPath: displayPath, maximumDepth: limits.maximumJSONDepth)
        var state = State(displayPath: displayPath)
        var problem: String?
        do {
            try readDocument(scanner, into: &state)
        } catch {
            problem = error.message
            findings.add(
                Finding(
                    .warning, .inputDamaged, error.message + "; the trace is used up to this point",
                    location: error.location))
        }
        for note in stream.notes {
            findings.add(Finding(.warning, .inputDamaged, note, location: InputLocation(path: displayPath)))
        }
        let warnings = [
            state.damagedSpans.warning(
                .inputDamaged, "spans with a negative or non-numeric duration (the first here); not kept"),
            state.overlongSpans.warning(.inputLimit, "spans last longer than a day (the first here); not kept"),
            state.spansOfFurtherDevices.warning(
                .inputLimit,
                "spans belong to more than \(BusySpanAccumulator.maximumDevices) GPUs (pids) (the first here); not kept"
            ),
            state.spansBeyondIntervals.warning(
                .inputLimit,
                "spans would go past \(ReportFormatting.grouped(BusySpanAccumulator.maximumIntervals)) busy intervals (the first here); not kept, so busy time may be undercounted"
            ),
            state.furtherSteps.warning(
                .inputLimit,
                "steps beyond the first \(ReportFormatting.grouped(maximumSteps)) (the first here); not kept"),
            state.furtherDevices.warning(
                .inputLimit,
                "deviceProperties entries beyond the first \(maximumDevices) (the first here); not kept"),
        ]
        for case let warning? in warnings { findings.add(warning) }
        let clock: ProfilerTrace.Clock
        if let base = state.baseNanoseconds {
            clock = .base(seconds: base / 1e9)
        } else if let first = state.firstTimestamp, first > epochMicrosecondsThreshold {
            clock = .epoch
        } else {
            clock = .relative(alignedOffsetSeconds: nil)
        }
        let busy = state.busySpans.finished()
        return ProfilerTrace(
            path: path, displayPath: displayPath, clock: clock, eventCount: state.eventCount, devices: state.devices,
            rank: state.rank, worldSize: state.worldSize,
            steps: state.steps.sorted { $0.startMicroseconds < $1.startMicroseconds },
            busy: busy, problem: problem)
    }

    private struct State {
        let displayPath: String
        var baseNanoseconds: Double?
        var devices: [ProfilerTrace.Device] = []
        var rank: Int?
        var worldSize: Int?
        var steps: [ProfilerTrace.Step] = []
        var busySpans = BusySpanAccumulator()
        /// Spans and entries left out, each kind with where the first was.
        var damagedSpans = RejectedValues()
        var overlongSpans = RejectedValues()
        var spansOfFurtherDevices = RejectedValues()
        var spansBeyondIntervals = RejectedValues()
        var furtherSteps = RejectedValues()
        var furtherDevices = RejectedValues()
        var eventCount = 0
        var firstTimestamp: Double?
    }

    private static func readDocument(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        guard let opening = try scanner.peekToken() else { throw scanner.error("empty document") }
        if opening == UInt8(ascii: "[") {
            // The Chrome trace "JSON Array Format": the events alone.
            try readEvents(scanner, into: &state)
            try scanner.expectEnd()
            return
        }
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            switch key {
            case "traceEvents": try readEvents(scanner, into: &state)
            case "baseTimeNanoseconds": state.baseNanoseconds = try scanner.readNumber()
            case "deviceProperties": try readDevices(scanner, into: &state)
            case "distributedInfo": try readDistributedInfo(scanner, into: &state)
            default: try scanner.skipValue(depth: 1)
            }
        }
        try scanner.expectEnd()
    }

    private static func readDevices(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        guard try scanner.peekToken() == UInt8(ascii: "[") else { return try scanner.skipValue(depth: 1) }
        try scanner.expect(UInt8(ascii: "["))
        var first = true
        var text: [UInt8] = []
        while try scanner.nextElement(first: &first) {
            guard try scanner.peekToken() == UInt8(ascii: "{") else {
                try scanner.skipValue(depth: 2)
                continue
            }
            let offset = scanner.byteOffset
            try scanner.expect(UInt8(ascii: "{"))
            var id: Int?
            var name = ""
            var firstKey = true
            while let key = try scanner.nextKey(first: &firstKey, { Array($0) }) {
                if key == Array("id".utf8), try scanner.peekToken() != UInt8(ascii: "\"") {
                    id = Int(exactly: try scanner.readNumber())
                } else if key == Array("name".utf8), try scanner.peekToken() == UInt8(ascii: "\"") {
                    try scanner.readString(into: &text)
                    name = String(decoding: text, as: UTF8.self)
                } else {
                    try scanner.skipValue(depth: 3)
                }
            }
            guard let id else { continue }
            guard state.devices.count < maximumDevices else {
                state.furtherDevices.note(at: InputLocation(path: state.displayPath, byteOffset: offset))
                continue
            }
            state.devices.append(ProfilerTrace.Device(id: id, name: name))
        }
    }

    private static func readDistributedInfo(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        guard try scanner.peekToken() == UInt8(ascii: "{") else { return try scanner.skipValue(depth: 1) }
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        while let key = try scanner.nextKey(first: &first, { Array($0) }) {
            let isNumber =
                try scanner.peekToken().map { $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) } ?? false
            if key == Array("rank".utf8), isNumber {
                state.rank = Int(exactly: try scanner.readNumber())
            } else if key == Array("world_size".utf8), isNumber {
                state.worldSize = Int(exactly: try scanner.readNumber())
            } else {
                try scanner.skipValue(depth: 2)
            }
        }
    }

    /// The keys of an event that matter, told apart by their bytes in place.
    private enum EventKey {
        case ph, cat, name, ts, dur, pid, other

        init(_ key: ByteView) {
            switch (key.first, key.count) {
            case (UInt8(ascii: "p"), 2) where key[1] == UInt8(ascii: "h"): self = .ph
            case (UInt8(ascii: "c"), 3) where key.equals(TraceReader.catKey): self = .cat
            case (UInt8(ascii: "n"), 4) where key.equals(TraceReader.nameKey): self = .name
            case (UInt8(ascii: "t"), 2) where key[1] == UInt8(ascii: "s"): self = .ts
            case (UInt8(ascii: "d"), 3) where key.equals(TraceReader.durKey): self = .dur
            case (UInt8(ascii: "p"), 3) where key.equals(TraceReader.pidKey): self = .pid
            default: self = .other
            }
        }
    }

    /// One event's fields that matter; strings are kept as bytes in reused buffers.
    private struct EventFields {
        var ph: [UInt8] = []
        var cat: [UInt8] = []
        var name: [UInt8] = []
        var ts: Double?
        var dur: Double?
        var pid: Int?

        mutating func reset() {
            ph.removeAll(keepingCapacity: true)
            cat.removeAll(keepingCapacity: true)
            name.removeAll(keepingCapacity: true)
            ts = nil
            dur = nil
            pid = nil
        }
    }

    private static func readEvents(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        guard try scanner.peekToken() == UInt8(ascii: "[") else { return try scanner.skipValue(depth: 1) }
        try scanner.expect(UInt8(ascii: "["))
        var first = true
        var fields = EventFields()
        while try scanner.nextElement(first: &first) {
            guard try scanner.peekToken() == UInt8(ascii: "{") else {
                try scanner.skipValue(depth: 2)
                continue
            }
            let offset = scanner.byteOffset
            try scanner.expect(UInt8(ascii: "{"))
            fields.reset()
            var firstKey = true
            while let key = try scanner.nextKey(first: &firstKey, EventKey.init) {
                switch key {
                case .ph: try readStringField(scanner, into: &fields.ph)
                case .cat: try readStringField(scanner, into: &fields.cat)
                case .name: try readStringField(scanner, into: &fields.name)
                case .ts: fields.ts = try readNumberField(scanner)
                case .dur: fields.dur = try readNumberField(scanner)
                case .pid: fields.pid = try readNumberField(scanner).flatMap { Int(exactly: $0) }
                case .other: try scanner.skipValue(depth: 3)
                }
            }
            state.eventCount += 1
            record(fields, into: &state, at: offset)
        }
    }

    private static func readStringField(_ scanner: JSONScanner, into out: inout [UInt8]) throws(FootprintError) {
        if try scanner.peekToken() == UInt8(ascii: "\"") {
            try scanner.readString(into: &out)
        } else {
            try scanner.skipValue(depth: 3)
        }
    }

    /// A number, or a string holding one (some writers quote `pid`, `tid` and even `ts`); nil otherwise.
    private static func readNumberField(_ scanner: JSONScanner) throws(FootprintError) -> Double? {
        switch try scanner.peekToken() ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try scanner.readNumber()
        case UInt8(ascii: "\""):
            return try scanner.readString { Double(String(decoding: $0, as: UTF8.self)) }
        default:
            try scanner.skipValue(depth: 3)
            return nil
        }
    }

    private static let catKey = Array("cat".utf8)
    private static let nameKey = Array("name".utf8)
    private static let durKey = Array("dur".utf8)
    private static let pidKey = Array("pid".utf8)
    private static let stepPrefix = Array("ProfilerStep#".utf8)
    private static let busyCategories = ["kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset"].map {
        Array($0.utf8)
    }
    private static let gpuAnnotation = Array("gpu_user_annotation".utf8)

    /// Keeps what an event (at `byteOffset`) says about steps and busy time.
    private static func record(_ fields: EventFields, into state: inout State, at byteOffset: Int) {
        let location = { [path = state.displayPath] in InputLocation(path: path, byteOffset: byteOffset) }
        if let ts = fields.ts, state.firstTimestamp == nil, ts > 0 { state.firstTimestamp = ts }
        guard fields.ph.count == 1, fields.ph[0] == UInt8(ascii: "X"), let ts = fields.ts, ts.isFinite else { return }
        let duration = fields.dur ?? 0
        guard duration.isFinite, duration >= 0 else { return state.damagedSpans.note(at: location()) }
        if fields.name.starts(with: stepPrefix), fields.cat != gpuAnnotation,
            let number = Int(String(decoding: fields.name[stepPrefix.count...], as: UTF8.self))
        {
            guard duration <= maximumSpanMicroseconds else { return state.overlongSpans.note(at: location()) }
            guard state.steps.count < maximumSteps else { return state.furtherSteps.note(at: location()) }
            state.steps.append(
                ProfilerTrace.Step(number: number, startMicroseconds: ts, durationMicroseconds: duration))
            return
        }
        guard duration > 0, let device = fields.pid,
            busyCategories.contains(where: { equalsIgnoringCase(fields.cat, $0) })
        else { return }
        guard duration <= maximumSpanMicroseconds else { return state.overlongSpans.note(at: location()) }
        switch state.busySpans.add(ts...(ts + duration), device: device) {
        case nil: break
        case .tooManyDevices: state.spansOfFurtherDevices.note(at: location())
        case .tooManyIntervals: state.spansBeyondIntervals.note(at: location())
        }
    }

    private static func equalsIgnoringCase(_ bytes: [UInt8], _ lowercase: [UInt8]) -> Bool {
        bytes.count == lowercase.count && zip(bytes, lowercase).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
    }
}

internal import Foundation

/// Reads nvidia-smi `--query-gpu` CSV logs and CSVs written by users' own logging scripts into per-GPU power
/// traces, streaming.
///
/// Accepts: a header with or without units (`power.draw [W]`), values with or without units (`287.45 W`),
/// columns in any order, a header repeated mid-file (or a new one after a logger restart), many GPUs interleaved,
/// CRLF, UTF-16LE with a byte-order mark, gzip, a truncated last line, bracketed readings (`[N/A]`,
/// `[Unknown Error]`, …) which are counted as invalid samples. Headerless (`noheader`) files are read with the
/// field list the user gave nvidia-smi (``PowerLogReadingOptions/queryGPUFields``), or, when values carry units,
/// by taking the one column in watts as power. Power columns are preferred in the order `power.draw.average`,
/// `power.draw`, `power.draw.instant`, then a script's own (`power_w`, `power_W`, …).
///
/// Rejects (with a located finding, reading on): rows whose field count differs from the header's, rows with an
/// unreadable timestamp, and lines longer than ``InputLimits/maximumLineBytes``.
///
/// The file is read in blocks of whole lines. The rows of a block need nothing from the rows before them
/// (``CSVRowParser``), so each block is handed to another thread as soon as it is read (``BackgroundTask``), and the
/// rows of the oldest blocks are accumulated in file order on this thread as they are ready: every sum and finding
/// is the one a line-by-line read gives, to the bit.
struct NvidiaSMICSVReader {
    /// The bytes read per block.
    static let blockBytes = 256 * 1024
    /// The blocks handed to other threads and not yet accumulated, at most, once the columns are known: two per
    /// core, up to 8 (2 MiB), so that the cores stay busy while memory stays bounded on any machine (16 measured
    /// no faster on two cores).
    static let blocksInHand = min(8, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// The blocks read one by one, on this thread, before the rest are parsed on all cores: a small log (the
    /// many files of a run on many hosts, read side by side) is not worth the threads.
    static let blocksReadAlone = 16

    /// A block of lines, owned, on its way to a row parser.
    enum PendingBlock: Sendable {
        case lines([UInt8])
        case lastLine([UInt8])
        case overlongLine

        /// The bytes, and whether they are the last line without a newline; nil for an over-long line.
        var lines: (bytes: [UInt8], isLastLine: Bool)? {
            switch self {
            case .lines(let bytes): (bytes, false)
            case .lastLine(let bytes): (bytes, true)
            case .overlongLine: nil
            }
        }
    }

    /// Reads the file at `path`, shown in findings as `displayPath`, in blocks of about `blockBytes`.
    ///
    /// - Returns: the log, or nil when the file could not be interpreted (the findings say why).
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog,
        blockBytes: Int = blockBytes
    ) throws(FootprintError) -> PowerLog? {
        let (stream, encoding) = try InputOpener.open(path: path, limits: options.limits)
        var lines = LineReader(
            stream: stream, maximumLineBytes: options.limits.maximumLineBytes, chunkBytes: blockBytes)
        var parser = Parser(displayPath: displayPath, options: options)
        try lines.forEachBlock { (block: LineBlock) throws(FootprintError) -> Bool in
            // One block at a time, as read, until the columns are known (the first lines may end the reading) and
            // while the log is small.
            guard PowerLogReadingOptions.hasSecondCore, let layout = parser.layout,
                parser.blocksTaken >= blocksReadAlone
            else {
                parser.take(block, findings: &findings)
                return !parser.gaveUp
            }
            let pending: PendingBlock =
                switch block {
                case .lines(let bytes): .lines(parser.ownedCopy(of: bytes))
                case .lastLine(let bytes): .lastLine(parser.ownedCopy(of: bytes))
                case .overlongLine: .overlongLine
                }
            parser.hand(pending, layout: layout, findings: &findings)
            return !parser.gaveUp
        }
        parser.finishParsing(findings: &findings)
        PowerLogLines.report(
            streamNotes: stream.notes, overlongLines: parser.overlongLines, displayPath: displayPath, options: options,
            findings: &findings)
        return parser.finish(encoding: encoding, findings: &findings)
    }

    /// The per-file reading state: the header logic, and the accumulation of parsed rows in file order.
    private struct Parser {
        let displayPath: String
        let options: PowerLogReadingOptions
        var header: [CSVHeaderCell]?
        var headerLineBytes: [UInt8] = []
        var roles: [CSVColumnRole] = []
        var timeColumn: Int?
        var identityColumns: [(column: Int, role: CSVColumnRole)] = []
        var powerColumns: [(column: Int, scale: Double)] = []
        /// A wide log's power columns, one per GPU (`GPU0 Power (W)`, `GPU1 Power (W)`): each with its GPU's
        /// index and that index as a key; empty for a log with one row per GPU.
        var wideColumns: [(column: Int, scale: Double, index: String, key: [UInt8])] = []
        var utilizationColumn: Int?
        var accumulator: PowerRowAccumulator?
        /// The logs of the parts of the file before its power columns changed, in order.
        var earlierParts: [PowerLog] = []
        var format: SourceKind = .nvidiaSMICSV
        var gaveUp = false
        var repeatedHeaders = 0
        var headerFromUnits = false
        /// The columns come from ``PowerLogReadingOptions/queryGPUFields``, not from a header line.
        var usesQueryGPUFields = false
        /// Counts the headers adopted: the ``CSVRowLayout/version``.
        var layoutVersion = 0
        var fields = LineFields(maximumCount: CSVRowParser.maximumFields)
        /// The number of the last line accumulated.
        var lineNumber = 0
        var overlongLines = OverlongLines()
        /// The blocks handed to other threads, oldest first, each with its parsing (none for an over-long line).
        var blocksBeingParsed: [(block: PendingBlock, parsing: BackgroundTask<[UInt8], CSVRowBatch>?)] = []
        /// Blocks taken so far.
        var blocksTaken = 0
        /// The storage of blocks and batches accumulated, for the next ones.
        var spareBlocks: [[UInt8]] = []
        let spareBatches = CSVRowBatchPool()

        init(displayPath: String, options: PowerLogReadingOptions) {
            self.displayPath = displayPath
            self.options = options
        }

        func location(_ line: Int) -> InputLocation { InputLocation(path: displayPath, line: line) }

        /// What a row parser needs of the current header, or nil while rows cannot be read without the header
        /// logic (no header yet, or no time column); set with each header adopted.
        private(set) var layout: CSVRowLayout?

        func currentLayout() -> CSVRowLayout? {
            guard header != nil, let timeColumn, accumulator != nil else { return nil }
            return CSVRowLayout(
                version: layoutVersion, fieldCount: roles.count, headerLineBytes: headerLineBytes,
                timeColumn: timeColumn, identityColumns: identityColumns, powerColumns: powerColumns,
                wideColumns: wideColumns.map { ($0.column, $0.scale) }, utilizationColumn: utilizationColumn,
                queryFieldCount: usesQueryGPUFields ? nil : options.queryGPUFields?.count)
        }

        /// Hands `block` to another thread to be parsed under `layout`, the current one, and accumulates the oldest
        /// blocks whose rows are ready (waiting for the oldest while more than ``blocksInHand`` are in hand).
        mutating func hand(_ block: PendingBlock, layout: CSVRowLayout, findings: inout FindingLog) {
            blocksTaken += 1
            let parsing = block.lines.map { (bytes, isLastLine) in
                let pool = spareBatches
                return BackgroundTask(bytes) { bytes in
                    bytes.withByteView {
                        CSVRowParser.parse(
                            $0, isLastLine: isLastLine, layout: layout, into: pool.take(layoutVersion: layout.version))
                    }
                }
            }
            blocksBeingParsed.append((block, parsing))
            while let oldest = blocksBeingParsed.first,
                blocksBeingParsed.count > blocksInHand || oldest.parsing?.isFinished ?? true
            {
                accumulateOldest(findings: &findings)
            }
        }

        /// Accumulates every block handed over, in order, once parsed.
        mutating func finishParsing(findings: inout FindingLog) {
            while !blocksBeingParsed.isEmpty { accumulateOldest(findings: &findings) }
        }

        /// Accumulates the oldest block handed over, from its rows once parsed, and keeps its storage for a later
        /// block.
        private mutating func accumulateOldest(findings: inout FindingLog) {
            let (block, parsing) = blocksBeingParsed.removeFirst()
            let batch = parsing?.output()
            guard !gaveUp else { return }
            guard let lines = block.lines else { return noteOverlongLine() }
            lines.bytes.withByteView { consume($0, isLastLine: lines.isLastLine, parsed: batch, findings: &findings) }
            spareBlocks.append(lines.bytes)
        }

        /// `bytes` copied into storage of a block accumulated before, when there is one.
        mutating func ownedCopy(of bytes: ByteView) -> [UInt8] {
            var storage = spareBlocks.popLast() ?? []
            storage.removeAll(keepingCapacity: true)
            storage.append(contentsOf: bytes)
            return storage
        }

        /// Reads `block` here and now, once the blocks handed over are accumulated.
        mutating func take(_ block: LineBlock, findings: inout FindingLog) {
            blocksTaken += 1
            finishParsing(findings: &findings)
            switch block {
            case .lines(let bytes): consume(bytes, isLastLine: false, parsed: nil, findings: &findings)
            case .lastLine(let bytes): consume(bytes, isLastLine: true, parsed: nil, findings: &findings)
            case .overlongLine: noteOverlongLine()
            }
        }

        mutating func noteOverlongLine() {
            lineNumber += 1
            overlongLines.note(line: lineNumber)
        }

        /// Accumulates the block `bytes` from `parsed`, its rows as parsed (again, under the current layout, when
        /// parsed under another), and passes each line the row parser stopped at to the header logic. The batches
        /// go back to the pool.
        mutating func consume(_ bytes: ByteView, isLastLine: Bool, parsed: CSVRowBatch?, findings: inout FindingLog) {
            var offset = 0
            var batch = parsed
            while offset < bytes.count && !gaveUp {
                let rest = bytes.extracting(offset..<bytes.count)
                if batch == nil || batch?.layoutVersion != layout?.version ?? -1 {
                    batch = CSVRowParser.parse(
                        rest, isLastLine: isLastLine, layout: layout,
                        into: spareBatches.take(layoutVersion: layout?.version ?? -1))
                }
                guard let read = batch else { return }
                batch = nil
                accumulate(read, after: lineNumber, findings: &findings)
                lineNumber += read.lineCount
                spareBatches.give(read)
                guard let stop = read.stopOffset else { return }
                let newline = isLastLine ? nil : rest.firstIndex(of: UInt8(ascii: "\n"), from: stop)
                lineNumber += 1
                let line = TextLine(
                    bytes: LineBlock.withoutCarriageReturn(rest.extracting(stop..<(newline ?? rest.count))),
                    number: lineNumber, isTerminated: !isLastLine)
                consume(line, findings: &findings)
                offset += newline.map { $0 + 1 } ?? rest.count
            }
        }

        /// The header logic, for a line the row parser left to it: a header adopted or repeated, the columns of a
        /// file without a header, or a row after all.
        mutating func consume(_ line: TextLine, findings: inout FindingLog) {
            // Never a blank line: the row parser passes over those.
            let bytes = line.bytes
            guard fields.split(bytes, at: UInt8(ascii: ",")) else {
                return report(.tooManyFields, line: line.number, findings: &findings)
            }
            if header != nil, bytes.equals(headerLineBytes) {
                repeatedHeaders += 1
                return
            }
            if !CSVRowParser.hasDataField(bytes, fields) {
                let cells = (0..<fields.count).map { index in CSVHeaderCell(bytes.string(in: fields[index])) }
                if CSVColumnRoles.looksLikeHeader(cells) {
                    if let header, header == cells { repeatedHeaders += 1 }
                    adopt(header: cells, lineBytes: Array(bytes), line: line.number, findings: &findings)
                    return
                }
            }
            if header == nil {
                guard adoptHeaderForHeaderlessFile(bytes, line: line.number, findings: &findings) else {
                    gaveUp = true
                    return
                }
            }
            if let queryFields = options.queryGPUFields, !usesQueryGPUFields, fields.count != roles.count,
                queryFields.count == fields.count
            {
                // The file's header does not describe its rows (a script wrote its own header over raw nvidia-smi
                // output): the user's field list does.
                findings.add(
                    Finding(
                        .note, .inputColumns,
                        "rows have \(fields.count) fields, not the header's \(roles.count): columns taken from --query-gpu",
                        location: location(line.number)))
                usesQueryGPUFields = true
                adopt(
                    header: queryFields.map(CSVHeaderCell.init), lineBytes: headerLineBytes, line: line.number,
                    findings: &findings)
            }
            guard let layout else { return }
            var row = CSVRowBatch(layoutVersion: layout.version)
            var parser = CSVRowParser(layout: layout)
            parser.addRow(TextLine(bytes: bytes, number: 1, isTerminated: line.isTerminated), into: &row)
            accumulate(row, after: line.number - 1, findings: &findings)
        }

        mutating func adopt(header cells: [CSVHeaderCell], lineBytes: [UInt8], line: Int, findings: inout FindingLog) {
            if let header, header == cells { return }
            let newRoles = cells.map(CSVColumnRoles.role(of:))
            defer { layout = currentLayout() }
            layoutVersion += 1
            if header != nil && !usesQueryGPUFields {
                findings.add(
                    Finding(
                        .note, .inputColumns, "a different header starts here; columns re-read from it",
                        location: location(line)))
            }
            header = cells
            headerLineBytes = lineBytes
            roles = newRoles
            format = CSVColumnRoles.isNvidiaSMIHeader(cells) ? .nvidiaSMICSV : .ownCSV
            timeColumn = newRoles.firstIndex(of: .time)
            identityColumns = newRoles.enumerated().compactMap { index, role in
                switch role {
                case .index, .uuid, .busID, .name, .otherID: return (index, role)
                default: return nil
                }
            }
            utilizationColumn = newRoles.firstIndex(of: .utilization)
            var powers: [(field: String, preference: Int, column: Int, scale: Double)] = []
            for (index, role) in newRoles.enumerated() {
                if case .power(let field, let preference, let scale) = role {
                    powers.append((field, preference, index, scale))
                }
            }
            powers.sort { ($0.preference, $0.column) < ($1.preference, $1.column) }
            var powerFields = powers.map(\.field)
            powerColumns = powers.map { ($0.column, $0.scale) }
            // Several power columns each naming its own GPU, and no GPU id column: one column per GPU, not
            // alternative fields of one GPU.
            let numbers = powers.map { CSVColumnRoles.wideGPUNumber(of: cells[$0.column]) }
            wideColumns = []
            if powers.count > 1, identityColumns.isEmpty, numbers.allSatisfy({ $0 != nil }),
                Set(numbers).count == powers.count
            {
                wideColumns = zip(powers, numbers).map { power, number in
                    (power.column, power.scale, number ?? "", Array("wide-gpu:\(number ?? "")".utf8))
                }
                powerFields = ["power, one column per GPU (\(powers.map(\.field).joined(separator: ", ")))"]
                powerColumns = []
            }
            if timeColumn == nil {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no time column in the header (looked for timestamp, time, datetime, ts); re-export with --query-gpu=timestamp,index,power.draw --format=csv",
                        location: location(line)))
            }
            if accumulator == nil || accumulator?.powerFields != powerFields {
                if var accumulator, accumulator.rowCount > 0 {
                    findings.add(
                        Finding(
                            .note, .inputColumns,
                            "the power columns change here (\(accumulator.powerFields.joined(separator: ", ")) before, \(powerFields.joined(separator: ", ")) after: a logger restarted with other fields); each part is read with its own and the parts joined",
                            location: location(line)))
                    earlierParts.append(
                        accumulator.finished(
                            path: displayPath, format: format, encoding: InputEncoding(isGzip: false, isUTF16LE: false))
                    )
                }
                accumulator = PowerRowAccumulator(powerFields: powerFields, options: options)
            }
        }

        /// For a file without a header: the user's `--query-gpu` list, else the columns values' units reveal.
        mutating func adoptHeaderForHeaderlessFile(
            _ bytes: ByteView, line: Int, findings: inout FindingLog
        ) -> Bool {
            let fieldCount = fields.count
            if let queryFields = options.queryGPUFields {
                guard queryFields.count == fieldCount else {
                    findings.add(
                        Finding(
                            .warning, .inputUnreadable,
                            "no header line, and --query-gpu names \(queryFields.count) fields but rows have \(fieldCount); pass the exact field list given to nvidia-smi",
                            location: location(line)))
                    return false
                }
                usesQueryGPUFields = true
                adopt(header: queryFields.map(CSVHeaderCell.init), lineBytes: [], line: line, findings: &findings)
                return true
            }
            // nvidia-smi with units: the one column in watts is power, the first in percent utilization.
            var cells: [CSVHeaderCell] = []
            var wattColumns = 0
            var sawPercent = false
            for index in 0..<fieldCount {
                let text = bytes.string(in: fields[index])
                if index == 0, TimestampParser.parse(bytes.extracting(fields[0])) != nil {
                    cells.append(CSVHeaderCell("timestamp"))
                } else if text.hasSuffix(" W") {
                    wattColumns += 1
                    cells.append(CSVHeaderCell("power.draw"))
                } else if text.hasSuffix(" %") && !sawPercent {
                    sawPercent = true
                    cells.append(CSVHeaderCell("utilization.gpu"))
                } else {
                    cells.append(CSVHeaderCell("column\(index + 1)"))
                }
            }
            guard cells.first?.name == "timestamp", wattColumns == 1 else {
                let hint =
                    cells.first?.name == "timestamp"
                    ? "no header line and no column in watts; pass --query-gpu with the field list given to nvidia-smi (e.g. --query-gpu timestamp,power.draw,utilization.gpu)"
                    : "no header line and the first field is not a date and time; pass --query-gpu with the field list given to nvidia-smi, or log with --query-gpu=timestamp,... so rows carry a full date"
                findings.add(Finding(.warning, .inputUnreadable, hint, location: location(line)))
                return false
            }
            headerFromUnits = true
            adopt(header: cells, lineBytes: [], line: line, findings: &findings)
            return true
        }

        /// Accumulates the rows of `batch`, whose lines follow line `lineBase`, in order, with the findings of the
        /// lines it left out where they fall.
        mutating func accumulate(_ batch: CSVRowBatch, after lineBase: Int, findings: inout FindingLog) {
            // Taken out of `self` for the batch: mutated through the optional, the accumulator was copied per row.
            guard var accumulator = accumulator.take() else { return }
            defer { self.accumulator = accumulator }
            var slots = [Int?](repeating: nil, count: batch.keys.count)
            var resolved = [Bool](repeating: false, count: batch.keys.count)
            let wideColumns = wideColumns
            // A batch with rows was read under the current layout.
            let perRow = layout?.readingsPerRow ?? 0
            var problem = 0
            var reading = 0
            var otherReading = 0
            for index in batch.rows.indices {
                while problem < batch.problems.count && batch.problems[problem].beforeRow == index {
                    report(
                        batch.problems[problem].problem, line: lineBase + batch.problems[problem].line,
                        findings: &findings)
                    problem += 1
                }
                let row = batch.rows[index]
                let line = lineBase + row.line
                let seconds = accumulator.utc(of: row.timestamp, line: line)
                let firstReading = reading
                reading += perRow
                var slot: Int?
                if row.slot >= 0 {
                    if !resolved[row.slot] {
                        resolved[row.slot] = true
                        slots[row.slot] = batch.keys[row.slot].withByteView { key in
                            accumulator.slotIndex(forKey: key) { batch.identities[row.slot] }
                        }
                    }
                    slot = slots[row.slot]
                    guard slot != nil else {
                        // Its readings are not taken: pass over those that are not numbers.
                        for field in firstReading..<reading where batch.watts[field].isNaN { otherReading += 1 }
                        report(.tooManyGPUs, line: line, findings: &findings)
                        continue
                    }
                }
                accumulator.countRow()
                if let slot, let utilization = row.utilizationPercent {
                    accumulator.addUtilization(utilization, slot: slot)
                }
                for field in 0..<perRow {
                    // A wide row's GPU is its column's.
                    let target =
                        slot
                        ?? wideColumns[field].key.withByteView { key in
                            accumulator.slotIndex(forKey: key) { DeviceID(index: wideColumns[field].index) }
                        }
                    let watts = batch.watts[firstReading + field]
                    var other: FieldReading?
                    if watts.isNaN {
                        other = batch.otherReadings[otherReading]
                        otherReading += 1
                    }
                    guard let target else { continue }
                    if let other {
                        accumulator.add(
                            other, field: slot == nil ? 0 : field, slot: target, seconds: seconds,
                            utilizationPercent: row.utilizationPercent)
                    } else {
                        accumulator.add(
                            watts: watts, field: slot == nil ? 0 : field, slot: target, seconds: seconds,
                            utilizationPercent: row.utilizationPercent)
                    }
                }
            }
            for index in problem..<batch.problems.count {
                report(batch.problems[index].problem, line: lineBase + batch.problems[index].line, findings: &findings)
            }
            repeatedHeaders += batch.repeatedHeaders
        }

        /// The finding of a line left out.
        func report(_ problem: CSVRowBatch.Problem, line: Int, findings: inout FindingLog) {
            if case .fieldCount(_, isTerminated: false) = problem {
                findings.add(
                    Finding(
                        .note, .inputDamaged, "the last line is cut short (the logger was stopped mid-write); skipped",
                        location: location(line)))
                return
            }
            let (code, message, kind, summary): (FindingCode, String, String, String) =
                switch problem {
                case .tooManyFields:
                    (
                        .inputDamaged,
                        header == nil && accumulator == nil
                            ? "the first line has more than \(CSVRowParser.maximumFields) fields, too many for a power log's header; skipped (pass --query-gpu to name the columns of the rows)"
                            : "more than \(CSVRowParser.maximumFields) fields; row skipped",
                        "fields", "rows with too many fields"
                    )
                case .fieldCount(let count, _):
                    (
                        .inputDamaged,
                        "row has \(count) fields but the header has \(roles.count); skipped (if every row differs, the header does not describe the rows: pass --query-gpu with the real field list)",
                        "field-count", "rows with the wrong number of fields"
                    )
                case .tooManyGPUs:
                    (
                        .inputLimit,
                        "more than \(PowerRowAccumulator.maximumGPUs) distinct GPUs; row skipped (check the GPU id columns)",
                        "gpus", "rows beyond the GPU limit"
                    )
                case .unreadableTimestamp(let text):
                    (
                        .inputDamaged,
                        "unreadable timestamp '\(text)' (expected e.g. 2024/03/05 14:02:11.517, ISO 8601 or Unix seconds); row skipped",
                        "timestamp", "rows with unreadable timestamps"
                    )
                }
            findings.add(Finding(.warning, code, message, location: location(line)), kind: kind, summary: summary)
        }

        mutating func finish(encoding: InputEncoding, findings: inout FindingLog) -> PowerLog? {
            guard header != nil, timeColumn != nil, var accumulator = accumulator.take() else {
                if !gaveUp && header == nil {
                    findings.add(
                        Finding(.warning, .inputUnreadable, "no data rows", location: InputLocation(path: displayPath)))
                }
                return nil
            }
            if repeatedHeaders > 0 {
                findings.add(
                    Finding(
                        .note, .inputColumns,
                        "the header repeats \(repeatedHeaders == 1 ? "once" : "\(repeatedHeaders) times") (appended or restarted logger); repeats skipped",
                        location: InputLocation(path: displayPath)))
            }
            if accumulator.rowCount == 0 {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable, "a header but no data row that could be read",
                        location: InputLocation(path: displayPath)))
            }
            if headerFromUnits {
                findings.add(
                    Finding(
                        .note, .inputColumns,
                        "no header line: the column in watts was taken as power.draw (pass --query-gpu to name the columns)",
                        location: InputLocation(path: displayPath)))
            }
            if powerColumns.isEmpty {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no power column; log with --query-gpu=timestamp,index,uuid,power.draw,utilization.gpu to measure energy",
                        location: InputLocation(path: displayPath)))
            }
            var log = accumulator.finished(path: displayPath, format: format, encoding: encoding)
            if !earlierParts.isEmpty { log = joined(earlierParts + [log], findings: &findings) }
            log.gpus = Self.labelled(log.gpus)
            return log
        }

        /// The parts of one file read with different power columns as one log, the last part's: each GPU's series
        /// joined in time order (``PowerSeries/joined(_:)``), its columns named when they are not the log's.
        func joined(_ parts: [PowerLog], findings: inout FindingLog) -> PowerLog {
            var log = parts[parts.count - 1]
            var order: [String] = []
            var members: [String: [(part: PowerLog, series: PowerSeries)]] = [:]
            for part in parts {
                for series in part.gpus {
                    let key = series.identity.matchKey
                    if members[key] == nil { order.append(key) }
                    members[key, default: []].append((part, series))
                }
            }
            log.gpus = order.map { key in
                var (series, overlapping) = PowerSeries.joined(
                    (members[key] ?? []).map { ($0.series, $0.part.powerField) })
                if series.powerField == log.powerField { series.powerField = nil }
                if !overlapping.isEmpty {
                    findings.add(
                        Finding(
                            .warning, .inputDuplicate,
                            "GPU \(series.identity.label): samples of the file's parts overlap in time; the later part's are left out",
                            location: InputLocation(path: displayPath)))
                }
                return series
            }
            log.dataRowCount = parts.reduce(0) { $0 + $1.dataRowCount }
            log.ambiguousTimeCount = parts.reduce(0) { $0 + $1.ambiguousTimeCount }
            log.nonexistentTimeCount = parts.reduce(0) { $0 + $1.nonexistentTimeCount }
            return log
        }

        /// Drops id columns that do not tell the GPUs apart (an `index` that is always 0 beside a varying `gpu`).
        static func labelled(_ gpus: [PowerSeries]) -> [PowerSeries] {
            guard gpus.count > 1 else { return gpus }
            var gpus = gpus
            let otherIDs = Set(gpus.map(\.identity.otherID))
            let indices = Set(gpus.map(\.identity.index))
            if otherIDs.count == gpus.count, indices.count < gpus.count {
                for i in gpus.indices { gpus[i].identity.index = nil }
            } else if indices.count == gpus.count, otherIDs.count < gpus.count {
                for i in gpus.indices { gpus[i].identity.otherID = nil }
            }
            return gpus
        }
    }
}

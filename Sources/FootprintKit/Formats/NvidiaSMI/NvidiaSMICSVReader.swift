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
struct NvidiaSMICSVReader {
    private static let maximumFields = 512

    /// Reads the file at `path`, shown in findings as `displayPath`.
    ///
    /// - Returns: the log, or nil when the file could not be interpreted (the findings say why).
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        var parser = Parser(displayPath: displayPath, options: options)
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) {
            line, findings in
            parser.consume(line, findings: &findings)
            return !parser.gaveUp
        }
        return parser.finish(encoding: encoding, findings: &findings)
    }

    /// The per-file parsing state.
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
        var format: SourceKind = .nvidiaSMICSV
        var gaveUp = false
        var repeatedHeaders = 0
        var headerFromUnits = false
        /// The columns come from ``PowerLogReadingOptions/queryGPUFields``, not from a header line.
        var usesQueryGPUFields = false
        var fields = LineFields(maximumCount: NvidiaSMICSVReader.maximumFields)
        var keyScratch: [UInt8] = []
        var days = CalendarDayCache()

        init(displayPath: String, options: PowerLogReadingOptions) {
            self.displayPath = displayPath
            self.options = options
        }

        func location(_ line: Int) -> InputLocation { InputLocation(path: displayPath, line: line) }

        mutating func consume(_ line: TextLine, findings: inout FindingLog) {
            let bytes = line.bytes
            if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            guard fields.split(bytes, at: UInt8(ascii: ",")) else {
                let what =
                    header == nil && accumulator == nil
                    ? "the first line has more than \(Self.maximumFields) fields, too many for a power log's header; skipped (pass --query-gpu to name the columns of the rows)"
                    : "more than \(Self.maximumFields) fields; row skipped"
                findings.add(
                    Finding(.warning, .inputDamaged, what, location: location(line.number)), kind: "fields",
                    summary: "rows with too many fields")
                return
            }
            if header != nil, bytes.equals(headerLineBytes) {
                repeatedHeaders += 1
                return
            }
            if !Self.startsWithData(bytes, fields) {
                let cells = (0..<fields.count).map { index in CSVHeaderCell(bytes.string(in: fields[index])) }
                if CSVColumnRoles.looksLikeHeader(cells) {
                    if header != nil { repeatedHeaders += 1 }
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
            guard timeColumn != nil else { return }
            processRow(bytes, line: line, findings: &findings)
        }

        static let maximumFields = NvidiaSMICSVReader.maximumFields

        /// Whether the first field is a timestamp or a number, as in data rows.
        static func startsWithData(_ bytes: ByteView, _ fields: LineFields) -> Bool {
            guard !fields.isEmpty, !fields[0].isEmpty else { return false }
            let byte = bytes[fields[0].lowerBound]
            return byte >= 0x30 && byte <= 0x39
        }

        mutating func adopt(header cells: [CSVHeaderCell], lineBytes: [UInt8], line: Int, findings: inout FindingLog) {
            let newRoles = cells.map(CSVColumnRoles.role(of:))
            if let header, header == cells { return }
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
                if let accumulator, accumulator.rowCount > 0 {
                    findings.add(
                        Finding(
                            .warning, .inputColumns,
                            "the power columns change mid-file; rows before line \(line) are not counted",
                            location: location(line)))
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

        mutating func processRow(_ bytes: ByteView, line: TextLine, findings: inout FindingLog) {
            // The accumulator changes in place (`accumulator!`), and the closures below capture locals only: it is
            // never moved or copied per row.
            guard let timeColumn, accumulator != nil else { return }
            guard fields.count == roles.count else {
                if !line.isTerminated {
                    findings.add(
                        Finding(
                            .note, .inputDamaged,
                            "the last line is cut short (the logger was stopped mid-write); skipped",
                            location: location(line.number)))
                } else {
                    findings.add(
                        Finding(
                            .warning, .inputDamaged,
                            "row has \(fields.count) fields but the header has \(roles.count); skipped (if every row differs, the header does not describe the rows: pass --query-gpu with the real field list)",
                            location: location(line.number)),
                        kind: "field-count", summary: "rows with the wrong number of fields")
                }
                return
            }
            let timeField = bytes.extracting(fields[timeColumn])
            guard let timestamp = days.parse(timeField) else {
                let text = String(decoding: timeField.prefix(40), as: UTF8.self)
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "unreadable timestamp '\(text)' (expected e.g. 2024/03/05 14:02:11.517, ISO 8601 or Unix seconds); row skipped",
                        location: location(line.number)),
                    kind: "timestamp", summary: "rows with unreadable timestamps")
                return
            }
            let seconds = accumulator!.utc(of: timestamp, line: line.number)
            if !wideColumns.isEmpty {
                accumulator!.countRow()
                for wide in wideColumns {
                    let slot = wide.key.withByteView { key in
                        accumulator!.slotIndex(forKey: key) { DeviceID(index: wide.index) }
                    }
                    guard let slot else { continue }
                    accumulator!.add(
                        powerReading(bytes, column: wide.column, scale: wide.scale), field: 0, slot: slot,
                        seconds: seconds)
                }
                return
            }
            var slotIndex = accumulator!.nextSlot(row: bytes, fields: fields, identityColumns: identityColumns)
            if slotIndex == nil {
                keyScratch.removeAll(keepingCapacity: true)
                for (column, _) in identityColumns {
                    keyScratch.append(contentsOf: bytes.extracting(fields[column]))
                    keyScratch.append(0x1f)
                }
                slotIndex = keyScratch.withByteView { accumulator!.existingSlot(forKey: $0) }
            }
            if slotIndex == nil {
                let identity = identity(bytes)
                slotIndex = keyScratch.withByteView { key in accumulator!.slotIndex(forKey: key) { identity } }
            }
            guard let slot = slotIndex else {
                findings.add(
                    Finding(
                        .warning, .inputLimit,
                        "more than \(PowerRowAccumulator.maximumGPUs) distinct GPUs; row skipped (check the GPU id columns)",
                        location: location(line.number)),
                    kind: "gpus", summary: "rows beyond the GPU limit")
                return
            }
            accumulator!.countRow()
            var utilization: Double?
            if let utilizationColumn, let percent = FieldBytes.number(bytes, fields[utilizationColumn]) {
                utilization = percent
                accumulator!.addUtilization(percent, slot: slot)
            }
            for (field, column) in powerColumns.enumerated() {
                if let watts = powerWatts(bytes, column: column.column, scale: column.scale) {
                    accumulator!.add(
                        watts: watts, field: field, slot: slot, seconds: seconds, utilizationPercent: utilization)
                } else {
                    accumulator!.add(
                        FieldBytes.reading(bytes, fields[column.column]), field: field, slot: slot, seconds: seconds,
                        utilizationPercent: utilization)
                }
            }
        }

        /// A power column's number in watts (a column in mW or kW scaled), or nil when the field holds none.
        func powerWatts(_ bytes: ByteView, column: Int, scale: Double) -> Double? {
            FieldBytes.number(bytes, fields[column]).map { scale != 1 ? $0 * scale : $0 }
        }

        /// A power column's reading, in watts when it is a number.
        func powerReading(_ bytes: ByteView, column: Int, scale: Double) -> FieldReading {
            powerWatts(bytes, column: column, scale: scale).map(FieldReading.number)
                ?? FieldBytes.reading(bytes, fields[column])
        }

        func identity(_ bytes: ByteView) -> DeviceID {
            var identity = DeviceID()
            for (column, role) in identityColumns {
                let text = bytes.string(in: fields[column])
                switch role {
                case .index: identity.index = identity.index ?? text
                case .uuid: identity.uuid = identity.uuid ?? text
                case .busID: identity.busID = identity.busID ?? text
                case .name: identity.name = identity.name ?? text
                case .otherID: identity.otherID = identity.otherID ?? text
                default: break
                }
            }
            return identity
        }

        mutating func finish(encoding: InputEncoding, findings: inout FindingLog) -> PowerLog? {
            guard let accumulator, header != nil, timeColumn != nil else {
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
                        "the header repeats \(repeatedHeaders) times (appended or restarted logger); repeats skipped",
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
            log.gpus = Self.labelled(log.gpus)
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

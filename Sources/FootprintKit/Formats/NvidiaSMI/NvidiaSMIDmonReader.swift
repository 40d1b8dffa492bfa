/// Reads `nvidia-smi dmon` logs into per-GPU power traces, streaming.
///
/// Accepts the whitespace-aligned columns under a `# gpu pwr …` header pair (repeated every few dozen lines), any
/// column set (`-s pucm…`), `-` for missing values, and the `#Date Time` columns that `-o DT` adds (local time).
/// Rows with `-o T`'s time of day alone take their date from ``PowerLogReadingOptions/dmonStart`` (a day later at
/// each midnight passed); rows without date or time are placed from that start and the sampling interval (one
/// tick per round of GPUs). Without a start the log cannot be placed on the clock and is reported as such.
struct NvidiaSMIDmonReader {
    private static let maximumFields = 128

    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        var parser = Parser(displayPath: displayPath, options: options)
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) {
            line, findings in
            parser.consume(line, findings: &findings)
            return true
        }
        return parser.finish(encoding: encoding, findings: &findings)
    }

    private struct Parser {
        let displayPath: String
        let options: PowerLogReadingOptions
        var columns: [String] = []
        var dateColumn: Int?
        var timeColumn: Int?
        var gpuColumn: Int?
        var powerColumn: Int?
        var utilizationColumn: Int?
        var accumulator: PowerRowAccumulator
        var fields = LineFields(maximumCount: NvidiaSMIDmonReader.maximumFields)
        var dataRows = 0
        var unplaceableRows = 0
        var tick = -1
        /// For `-o T` rows (a time, no date): the last row's second of the day, and the days since the start's.
        var lastSecondOfDay: Double?
        var daysAfterStart = 0
        var gpusInTick: Set<[UInt8]> = []
        var timeScratch: [UInt8] = []

        init(displayPath: String, options: PowerLogReadingOptions) {
            self.displayPath = displayPath
            self.options = options
            accumulator = PowerRowAccumulator(powerFields: ["pwr"], options: options)
        }

        mutating func consume(_ line: TextLine, findings: inout FindingLog) {
            let bytes = line.bytes
            guard fields.splitAtWhitespace(bytes), !fields.isEmpty else { return }
            if bytes[fields[0].lowerBound] == UInt8(ascii: "#") {
                readHeader(bytes)
                return
            }
            guard !columns.isEmpty else { return }
            guard fields.count == columns.count else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "row has \(fields.count) columns but the header has \(columns.count); skipped",
                        location: InputLocation(path: displayPath, line: line.number)),
                    kind: "columns", summary: "rows with the wrong number of columns")
                return
            }
            dataRows += 1
            guard let gpuColumn else { return }
            let gpuKey = Array(bytes.extracting(fields[gpuColumn]))
            if tick < 0 || gpusInTick.contains(gpuKey) {
                tick += 1
                gpusInTick.removeAll(keepingCapacity: true)
            }
            gpusInTick.insert(gpuKey)
            let timestamp: LogTimestamp?
            if let dateColumn, let timeColumn {
                timeScratch.removeAll(keepingCapacity: true)
                timeScratch.append(contentsOf: bytes.extracting(fields[dateColumn]))
                timeScratch.append(0x20)
                timeScratch.append(contentsOf: bytes.extracting(fields[timeColumn]))
                timestamp = TimestampParser.parse(timeScratch)
                if timestamp == nil { return noteUnreadableTime(line: line.number, findings: &findings) }
            } else if let timeColumn, let start = options.dmonStart {
                // `-o T`: each row's time of day, on the start's date, a day later each time it passes midnight.
                // The time read as on 1970-01-01 by the parser of `-o DT` rows: its seconds into the day.
                timeScratch.removeAll(keepingCapacity: true)
                timeScratch.append(contentsOf: "1970-01-01 ".utf8)
                timeScratch.append(contentsOf: bytes.extracting(fields[timeColumn]))
                guard case .local(let secondOfDay)? = TimestampParser.parse(timeScratch) else {
                    return noteUnreadableTime(line: line.number, findings: &findings)
                }
                if let last = lastSecondOfDay, secondOfDay < last - 43_200 { daysAfterStart += 1 }
                lastSecondOfDay = secondOfDay
                let days = Double(daysAfterStart)
                func onStartsDay(_ seconds: Double) -> Double {
                    ((seconds / 86_400).rounded(.down) + days) * 86_400 + secondOfDay
                }
                switch start {
                case .local(let seconds): timestamp = .local(onStartsDay(seconds))
                case .absolute(let seconds): timestamp = .absolute(onStartsDay(seconds))
                }
            } else if case .local(let start) = options.dmonStart {
                timestamp = .local(start + Double(tick) * options.dmonIntervalSeconds)
            } else if case .absolute(let start) = options.dmonStart {
                timestamp = .absolute(start + Double(tick) * options.dmonIntervalSeconds)
            } else {
                unplaceableRows += 1
                return
            }
            guard let timestamp else { return }
            let seconds = accumulator.utc(of: timestamp, line: line.number)
            let slot = gpuKey.withByteView { key in
                accumulator.slotIndex(forKey: key) { DeviceID(index: String(decoding: gpuKey, as: UTF8.self)) }
            }
            guard let slot else { return }
            accumulator.countRow()
            var utilization: Double?
            if let utilizationColumn, case .number(let percent) = FieldBytes.reading(bytes, fields[utilizationColumn]) {
                utilization = percent
                accumulator.addUtilization(percent, slot: slot)
            }
            if let powerColumn {
                accumulator.add(
                    FieldBytes.reading(bytes, fields[powerColumn]),
                    field: 0, slot: slot, seconds: seconds, utilizationPercent: utilization)
            }
        }

        /// The finding of a row whose date or time cannot be read, which is skipped.
        func noteUnreadableTime(line: Int, findings: inout FindingLog) {
            findings.add(
                Finding(
                    .warning, .inputDamaged, "unreadable date/time; row skipped",
                    location: InputLocation(path: displayPath, line: line)),
                kind: "timestamp", summary: "rows with unreadable date/time")
        }

        /// The first line of a header pair names the columns; the second (units) is ignored.
        mutating func readHeader(_ bytes: ByteView) {
            var names = (0..<fields.count).map { index in
                bytes.string(in: fields[index])
            }
            if names.first == "#" {
                names.removeFirst()
            } else if let first = names.first {
                names[0] = String(first.dropFirst())
            }
            let lowered = names.map { $0.lowercased() }
            guard lowered.contains("gpu") else { return }
            columns = lowered
            dateColumn = lowered.firstIndex(of: "date")
            timeColumn = lowered.firstIndex(of: "time")
            gpuColumn = lowered.firstIndex(of: "gpu")
            powerColumn = lowered.firstIndex(of: "pwr")
            utilizationColumn = lowered.firstIndex(of: "sm")
        }

        mutating func finish(encoding: InputEncoding, findings: inout FindingLog) -> PowerLog? {
            let location = InputLocation(path: displayPath)
            guard !columns.isEmpty else {
                findings.add(Finding(.warning, .inputUnreadable, "no '# gpu …' header line found", location: location))
                return nil
            }
            if powerColumn == nil {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no pwr column (recorded without -s p); run nvidia-smi dmon -s pu -o DT to measure energy",
                        location: location))
            }
            if unplaceableRows > 0, timeColumn != nil {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "\(unplaceableRows) rows have a time but no date (nvidia-smi dmon -o T) and cannot be placed on the clock; pass --dmon-start 'YYYY-MM-DD HH:MM:SS' (the first row's local date and time), or record with nvidia-smi dmon -o DT",
                        location: location))
            } else if unplaceableRows > 0 {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "\(unplaceableRows) rows have no date/time columns and cannot be placed on the clock; pass --dmon-start 'YYYY-MM-DD HH:MM:SS' (the first row's local time) and --dmon-interval, or record with nvidia-smi dmon -o DT",
                        location: location))
            }
            var log = accumulator.finished(path: displayPath, format: .dmon, encoding: encoding)
            log.dataRowCount = dataRows
            return log
        }
    }
}

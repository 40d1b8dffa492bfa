/// Reads `dcgmi dmon -e …` text into per-GPU traces, streaming.
///
/// Accepts the header pair (`#Entity` or `# Entity` and short names, then `ID`/`Id` and units) wherever it is
/// repeated, rows in any entity order, `N/A` and blank fields (cut at the header's column positions when the token
/// count does not match), and the stop line. Only `GPU n` entities are read (instances `GPU-I`/`GPU-CI` repeat
/// device power). Times: a timestamp a user prepended to each line, else ``PowerLogReadingOptions/dmonStart`` and
/// the interval (one tick per round of entities, a new round also after each header pair); without either the
/// rows cannot be placed. Units: `POWER` W, `TOTEC` mJ (counter; its energy is preferred, see
/// ``EnergyCounterIntegrator``), `GPUTL` %.
struct DCGMDmonReader {
    private static let maximumFields = 256
    static let counterField = "TOTEC"

    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        var parser = Parser(displayPath: displayPath, options: options)
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) { line, findings in
            parser.consume(line, findings: &findings)
            return true
        }
        return parser.finish(encoding: encoding, findings: &findings)
    }

    /// Whether `line` is a header's first line: `#Entity` or `# Entity` (after any prefix), and the byte where it
    /// starts.
    static func headerStart(_ line: String) -> String.Index? {
        var index = line.startIndex
        while let hash = line[index...].firstIndex(of: "#") {
            let after = line[line.index(after: hash)...]
            if after.hasPrefix("Entity") || after.hasPrefix(" Entity") { return hash }
            index = line.index(after: hash)
        }
        return nil
    }

    private struct Parser {
        let displayPath: String
        let options: PowerLogReadingOptions
        var table: DCGMDeviceTable
        var fields = LineFields(maximumCount: DCGMDmonReader.maximumFields)
        /// Column names after the entity, and their start offsets from the header's `#`.
        var names: [String] = []
        var starts: [Int] = []
        var powerColumn: Int?
        var counterColumn: Int?
        var utilizationColumn: Int?
        var dataRows = 0
        var unplaceableRows = 0
        var otherEntityRows = 0
        var tick = -1
        var entitiesInTick: Set<String> = []
        /// Whether a header pair came since the last row.
        var tickEnded = false
        var stopLine: Int?

        init(displayPath: String, options: PowerLogReadingOptions) {
            self.displayPath = displayPath
            self.options = options
            table = DCGMDeviceTable(options: options)
        }

        mutating func consume(_ line: TextLine, findings: inout FindingLog) {
            // Rows hold no `#`: only other lines are looked at as text.
            if line.bytes.firstIndex(of: UInt8(ascii: "#"), from: 0) != nil {
                let text = String(decoding: line.bytes, as: UTF8.self)
                if let start = DCGMDmonReader.headerStart(text) {
                    readHeader(text[start...])
                    return
                }
            }
            guard !names.isEmpty, fields.splitAtWhitespace(line.bytes), fields.count >= 2 else { return }
            guard let entity = (0..<(fields.count - 1)).first(where: { isEntity(line.bytes, $0) }) else {
                if String(decoding: line.bytes, as: UTF8.self).contains("dmon was stopped") { stopLine = line.number }
                return
            }
            let entityType = line.bytes.string(in: fields[entity])
            let entityID = line.bytes.string(in: fields[entity + 1])
            let location = InputLocation(path: displayPath, line: line.number)
            guard line.isTerminated else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged, "the last line ends without a newline (cut short); skipped",
                        location: location))
                return
            }
            guard let values = columnValues(line.bytes, entityField: entity) else {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "row has \(fields.count - entity - 2) values for \(names.count) columns and they do not line up under the header; skipped",
                        location: location),
                    kind: "columns", summary: "rows whose columns do not match the header")
                return
            }
            dataRows += 1
            let key = entityType + " " + entityID
            if tick < 0 || tickEnded || entitiesInTick.contains(key) {
                tick += 1
                tickEnded = false
                entitiesInTick.removeAll(keepingCapacity: true)
            }
            entitiesInTick.insert(key)
            guard entityType == "GPU" else {
                otherEntityRows += 1
                return
            }
            let timestamp: LogTimestamp
            let prefixEnd = fields[entity].lowerBound
            if prefixEnd > 0 {
                guard let parsed = Self.prefixTime(line.bytes.extracting(0..<prefixEnd)) else {
                    findings.add(
                        Finding(
                            .warning, .inputDamaged, "unreadable time before the entity; row skipped",
                            location: location),
                        kind: "timestamp", summary: "rows with unreadable times")
                    return
                }
                timestamp = parsed
            } else if let start = options.dmonStart {
                let offset = Double(tick) * options.dmonIntervalSeconds
                switch start {
                case .local(let seconds): timestamp = .local(seconds + offset)
                case .absolute(let seconds): timestamp = .absolute(seconds + offset)
                }
            } else {
                unplaceableRows += 1
                return
            }
            guard let seconds = table.utc(of: timestamp, at: location),
                let device = table.device(forKey: key, makeIdentity: { DeviceID(index: entityID) })
            else { return }
            var utilization: Double?
            if let utilizationColumn {
                let reading = values[utilizationColumn] ?? .unavailable("empty")
                table.addUtilization(reading, device: device)
                if case .number(let percent) = reading, percent < DCGMField.blankSentinel { utilization = percent }
            }
            if let powerColumn {
                table.addPower(
                    values[powerColumn] ?? .unavailable("empty"), device: device, seconds: seconds,
                    utilizationPercent: utilization)
            }
            if let counterColumn {
                table.addCounter(
                    values[counterColumn] ?? .unavailable("empty"), device: device, seconds: seconds, at: location)
            }
        }

        /// A prepended time: a date and time the clock layer parses, or Unix seconds.
        static func prefixTime(_ bytes: ByteView) -> LogTimestamp? {
            if let parsed = TimestampParser.parse(bytes) { return parsed }
            let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
            if let seconds = Double(text), seconds > 1e8 { return .absolute(seconds) }
            return nil
        }

        /// Whether field `index` starts an entity label: a known entity type followed by a number.
        func isEntity(_ bytes: ByteView, _ index: Int) -> Bool {
            let type = bytes.string(in: fields[index])
            guard ["GPU", "GPU-I", "GPU-CI", "CPU", "CPU-CORE", "Switch", "Link", "VGPU"].contains(type) else {
                return false
            }
            return !fields[index + 1].isEmpty
                && bytes.string(in: fields[index + 1]).allSatisfy { $0.isASCII && $0.isNumber }
        }

        /// The columns read (power, counter, utilization) of a row: its tokens when there is one per column, else
        /// the text under each header name (blank fields print only spaces); nil when neither fits.
        func columnValues(_ bytes: ByteView, entityField: Int) -> [Int: FieldReading]? {
            let first = entityField + 2
            let wanted = [powerColumn, counterColumn, utilizationColumn].compactMap { $0 }
            if fields.count - first == names.count {
                return Dictionary(
                    wanted.map { ($0, FieldBytes.reading(bytes, fields[first + $0])) }, uniquingKeysWith: { a, _ in a })
            }
            let anchor = fields[entityField].lowerBound
            guard fields.count - first < names.count else { return nil }
            var values: [Int: FieldReading] = [:]
            for column in names.indices {
                let start = anchor + starts[column]
                let end = column + 1 < names.count ? anchor + starts[column + 1] : bytes.count
                guard start <= bytes.count else {
                    values[column] = .unavailable("empty")
                    continue
                }
                var low = start
                var high = min(end, bytes.count)
                // A value must start at its column: a token running across a boundary means the cut is wrong.
                if low > 0, low < high, bytes[low] != 0x20, bytes[low - 1] != 0x20 { return nil }
                while low < high && bytes[low] == 0x20 { low += 1 }
                while high > low && bytes[high - 1] == 0x20 { high -= 1 }
                if wanted.contains(column) { values[column] = FieldBytes.reading(bytes, low..<high) }
            }
            return values
        }

        /// The first line of a header pair names the columns; the second (units) is passed over as not a row.
        mutating func readHeader(_ header: Substring) {
            var rest = header.dropFirst(header.hasPrefix("# Entity") ? 8 : 7)
            var parsedNames: [String] = []
            var parsedStarts: [Int] = []
            var offset = header.count - rest.count
            while let start = rest.firstIndex(where: { $0 != " " && $0 != "\t" }) {
                offset += rest.distance(from: rest.startIndex, to: start)
                rest = rest[start...]
                let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
                let name = String(rest[..<end])
                parsedNames.append(name)
                parsedStarts.append(offset)
                offset += name.count
                rest = rest[end...]
            }
            names = parsedNames
            starts = parsedStarts
            powerColumn = names.firstIndex { DCGMField(shortName: $0) == .power }
            counterColumn = names.firstIndex { DCGMField(shortName: $0) == .energyCounter }
            utilizationColumn = names.firstIndex { DCGMField(shortName: $0) == .utilization }
            // The pair is printed between ticks: what follows starts a new one.
            tickEnded = true
        }

        mutating func finish(encoding: InputEncoding, findings: inout FindingLog) -> PowerLog? {
            let location = InputLocation(path: displayPath)
            guard !names.isEmpty else {
                findings.add(
                    Finding(.warning, .inputUnreadable, "no '#Entity …' header line found", location: location))
                return nil
            }
            if powerColumn == nil && counterColumn == nil {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "no POWER (155) or TOTEC (156) field; record with dcgmi dmon -e 155,156 to measure energy",
                        location: location))
            }
            if unplaceableRows > 0 {
                findings.add(
                    Finding(
                        .warning, .inputUnreadable,
                        "\(unplaceableRows) rows have no time (dcgmi dmon writes none) and cannot be placed on the clock; pass --dmon-start 'YYYY-MM-DD HH:MM:SS' (the first row's local time) and --dmon-interval (dcgmi's -d in seconds, 1 by default), or prepend a timestamp to each line",
                        location: location))
            }
            if let stopLine {
                findings.add(
                    Finding(
                        .note, .inputDamaged, "dmon was stopped by a signal here; the rows before it are read",
                        location: InputLocation(path: displayPath, line: stopLine)))
            }
            return table.finished(
                path: displayPath, format: .dcgm, encoding: encoding,
                powerField: powerColumn.map { names[$0] }, counterField: DCGMDmonReader.counterField,
                dataRowCount: dataRows, findings: &findings)
        }
    }
}

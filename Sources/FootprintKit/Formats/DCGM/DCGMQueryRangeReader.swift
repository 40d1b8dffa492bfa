/// Reads a Prometheus `query_range` (or instant query) result of DCGM metrics, streaming: JSON
/// `{"status":…,"data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]},…]}}`.
///
/// Times are Unix seconds; values strings (`"NaN"` and `"±Inf"` are missing values, as are DCGM's blank
/// sentinels). A series' metric is its `__name__`, or, after a function dropped it, the DCGM metric named in the
/// file name; a series whose metric is neither known is passed over with a finding. A GPU is its `UUID` (else its
/// host and `gpu`), its host `Hostname` or `hostname`; Kubernetes labels (`pod`, `exported_pod`, …) are not part
/// of it. Several series of one GPU and metric (MIG instances repeating device-level lines, or a pod label that
/// changed between jobs) are merged in time order, whatever their order in the file (Prometheus orders series by
/// their labels, not their times): a point at the time of one already taken is a repeat and left out. The points
/// are therefore held until the document ends (a `query_range` result holds at most 11,000 per series). The
/// `metric` object must come before its `values`, as Prometheus writes them.
struct DCGMQueryRangeReader {
    static let counterField = DCGMExporterReader.counterField

    /// - Throws: ``FootprintError`` when the file cannot be opened; a malformed document is read up to the problem,
    ///   which a warning locates.
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog? {
        let (stream, encoding) = try InputOpener.open(path: path, limits: options.limits)
        let scanner = JSONScanner(
            stream: stream, displayPath: displayPath, maximumDepth: options.limits.maximumJSONDepth)
        var state = State(
            displayPath: displayPath, table: DCGMDeviceTable(options: options),
            fileNameField: DCGMField.named(in: displayPath))
        do {
            try readDocument(scanner, into: &state)
        } catch {
            findings.add(
                Finding(
                    .warning, .inputDamaged, error.message + "; the points before it are read",
                    location: error.location))
        }
        state.addPoints()
        for note in stream.notes {
            findings.add(Finding(.warning, .inputDamaged, note, location: InputLocation(path: displayPath)))
        }
        if let warning = state.unknownSeries.warning(
            .inputUnreadable,
            "series whose metric is not known (no __name__ and no DCGM metric in the file name) are passed over (the first here)"
        ) {
            findings.add(warning)
        }
        if state.status != nil, state.status != "success" {
            findings.add(
                Finding(
                    .warning, .inputUnreadable, "the query's status is \(state.status ?? "")",
                    location: InputLocation(path: displayPath)))
        }
        guard !state.table.isEmpty else {
            findings.add(
                Finding(
                    .warning, .inputUnreadable, "no series of a DCGM power or energy metric",
                    location: InputLocation(path: displayPath)))
            return nil
        }
        return state.table.finished(
            path: displayPath, format: .dcgm, encoding: encoding,
            powerField: state.hasPower ? "DCGM_FI_DEV_POWER_USAGE" : nil, counterField: counterField,
            dataRowCount: state.pointCount, findings: &findings)
    }

    private struct State {
        /// Gives the points read to the table, each GPU and metric in time order (points of one time in file order,
        /// the first taken).
        mutating func addPoints() {
            for key in pointKeys {
                let series = points[key] ?? []
                let order = series.indices.sorted { (series[$0].seconds, $0) < (series[$1].seconds, $1) }
                var latest = -Double.infinity
                for point in order.map({ series[$0] }) where point.seconds > latest {
                    latest = point.seconds
                    let location = InputLocation(path: displayPath, byteOffset: point.offset)
                    guard let utc = table.utc(of: .absolute(point.seconds), at: location) else { continue }
                    switch point.field {
                    case .power:
                        table.addPower(point.reading, device: point.device, seconds: utc, utilizationPercent: nil)
                    case .energyCounter:
                        table.addCounter(point.reading, device: point.device, seconds: utc, at: location)
                    case .utilization: table.addUtilization(point.reading, device: point.device)
                    }
                }
            }
            points = [:]
        }

        let displayPath: String
        var table: DCGMDeviceTable
        let fileNameField: DCGMField?
        var status: String?
        var pointCount = 0
        var hasPower = false
        var unknownSeries = RejectedValues()
        /// The points read per GPU and metric (in the order first seen), each with its place in the file, to be
        /// merged in time order once the document is read.
        var points: [String: [(seconds: Double, reading: FieldReading, offset: Int, device: Int, field: DCGMField)]] =
            [:]
        var pointKeys: [String] = []
        var text: [UInt8] = []
    }

    private static func readDocument(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            switch key {
            case "status":
                try scanner.readString(into: &state.text)
                state.status = String(decoding: state.text, as: UTF8.self)
            case "data": try readData(scanner, into: &state)
            default: try scanner.skipValue(depth: 1)
            }
        }
        try scanner.expectEnd()
    }

    private static func readData(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            guard key == "result", try scanner.peekToken() == UInt8(ascii: "[") else {
                try scanner.skipValue(depth: 2)
                continue
            }
            try scanner.expect(UInt8(ascii: "["))
            var firstSeries = true
            while try scanner.nextElement(first: &firstSeries) { try readSeries(scanner, into: &state) }
        }
    }

    private static func readSeries(_ scanner: JSONScanner, into state: inout State) throws(FootprintError) {
        let offset = scanner.byteOffset
        try scanner.expect(UInt8(ascii: "{"))
        var labels: [String: String] = [:]
        var first = true
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            switch key {
            case "metric": labels = try readLabels(scanner, into: &state)
            case "values", "value":
                let field = labels["__name__"].flatMap { DCGMField(metricName: $0) } ?? state.fileNameField
                guard let field, labels["__name__"] == nil || DCGMField(metricName: labels["__name__"] ?? "") != nil
                else {
                    if labels["__name__"] == nil {
                        state.unknownSeries.note(at: InputLocation(path: state.displayPath, byteOffset: offset))
                    }
                    try scanner.skipValue(depth: 4)
                    continue
                }
                try readPoints(scanner, single: key == "value", field: field, labels: labels, into: &state)
            default: try scanner.skipValue(depth: 4)
            }
        }
    }

    private static func readLabels(_ scanner: JSONScanner, into state: inout State) throws(FootprintError)
        -> [String: String]
    {
        var labels: [String: String] = [:]
        try scanner.expect(UInt8(ascii: "{"))
        var first = true
        while let key = try scanner.nextKey(first: &first, { String(decoding: $0, as: UTF8.self) }) {
            guard try scanner.peekToken() == UInt8(ascii: "\"") else {
                try scanner.skipValue(depth: 5)
                continue
            }
            try scanner.readString(into: &state.text)
            labels[key] = String(decoding: state.text, as: UTF8.self)
        }
        return labels
    }

    /// The points of one series: an array of `[t, "v"]` pairs, or one pair for an instant query's `value`.
    private static func readPoints(
        _ scanner: JSONScanner, single: Bool, field: DCGMField, labels: [String: String], into state: inout State
    ) throws(FootprintError) {
        let host = labels["Hostname"] ?? labels["hostname"] ?? ""
        let uuid = labels["UUID"]
        let index = labels["gpu"]
        let key = host + "/" + (uuid.map { "uuid:" + $0 } ?? "gpu:" + (index ?? "0"))
        guard
            let device = state.table.device(
                forKey: key,
                makeIdentity: {
                    DeviceID(
                        host: host, index: index, uuid: uuid, busID: labels["pci_bus_id"], name: labels["modelName"])
                })
        else { return try scanner.skipValue(depth: 4) }
        if field == .power { state.hasPower = true }
        let seriesKey = key + "/\(field)"
        if state.points[seriesKey] == nil { state.pointKeys.append(seriesKey) }
        var first = true
        var more = true
        if !single {
            try scanner.expect(UInt8(ascii: "["))
            more = try scanner.nextElement(first: &first)
        }
        while more {
            let offset = scanner.byteOffset
            try scanner.expect(UInt8(ascii: "["))
            var inner = true
            guard try scanner.nextElement(first: &inner) else { throw scanner.error("an empty point") }
            let seconds = try scanner.readNumber()
            guard try scanner.nextElement(first: &inner) else { throw scanner.error("a point without a value") }
            let reading = try scanner.readString { view in
                if case .number(let value) = FieldBytes.reading(view, 0..<view.count) {
                    return FieldReading.number(value)
                }
                return DCGMExporterReader.reading(String(decoding: view, as: UTF8.self))
            }
            guard try !scanner.nextElement(first: &inner) else {
                throw scanner.error("a point with more than two values")
            }
            state.pointCount += 1
            state.points[seriesKey, default: []].append((seconds, reading, offset, device, field))
            more = single ? false : try scanner.nextElement(first: &first)
        }
    }
}

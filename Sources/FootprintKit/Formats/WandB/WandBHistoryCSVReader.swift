/// Reads a CSV export of a W&B run's system metrics (`run.history(stream="system")` saved with pandas, plain or
/// gzip) into GPU power traces, streaming.
///
/// Accepts a header naming `_timestamp` (epoch seconds) and `system.gpu.{i}.powerWatts` columns in any order,
/// beside any others (pandas' unnamed index, `_runtime`, `system.gpu.process.{i}.*`, which are not read). Empty
/// cells are not samples: with per-asset records a row holds only one asset's keys. A row whose time is not a
/// number, or with more cells than the header, is skipped with a warning naming its line.
enum WandBHistoryCSVReader {
    private static let maximumColumns = 8192

    /// Reads the file at `path`.
    ///
    /// - Throws: ``FootprintError`` when the file cannot be opened or read.
    static func read(
        path: String, displayPath: String, options: PowerLogReadingOptions, findings: inout FindingLog
    ) throws(FootprintError) -> PowerLog {
        var power = WandBPowerAccumulator(
            powerField: "system.gpu.N.powerWatts", displayPath: displayPath, options: options)
        var fields = LineFields(maximumCount: maximumColumns)
        var timeColumn: Int?
        var gpuColumns: [(column: Int, index: [UInt8])] = []
        var sawHeader = false
        let encoding = try PowerLogLines.forEachLine(
            path: path, displayPath: displayPath, options: options, findings: &findings
        ) { line, findings in
            let bytes = line.bytes
            guard !bytes.isEmpty else { return true }
            let location = InputLocation(path: displayPath, line: line.number)
            guard fields.split(bytes, at: UInt8(ascii: ",")) else {
                findings.add(
                    Finding(
                        .warning, .inputLimit, "more than \(maximumColumns) columns; line skipped", location: location))
                return true
            }
            guard sawHeader else {
                sawHeader = true
                for column in 0..<fields.count {
                    let name = bytes.extracting(fields[column])
                    if name.elementsEqual("_timestamp".utf8) { timeColumn = column }
                    if let digits = WandBPowerKey.indexRange(in: name, prefix: WandBPowerKey.systemPrefix) {
                        gpuColumns.append((column, Array(name.extracting(digits))))
                    }
                }
                return true
            }
            guard let timeColumn, !gpuColumns.isEmpty else { return false }
            guard fields.count > timeColumn, case .number(let seconds) = FieldBytes.reading(bytes, fields[timeColumn])
            else {
                findings.add(
                    Finding(.warning, .inputDamaged, "row without a readable _timestamp; skipped", location: location),
                    kind: "wandb-row-\(displayPath)", summary: "unreadable rows in \(displayPath)")
                return true
            }
            var counted = false
            for gpu in gpuColumns where gpu.column < fields.count && !fields[gpu.column].isEmpty {
                if !counted {
                    power.countRow()
                    counted = true
                }
                gpu.index.withByteView { index in
                    power.add(
                        index: index, reading: WandBValue.reading(bytes.extracting(fields[gpu.column])),
                        seconds: seconds, location: location)
                }
            }
            return true
        }
        if sawHeader, timeColumn == nil {
            findings.add(
                Finding(
                    .warning, .inputUnreadable, "no _timestamp column: the samples cannot be placed on the clock",
                    location: InputLocation(path: displayPath, line: 1)))
        }
        return power.finished(encoding: encoding)
    }
}

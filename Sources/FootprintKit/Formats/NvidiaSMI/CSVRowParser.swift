/// Reads the data rows of a power CSV under one ``CSVRowLayout``: fields, time as written, GPU, utilization and
/// power readings, the part of reading that needs nothing from earlier rows. Blocks of lines are therefore parsed
/// on all cores, and their batches accumulated in order (``NvidiaSMICSVReader``).
struct CSVRowParser {
    static let maximumFields = 512

    /// The layout's parts, held apart so that a row reads them without copying the layout.
    private let hasLayout: Bool
    private let fieldCount: Int
    private let headerLineBytes: [UInt8]
    private let timeColumn: Int
    private let identityColumns: [(column: Int, role: CSVColumnRole)]
    private let powerColumns: [(column: Int, scale: Double)]
    private let wideColumns: [(column: Int, scale: Double)]
    private let utilizationColumn: Int?
    private let queryFieldCount: Int?
    private var fields = LineFields(maximumCount: CSVRowParser.maximumFields)
    private var days = CalendarDayCache()
    private var keys = CSVRowKeys()

    init(layout: CSVRowLayout?) {
        hasLayout = layout != nil
        fieldCount = layout?.fieldCount ?? 0
        headerLineBytes = layout?.headerLineBytes ?? []
        timeColumn = layout?.timeColumn ?? 0
        identityColumns = layout?.identityColumns ?? []
        powerColumns = layout?.powerColumns ?? []
        wideColumns = layout?.wideColumns ?? []
        utilizationColumn = layout?.utilizationColumn
        queryFieldCount = layout?.queryFieldCount
    }

    /// The rows of `bytes` (whole lines, each ending in `\n`, or the last line without one when `isLastLine`), up
    /// to the first line only the header logic can read: any line before a layout is known, a line that may be a
    /// header (no field starts with a digit), and a row whose field count makes the `--query-gpu` list the columns.
    ///
    /// - Parameter batch: an empty batch for the layout's rows, whose storage they take (``CSVRowBatchPool``).
    static func parse(
        _ bytes: ByteView, isLastLine: Bool, layout: CSVRowLayout?, into batch: consuming CSVRowBatch
    ) -> CSVRowBatch {
        var parser = CSVRowParser(layout: layout)
        if isLastLine {
            let line = TextLine(bytes: LineBlock.withoutCarriageReturn(bytes), number: 1, isTerminated: false)
            if parser.take(line, into: &batch) { batch.lineCount = 1 } else { batch.stopOffset = 0 }
            return batch
        }
        var lineNumber = 0
        _ = LineBlock.forEachLine(in: bytes, numberedAfter: &lineNumber) { line, offset in
            guard parser.take(line, into: &batch) else {
                batch.stopOffset = offset
                return false
            }
            batch.lineCount = line.number
            return true
        }
        return batch
    }

    /// Reads `line` into `batch` when it is blank, a repeat of the header line or a data row; false when the header
    /// logic must read it.
    private mutating func take(_ line: TextLine, into batch: inout CSVRowBatch) -> Bool {
        let bytes = line.bytes
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard hasLayout else { return false }
        guard fields.split(bytes, at: UInt8(ascii: ",")) else {
            batch.problems.append((batch.rows.count, line.number, .tooManyFields))
            return true
        }
        if bytes.equals(headerLineBytes) {
            batch.repeatedHeaders += 1
            return true
        }
        guard Self.hasDataField(bytes, fields),
            fields.count == fieldCount || fields.count != queryFieldCount
        else { return false }
        addRow(bytes, line: line, into: &batch)
        return true
    }

    /// Reads `line`, which the header logic found to be a row, into `batch`.
    mutating func addRow(_ line: TextLine, into batch: inout CSVRowBatch) {
        guard hasLayout, fields.split(line.bytes, at: UInt8(ascii: ",")) else { return }
        addRow(line.bytes, line: line, into: &batch)
    }

    /// Whether a field starts with a digit, as a time or a number does: such a line is a data row, never a header
    /// (``CSVColumnRoles/looksLikeHeader(_:)`` wants no field to start with a number), whichever column it is in.
    static func hasDataField(_ bytes: ByteView, _ fields: LineFields) -> Bool {
        for index in 0..<fields.count where !fields[index].isEmpty {
            let byte = bytes[fields[index].lowerBound]
            if byte >= 0x30 && byte <= 0x39 { return true }
        }
        return false
    }

    /// Adds the row `bytes`, already split into ``fields``, or the problem that leaves it out (a last line without
    /// its newline is one: nvidia-smi ends every line, so the logger was stopped mid-write).
    private mutating func addRow(_ bytes: ByteView, line: TextLine, into batch: inout CSVRowBatch) {
        guard fields.count == fieldCount, line.isTerminated else {
            batch.problems.append(
                (batch.rows.count, line.number, .fieldCount(fields.count, isTerminated: line.isTerminated)))
            return
        }
        let timeField = bytes.extracting(fields[timeColumn])
        guard let timestamp = days.parse(timeField) else {
            let text = String(decoding: timeField.prefix(40), as: UTF8.self)
            batch.problems.append((batch.rows.count, line.number, .unreadableTimestamp(text)))
            return
        }
        if !wideColumns.isEmpty {
            batch.rows.append(
                CSVRowBatch.Row(line: line.number, slot: -1, timestamp: timestamp, utilizationPercent: nil))
            for index in wideColumns.indices {
                Self.addReading(bytes, fields[wideColumns[index].column], scale: wideColumns[index].scale, into: &batch)
            }
            return
        }
        let slot = keys.slot(of: bytes, fields: fields, identityColumns: identityColumns, into: &batch)
        var utilization: Double?
        if let utilizationColumn { utilization = FieldBytes.number(bytes, fields[utilizationColumn]) }
        batch.rows.append(
            CSVRowBatch.Row(line: line.number, slot: slot, timestamp: timestamp, utilizationPercent: utilization))
        for index in powerColumns.indices {
            Self.addReading(bytes, fields[powerColumns[index].column], scale: powerColumns[index].scale, into: &batch)
        }
    }

    /// Adds the reading of the power column in `field`: in watts when it is a finite number (a column in mW or kW
    /// scaled). Static, so that a row's loop over its columns does not copy the parser.
    private static func addReading(_ bytes: ByteView, _ field: Range<Int>, scale: Double, into batch: inout CSVRowBatch)
    {
        if let number = FieldBytes.number(bytes, field) {
            let watts = scale != 1 ? number * scale : number
            batch.watts.append(watts.isNaN ? .nan : watts)
            if watts.isNaN { batch.otherReadings.append(.number(watts)) }
        } else {
            batch.watts.append(.nan)
            batch.otherReadings.append(FieldBytes.reading(bytes, field))
        }
    }
}

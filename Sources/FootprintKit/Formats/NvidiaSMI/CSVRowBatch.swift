/// What a ``CSVRowParser`` read from a block of a power CSV's lines: the rows, the problems of the lines it left
/// out (in line order among the rows), and the line it stopped at when only the header logic can read it.
/// Lines are numbered from 1 within the block.
struct CSVRowBatch: Sendable {
    /// One row: its line, the GPU it names (an index into ``keys``; -1 for a wide row, which names one per column),
    /// its time as written and its utilization.
    struct Row: Sendable {
        var line: Int
        var slot: Int
        var timestamp: LogTimestamp
        var utilizationPercent: Double?
    }

    /// Why a line was left out: by the parser, or (``tooManyGPUs``) when its GPU found no slot.
    enum Problem: Sendable {
        case tooManyFields
        /// A row with another field count than the header's, or a last line without its newline: cut short (its
        /// last value may be cut too, `300.25` read as `3`) whatever its field count.
        case fieldCount(Int, isTerminated: Bool)
        case unreadableTimestamp(String)
        case tooManyGPUs
    }

    /// The ``CSVRowLayout/version`` the rows were read under.
    private(set) var layoutVersion: Int
    var rows: [Row] = []
    /// The power readings of the rows in watts, ``CSVRowLayout/readingsPerRow`` per row, in row order; NaN for a
    /// reading that is not a finite number, which ``otherReadings`` then holds, in the same order.
    var watts: [Double] = []
    var otherReadings: [FieldReading] = []
    /// Each problem with the index of the row after it and its line.
    var problems: [(beforeRow: Int, line: Int, problem: Problem)] = []
    /// The row key (identity columns' bytes, each followed by 0x1f) of each GPU the rows name, and the identity
    /// its first row gives.
    var keys: [[UInt8]] = []
    var identities: [DeviceID] = []
    /// Lines equal to the header line.
    var repeatedHeaders = 0
    /// Lines read, up to the stop.
    var lineCount = 0
    /// The line the header logic must read, by its byte offset in the block; the lines after it were not read.
    var stopOffset: Int?

    init(layoutVersion: Int) {
        self.layoutVersion = layoutVersion
    }

    /// Empties the batch for rows read under `layoutVersion`, keeping its storage.
    mutating func reuse(layoutVersion: Int) {
        self.layoutVersion = layoutVersion
        rows.removeAll(keepingCapacity: true)
        watts.removeAll(keepingCapacity: true)
        otherReadings.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        identities.removeAll(keepingCapacity: true)
        repeatedHeaders = 0
        lineCount = 0
        stopOffset = nil
    }
}

/// The GPUs that the rows of one block name, each by its row key: its identity columns' bytes, each followed by
/// 0x1f. Rows usually cycle through the GPUs in order, and a row whose identity columns are adjacent is matched
/// by the bytes from its first identity field to its last, without comparing field by field.
struct CSVRowKeys {
    /// Keys kept for lookup; a row naming yet another GPU gets a slot of its own, so that the accumulator's GPU
    /// limit, not this table, decides what is counted.
    private static let capacity = PowerRowAccumulator.maximumGPUs + 1

    private var spans: [[UInt8]?] = []
    private var last = 0
    private var scratch: [UInt8] = []

    /// The slot of the GPU of `row` (split into `fields`), from 0 in the order first seen; a new GPU is added to
    /// `batch` with its key and the identity `row` gives.
    mutating func slot(
        of row: ByteView, fields: LineFields, identityColumns: [(column: Int, role: CSVColumnRole)],
        into batch: inout CSVRowBatch
    ) -> Int {
        var span: ByteView?
        if !fields.hadQuotes, let first = identityColumns.first?.column, let lastColumn = identityColumns.last?.column,
            lastColumn - first == identityColumns.count - 1
        {
            span = row.extracting(fields[first].lowerBound..<fields[lastColumn].upperBound)
        }
        if !spans.isEmpty {
            let guess = last + 1 < spans.count ? last + 1 : 0
            if let span, let stored = spans[guess], span.equals(stored) {
                last = guess
                return guess
            }
        }
        scratch.removeAll(keepingCapacity: true)
        for (column, _) in identityColumns {
            scratch.append(contentsOf: row.extracting(fields[column]))
            scratch.append(0x1f)
        }
        if let index = batch.keys.indices.prefix(spans.count).first(where: { batch.keys[$0] == scratch }) {
            // Rows out of cycle: the span is stored again only when it changed, not copied on every row.
            if let span, spans[index].map({ !span.equals($0) }) ?? true { spans[index] = Array(span) }
            last = index
            return index
        }
        batch.keys.append(scratch)
        batch.identities.append(Self.identity(of: row, fields: fields, identityColumns: identityColumns))
        if spans.count < Self.capacity {
            spans.append(span.map { Array($0) })
            last = spans.count - 1
        }
        return batch.keys.count - 1
    }

    /// The ids `row`'s identity columns give (the first of each role).
    private static func identity(
        of row: ByteView, fields: LineFields, identityColumns: [(column: Int, role: CSVColumnRole)]
    ) -> DeviceID {
        var identity = DeviceID()
        for (column, role) in identityColumns {
            let text = row.string(in: fields[column])
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
}

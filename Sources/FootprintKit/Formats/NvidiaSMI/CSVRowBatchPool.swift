internal import Synchronization

/// Batches accumulated and handed back, for the row parsers of later blocks to fill again: their arrays keep their
/// storage, so that a long log is read without allocating (and faulting in) new memory for each block.
final class CSVRowBatchPool: Sendable {
    private let spare = Mutex<[CSVRowBatch]>([])

    /// A batch for rows read under `layoutVersion`: an emptied spare one when there is one.
    func take(layoutVersion: Int) -> CSVRowBatch {
        guard var batch = spare.withLock({ $0.popLast() }) else { return CSVRowBatch(layoutVersion: layoutVersion) }
        batch.reuse(layoutVersion: layoutVersion)
        return batch
    }

    /// Keeps `batch` for a later block.
    func give(_ batch: CSVRowBatch) {
        spare.withLock { $0.append(batch) }
    }
}

internal import Dispatch
internal import Synchronization

/// One block of a power CSV being parsed on another thread (``NvidiaSMICSVReader``): the reader hands each block
/// over as soon as it is read, and takes the rows of the oldest ones, in file order, as they are ready.
final class BlockParsing: Sendable {
    private let group = DispatchGroup()
    private let batch = Mutex<CSVRowBatch?>(nil)

    /// Starts parsing `bytes` (whole lines, or the last line without a newline when `isLastLine`) under `layout`,
    /// into a batch from `pool`.
    init(_ bytes: [UInt8], isLastLine: Bool, layout: CSVRowLayout, pool: CSVRowBatchPool) {
        DispatchQueue.global().async(group: group) { [self] in
            let parsed = bytes.withByteView {
                CSVRowParser.parse(
                    $0, isLastLine: isLastLine, layout: layout, into: pool.take(layoutVersion: layout.version))
            }
            batch.withLock { $0 = parsed }
        }
    }

    /// Whether the rows are ready.
    var isFinished: Bool { group.wait(timeout: .now()) == .success }

    /// The rows, once parsed.
    func rows() -> CSVRowBatch? {
        group.wait()
        return batch.withLock { $0.take() }
    }
}

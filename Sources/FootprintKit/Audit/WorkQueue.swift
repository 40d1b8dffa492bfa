internal import Foundation

/// Hands out run indices to worker threads and collects their rows.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var rows: [AuditRow?]
    private(set) var fingerprints: [String: String] = [:]
    private(set) var reused = 0
    private var done = 0
    private var errors = 0

    init(count: Int) {
        self.count = count
        rows = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Records run `index`'s row; `fingerprint` is nil for a row the cache must not keep.
    func finish(
        _ index: Int, row: AuditRow, fingerprint: String?, reused wasReused: Bool,
        progress: (@Sendable (Int, Int, Int) -> Void)?
    ) {
        lock.lock()
        defer { lock.unlock() }
        rows[index] = row
        fingerprints[row.path] = fingerprint
        if wasReused { reused += 1 }
        done += 1
        if row.status == .error { errors += 1 }
        progress?(done, count, errors)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import Synchronization

/// How much of a file has been read as stored, and inflated when it is compressed, safe to ask from another thread
/// than the one reading: what a reader uses to foresee how much its storage must hold, and so grow it in one step
/// rather than by repeated doubling.
final class ReadProgress: Sendable {
    private let totalBytes = Atomic<Int>(0)
    private let bytesRead = Atomic<Int>(0)
    private let bytesInflated = Atomic<Int>(0)

    init() {}

    /// Records the size of the file open on `descriptor` (0 when it is not a regular file).
    func recordSize(of descriptor: Int32) {
        var status = stat()
        let isFile = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        totalBytes.store(isFile ? Int(status.st_size) : 0, ordering: .relaxed)
    }

    func add(bytesRead count: Int) {
        bytesRead.add(count, ordering: .relaxed)
    }

    func add(bytesInflated count: Int) {
        bytesInflated.add(count, ordering: .relaxed)
    }

    /// The share of the file that comes before byte `offset` of its content (inflated, for a compressed file,
    /// where the share is estimated by the compression so far), in (0, 1]; nil when it cannot be told.
    func fraction(before offset: Int) -> Double? {
        let total = totalBytes.load(ordering: .relaxed)
        guard total > 0, offset > 0 else { return nil }
        var stored = Double(offset)
        // Bytes inflated: the file is compressed, and its content's offsets are not positions in it.
        let inflated = bytesInflated.load(ordering: .relaxed)
        if inflated > 0 { stored *= Double(bytesRead.load(ordering: .relaxed)) / Double(inflated) }
        guard stored > 0 else { return nil }
        return min(1, stored / Double(total))
    }
}

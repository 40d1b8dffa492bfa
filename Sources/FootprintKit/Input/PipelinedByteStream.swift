internal import Foundation

/// Runs another stream (gzip inflation) on its own thread, a few chunks ahead of the reader, so that inflating
/// and parsing use two cores. Memory: at most ``depth`` chunks of ``chunkBytes`` in flight.
final class PipelinedByteStream: ByteStream {
    static let chunkBytes = 1 << 20
    static let depth = 4

    /// What the producer thread and the reader share, under `condition`.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var ready: [[UInt8]] = []
        var spare: [[UInt8]] = []
        var ended = false
        var failure: FootprintError?
        var cancelled = false
        var notes: [String] = []
    }

    private let shared = Shared()
    private var current: [UInt8] = []
    private var offset = 0

    init(source: any ByteStream) {
        let shared = self.shared
        let box = SourceBox(source)
        let thread = Thread {
            Self.produce(from: box.source, into: shared)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        shared.condition.lock()
        shared.cancelled = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// The source's notes, once it has ended.
    var notes: [String] {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        return shared.notes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        if offset == current.count {
            shared.condition.lock()
            if !current.isEmpty { shared.spare.append(current) }
            current = []
            offset = 0
            while shared.ready.isEmpty && !shared.ended && shared.failure == nil { shared.condition.wait() }
            if shared.ready.isEmpty {
                let failure = shared.failure
                shared.condition.unlock()
                if let failure { throw failure }
                return 0
            }
            current = shared.ready.removeFirst()
            shared.condition.broadcast()
            shared.condition.unlock()
        }
        let count = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { bytes in
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    private static func produce(from source: any ByteStream, into shared: Shared) {
        while true {
            shared.condition.lock()
            while shared.ready.count >= depth && !shared.cancelled { shared.condition.wait() }
            if shared.cancelled {
                shared.condition.unlock()
                return
            }
            var chunk = shared.spare.popLast() ?? []
            shared.condition.unlock()
            if chunk.count != chunkBytes { chunk = [UInt8](repeating: 0, count: chunkBytes) }
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { raw in try source.read(into: raw) }
            } catch {
                shared.condition.lock()
                shared.failure = error as? FootprintError ?? FootprintError(.unreadableInput, "\(error)")
                shared.notes = source.notes
                shared.condition.broadcast()
                shared.condition.unlock()
                return
            }
            shared.condition.lock()
            if count == 0 {
                shared.ended = true
                shared.notes = source.notes
                shared.condition.broadcast()
                shared.condition.unlock()
                return
            }
            chunk.removeLast(chunk.count - count)
            shared.ready.append(chunk)
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }
}

/// Hands a stream to the producer thread, which alone uses it from then on.
private final class SourceBox: @unchecked Sendable {
    let source: any ByteStream
    init(_ source: any ByteStream) { self.source = source }
}

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
            // Each chunk is filled to the end (the inflater returns less than asked at the end of its input), so
            // only the last one is short and a spare one is reused without being filled with zeros again.
            if chunk.count != chunkBytes { chunk = [UInt8](repeating: 0, count: chunkBytes) }
            var count = 0
            var failure: FootprintError?
            chunk.withUnsafeMutableBytes { raw in
                while count < raw.count {
                    do throws(FootprintError) {
                        let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]))
                        if read == 0 { break }
                        count += read
                    } catch {
                        failure = error
                        break
                    }
                }
            }
            // The source ended, or failed, within this chunk: what it holds is read before the end or the failure.
            let ended = count < chunk.count
            shared.condition.lock()
            if count > 0 {
                chunk.removeLast(chunk.count - count)
                shared.ready.append(chunk)
            }
            if ended {
                shared.failure = failure
                shared.ended = failure == nil
                shared.notes = source.notes
            }
            shared.condition.broadcast()
            shared.condition.unlock()
            if ended { return }
        }
    }
}

/// Hands a stream to the producer thread, which alone uses it from then on.
private final class SourceBox: @unchecked Sendable {
    let source: any ByteStream
    init(_ source: any ByteStream) { self.source = source }
}

/// Gives back bytes that were read ahead to sniff a stream, then the rest of the stream.
final class PrefixedByteStream: ByteStream {
    private var prefix: [UInt8]
    private var prefixOffset = 0
    private let rest: any ByteStream
    var notes: [String] { rest.notes }

    init(prefix: [UInt8], rest: any ByteStream) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        if prefixOffset < prefix.count {
            let count = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { bytes in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[prefixOffset..<prefixOffset + count]))
            }
            prefixOffset += count
            return count
        }
        return try rest.read(into: buffer)
    }

    /// Reads up to `count` bytes from `stream`, fewer only at its end.
    static func readAhead(_ count: Int, from stream: any ByteStream) throws(FootprintError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read: Int
            do {
                read = try bytes.withUnsafeMutableBytes { raw in
                    try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
            } catch let error as FootprintError {
                throw error
            } catch {
                throw FootprintError(.unreadableInput, "\(error)")
            }
            if read == 0 { break }
            filled += read
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}

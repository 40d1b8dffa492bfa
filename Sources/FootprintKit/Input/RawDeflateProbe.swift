internal import CFootprintZlib

/// Recognises a raw deflate stream (no gzip or zlib header, so no magic bytes) by inflating the start of a file:
/// it is one when the first bytes inflate without error into text.
enum RawDeflateProbe {
    /// Whether `head` begins a raw deflate stream whose first inflated bytes (at least 16) are text.
    static func isDeflatedText(_ head: [UInt8]) -> Bool {
        guard head.count >= 8 else { return false }
        var stream = z_stream()
        guard footprint_inflateInit2(&stream, -15) == Z_OK else { return false }
        defer { inflateEnd(&stream) }
        var input = head
        var output = [UInt8](repeating: 0, count: 4096)
        let (status, produced) = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                return (status, target.count - Int(stream.avail_out))
            }
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, produced >= 16 else { return false }
        let text = output.prefix(produced)
        return text.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }
    }
}

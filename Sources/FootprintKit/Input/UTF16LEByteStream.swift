/// Transcodes UTF-16 little-endian text (what a Windows shell redirect writes) to UTF-8 on the fly.
///
/// The byte-order mark must already have been consumed by the caller. Unpaired surrogates become U+FFFD.
final class UTF16LEByteStream: ByteStream {
    private let source: any ByteStream
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var pendingHighSurrogate: UInt32?
    var notes: [String] { source.notes }

    init(source: any ByteStream) {
        self.source = source
        input = .allocate(byteCount: 64 * 1024, alignment: 8)
    }

    deinit { input.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        var written = 0
        // Each code unit needs at most 4 output bytes (a pending high surrogate plus a low one).
        while written + 4 <= buffer.count {
            if inputEnd - inputStart < 2 {
                if sourceEnded { break }
                let leftover = inputEnd - inputStart
                if leftover > 0 { input[0] = input[inputStart] }
                inputStart = 0
                inputEnd = leftover
                let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
                if count == 0 { sourceEnded = true }
                inputEnd += count
                continue
            }
            let unit = UInt32(input[inputStart]) | UInt32(input[inputStart + 1]) << 8
            inputStart += 2
            var scalar: UInt32
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                if (0xDC00...0xDFFF).contains(unit) {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                } else {
                    written += Self.encode(0xFFFD, into: buffer, at: written)
                    scalar = unit
                }
            } else {
                scalar = unit
            }
            if (0xD800...0xDBFF).contains(scalar) {
                pendingHighSurrogate = scalar
                continue
            }
            if (0xDC00...0xDFFF).contains(scalar) { scalar = 0xFFFD }
            written += Self.encode(scalar, into: buffer, at: written)
        }
        if written == 0 && sourceEnded && pendingHighSurrogate != nil {
            pendingHighSurrogate = nil
            written = Self.encode(0xFFFD, into: buffer, at: 0)
        }
        return written
    }

    private static func encode(_ scalar: UInt32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[offset] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            buffer[offset] = UInt8(0xC0 | (scalar >> 6))
            buffer[offset + 1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            buffer[offset] = UInt8(0xE0 | (scalar >> 12))
            buffer[offset + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            buffer[offset + 2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            buffer[offset] = UInt8(0xF0 | (scalar >> 18))
            buffer[offset + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            buffer[offset + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            buffer[offset + 3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}

/// Transcodes UTF-16 little-endian text (what a Windows shell redirect writes) to UTF-8 on the fly.
///
/// The byte-order mark must already have been consumed by the caller. Unpaired surrogates become U+FFFD; a last
/// odd byte is dropped. The input is transcoded a buffer at a time into ``output``, which reads of any size then
/// drain: one code unit can take six bytes of UTF-8 (U+FFFD for an unpaired surrogate, then a character of three).
final class UTF16LEByteStream: ByteStream {
    private let source: any ByteStream
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceEnded = false
    private var pendingHighSurrogate: UInt32?
    /// UTF-8 transcoded and not read yet, from ``outputStart``.
    private var output: [UInt8] = []
    private var outputStart = 0
    var notes: [String] { source.notes }

    init(source: any ByteStream) {
        self.source = source
        input = .allocate(byteCount: 64 * 1024, alignment: 8)
    }

    deinit { input.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        var written = 0
        while written < buffer.count {
            if outputStart == output.count {
                guard try transcodeNext() else { break }
            }
            let count = min(buffer.count - written, output.count - outputStart)
            output.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: buffer[written..<(written + count)]).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[outputStart..<(outputStart + count)]))
            }
            written += count
            outputStart += count
        }
        return written
    }

    /// Transcodes the input read so far, reading more first when less than a code unit is left, into a fresh
    /// ``output``; false when the input is used up and nothing is left to give.
    private func transcodeNext() throws(FootprintError) -> Bool {
        output.removeAll(keepingCapacity: true)
        outputStart = 0
        while output.isEmpty {
            if inputEnd - inputStart < 2 {
                guard !sourceEnded else {
                    if pendingHighSurrogate != nil {
                        pendingHighSurrogate = nil
                        Self.encode(0xFFFD, into: &output)
                    }
                    return !output.isEmpty
                }
                let leftover = inputEnd - inputStart
                if leftover > 0 { input[0] = input[inputStart] }
                inputStart = 0
                inputEnd = leftover
                let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
                if count == 0 { sourceEnded = true }
                inputEnd += count
                continue
            }
            while inputEnd - inputStart >= 2 {
                let unit = UInt32(input[inputStart]) | UInt32(input[inputStart + 1]) << 8
                inputStart += 2
                transcode(unit)
            }
        }
        return true
    }

    /// Appends the UTF-8 of code unit `unit` to ``output``, or holds it when it is a high surrogate.
    private func transcode(_ unit: UInt32) {
        var scalar = unit
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
            } else {
                Self.encode(0xFFFD, into: &output)
            }
        }
        if (0xD800...0xDBFF).contains(scalar) {
            pendingHighSurrogate = scalar
            return
        }
        if (0xDC00...0xDFFF).contains(scalar) { scalar = 0xFFFD }
        Self.encode(scalar, into: &output)
    }

    /// Appends the UTF-8 of `scalar`, a Unicode scalar value (surrogates are replaced before).
    private static func encode(_ scalar: UInt32, into output: inout [UInt8]) {
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { output.append($0) }
    }
}

internal import CFootprintZlib

/// Inflates a gzip stream on the fly, in fixed-size chunks, with bounded output.
///
/// Accepts several gzip members one after another (append-compressed logs) and reads them all. A stream cut
/// short (a job killed mid-write) yields what came before the cut and a note; corrupt data ends the stream the
/// same way. Bytes after the last member that are not another member are ignored with a note. Output beyond
/// `maximumInflatedBytes` is not produced: the stream ends with a note naming the option to raise.
final class GzipByteStream: ByteStream {
    /// The compressed input read per refill.
    private static let inputChunkBytes = 256 * 1024

    private let source: any ByteStream
    private let zstream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var sourceEnded = false
    private var finished = false
    private var needsReset = false
    private let maximumInflatedBytes: UInt64
    private(set) var inflatedBytes: UInt64 = 0
    private(set) var notes: [String] = []

    /// Wraps `source`, which must start with a gzip header.
    init(source: any ByteStream, maximumInflatedBytes: UInt64) throws(FootprintError) {
        self.source = source
        self.maximumInflatedBytes = maximumInflatedBytes
        zstream = .allocate(capacity: 1)
        zstream.initialize(to: z_stream())
        input = .allocate(byteCount: Self.inputChunkBytes, alignment: 16)
        // 15 window bits + 16: gzip wrapper only.
        guard footprint_inflateInit2(zstream, 15 + 16) == Z_OK else {
            zstream.deallocate()
            input.deallocate()
            throw FootprintError(.unreadableInput, "zlib could not be initialised")
        }
    }

    deinit {
        inflateEnd(zstream)
        zstream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
        guard !finished, let outBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let remainingAllowed = maximumInflatedBytes - inflatedBytes
        if remainingAllowed == 0 {
            finish("stopped after \(inflatedBytes) inflated bytes (--max-inflated-bytes); the rest was not read")
            return 0
        }
        let outCount = Int(min(UInt64(buffer.count), remainingAllowed, UInt64(UInt32.max)))
        while true {
            if zstream.pointee.avail_in == 0 && !sourceEnded {
                let count = try source.read(into: input)
                if count == 0 {
                    sourceEnded = true
                } else {
                    zstream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    zstream.pointee.avail_in = uInt(count)
                }
            }
            if needsReset {
                if zstream.pointee.avail_in == 0 {
                    if sourceEnded {
                        finished = true
                        return 0
                    }
                    continue
                }
                // Another member follows only if the next byte starts a gzip header.
                if zstream.pointee.next_in.pointee != 0x1f {
                    finish("bytes after the end of the gzip data were ignored")
                    return 0
                }
                inflateReset(zstream)
                needsReset = false
            }
            zstream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
            zstream.pointee.avail_out = uInt(outCount)
            let status = inflate(zstream, Z_NO_FLUSH)
            let produced = outCount - Int(zstream.pointee.avail_out)
            inflatedBytes += UInt64(produced)
            switch status {
            case Z_STREAM_END:
                needsReset = true
            case Z_OK:
                break
            case Z_BUF_ERROR where sourceEnded && zstream.pointee.avail_in == 0:
                finish("the gzip stream is truncated: read up to the cut")
            case Z_BUF_ERROR:
                break
            default:
                let reason = zstream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                finish("the gzip data is corrupt (\(reason)): read up to the damage")
            }
            if produced > 0 { return produced }
            if finished { return 0 }
            if sourceEnded && zstream.pointee.avail_in == 0 && !needsReset {
                finish("the gzip stream is truncated: read up to the cut")
                return 0
            }
        }
    }

    private func finish(_ note: String) {
        if !finished { notes.append(note) }
        finished = true
    }
}

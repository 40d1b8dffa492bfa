internal import CFootprintIsal

/// Inflates a gzip stream on the fly, in fixed-size chunks, with bounded output, with Intel ISA-L's inflater (its
/// CRC-32 and length check of each member included).
///
/// Accepts several gzip members one after another (append-compressed logs) and reads them all. A stream cut
/// short (a job killed mid-write) yields what came before the cut and a note; corrupt data ends the stream the
/// same way. Bytes after the last member that are not another member are ignored with a note. Output beyond
/// `maximumInflatedBytes` is not produced: the stream ends with a note naming the option to raise.
final class GzipByteStream: ByteStream {
    /// The compressed input read per refill.
    private static let inputChunkBytes = 256 * 1024

    private let source: any ByteStream
    private let state: UnsafeMutablePointer<inflate_state>
    private let input: UnsafeMutableRawBufferPointer
    private var sourceEnded = false
    private var finished = false
    private var needsReset = false
    /// Input bytes of the current member the inflater has taken, while its flag byte (`FLG`, the fourth) is still
    /// to be checked; nil once checked.
    private var memberConsumed: Int? = 0
    /// Bytes the current member has produced (a checksum error before any is the header's).
    private var memberBytes: UInt64 = 0
    private let maximumInflatedBytes: UInt64
    private(set) var inflatedBytes: UInt64 = 0
    private let progress: ReadProgress?
    private(set) var notes: [String] = []

    /// Wraps `source`, which must start with a gzip header; `progress`, when given, counts the bytes inflated.
    init(source: any ByteStream, maximumInflatedBytes: UInt64, progress: ReadProgress? = nil) {
        self.source = source
        self.maximumInflatedBytes = maximumInflatedBytes
        self.progress = progress
        state = .allocate(capacity: 1)
        input = .allocate(byteCount: Self.inputChunkBytes, alignment: 16)
        Self.startMember(state, next: nil, available: 0)
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    /// Readies `state` for a gzip member (header, deflate data, CRC-32 and length) starting at `next`.
    private static func startMember(
        _ state: UnsafeMutablePointer<inflate_state>, next: UnsafeMutablePointer<UInt8>?, available: UInt32
    ) {
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        state.pointee.next_in = next
        state.pointee.avail_in = available
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
            if state.pointee.avail_in == 0 && !sourceEnded {
                let count = try source.read(into: input)
                if count == 0 {
                    sourceEnded = true
                } else {
                    state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    state.pointee.avail_in = UInt32(count)
                }
            }
            if needsReset {
                if state.pointee.avail_in == 0 {
                    if sourceEnded {
                        finished = true
                        return 0
                    }
                    continue
                }
                // Another member follows only if the next byte starts a gzip header.
                if state.pointee.next_in.pointee != 0x1f {
                    finish("bytes after the end of the gzip data were ignored")
                    return 0
                }
                Self.startMember(state, next: state.pointee.next_in, available: state.pointee.avail_in)
                needsReset = false
                memberConsumed = 0
                memberBytes = 0
            }
            if let consumed = memberConsumed, 3 - consumed < Int(state.pointee.avail_in) {
                // RFC 1952: a decompressor must refuse reserved flag bits (zlib does; ISA-L reads on).
                memberConsumed = nil
                if state.pointee.next_in[3 - consumed] & 0xE0 != 0 {
                    finish("the gzip data is corrupt (unknown header flags set): read up to the damage")
                    return 0
                }
            }
            let availableBefore = state.pointee.avail_in
            state.pointee.next_out = outBase.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(outCount)
            let status = isal_inflate(state)
            let produced = outCount - Int(state.pointee.avail_out)
            memberConsumed? += Int(availableBefore - state.pointee.avail_in)
            inflatedBytes += UInt64(produced)
            memberBytes += UInt64(produced)
            progress?.add(bytesInflated: produced)
            if status == ISAL_INCORRECT_CHECKSUM && memberBytes == 0 {
                finish("the gzip data is corrupt (header crc mismatch): read up to the damage")
            } else if status < 0 {
                finish("the gzip data is corrupt (\(Self.describe(status))): read up to the damage")
            } else if state.pointee.block_state == ISAL_BLOCK_FINISH {
                needsReset = true
            } else if produced == 0 && state.pointee.avail_in == availableBefore && availableBefore > 0 {
                // Neither input taken nor output made: the inflater cannot go on with these bytes.
                finish("the gzip data is corrupt (no progress): read up to the damage")
            }
            if produced > 0 { return produced }
            if finished { return 0 }
            if sourceEnded && state.pointee.avail_in == 0 && !needsReset {
                finish("the gzip stream is truncated: read up to the cut")
                return 0
            }
        }
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: "invalid deflate block"
        case ISAL_INVALID_SYMBOL: "invalid deflate symbol"
        case ISAL_INVALID_LOOKBACK: "invalid distance"
        case ISAL_INVALID_WRAPPER: "invalid gzip header"
        case ISAL_UNSUPPORTED_METHOD: "not deflate"
        case ISAL_INCORRECT_CHECKSUM: "CRC-32 or length mismatch"
        default: "error \(status)"
        }
    }

    private func finish(_ note: String) {
        if !finished { notes.append(note) }
        finished = true
    }
}

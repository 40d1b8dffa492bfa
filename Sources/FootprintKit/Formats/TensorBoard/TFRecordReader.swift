internal import Foundation

/// Walks the TFRecord framing of a byte stream: `uint64 length · uint32 masked CRC-32C of the length · data ·
/// uint32 masked CRC-32C of the data`, both checksums checked.
///
/// Memory is one buffer of about a megabyte, grown only to fit the largest record (bounded by
/// `maximumRecordBytes`). Damage is located and survived:
/// - a bad data checksum skips that record (its length is trustworthy) with a warning;
/// - a bad length checksum or an absurd length means the framing is lost: the reader scans forward byte by byte
///   for the next header whose length checksum holds, and says how many bytes it skipped;
/// - a partial last record (a file still being written, or cut short) ends the file with a note.
final class TFRecordReader {
    static let readChunkBytes = 1 << 20
    private static let headerBytes = 12
    private static let footerBytes = 4

    private let stream: any ByteStream
    private let displayPath: String
    private let maximumRecordBytes: Int
    /// Owned storage; `start..<end` holds unread bytes.
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readChunkBytes, alignment: 16)
    private var start = 0
    private var end = 0
    /// Offset in the stream of `buffer[0]`.
    private var bufferOffset = 0
    private var isAtEnd = false

    init(stream: any ByteStream, displayPath: String, maximumRecordBytes: Int) {
        self.stream = stream
        self.displayPath = displayPath
        self.maximumRecordBytes = maximumRecordBytes
    }

    deinit {
        buffer.deallocate()
    }

    /// Calls `body` with each intact record's data, its 0-based index and the byte offset of its header.
    func forEachRecord(
        findings: inout FindingLog,
        _ body: (_ data: UnsafeRawBufferPointer, _ index: Int, _ byteOffset: Int) throws(FootprintError) -> Void
    ) throws(FootprintError) -> TFRecordCounts {
        var outcome = TFRecordCounts()
        var resyncStart: Int?
        while true {
            guard try fill(Self.headerBytes) else {
                if end > start { outcome.truncatedTailBytes = end - start }
                break
            }
            let offset = bufferOffset + start
            let length = buffer.loadUnaligned(fromByteOffset: start, as: UInt64.self).littleEndian
            let lengthIsIntact = CRC32C.masked(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 8)]))
                == buffer.loadUnaligned(fromByteOffset: start + 8, as: UInt32.self).littleEndian
            guard lengthIsIntact, length <= UInt64(maximumRecordBytes) else {
                if resyncStart == nil {
                    resyncStart = offset
                    let problem = lengthIsIntact
                        ? "record length \(length) B is above the limit of \(maximumRecordBytes) B (raise it with --max-record-bytes if the file really holds such records)"
                        : "record header checksum does not match: the framing is damaged"
                    findings.add(
                        Finding(.warning, problem + "; looking for the next intact record",
                                location: InputLocation(path: displayPath, record: outcome.recordCount, byteOffset: offset)),
                        kind: "tfrecord-framing-\(displayPath)", summary: "framing problems in \(displayPath)")
                }
                start += 1
                outcome.skippedBytes += 1
                continue
            }
            if let skippedFrom = resyncStart {
                findings.add(
                    Finding(.warning, "skipped \(offset - skippedFrom) B of damaged data; reading resumes here",
                            location: InputLocation(path: displayPath, record: outcome.recordCount, byteOffset: offset)),
                    kind: "tfrecord-framing-\(displayPath)", summary: "framing problems in \(displayPath)")
                resyncStart = nil
            }
            let dataBytes = Int(length)
            let total = Self.headerBytes + dataBytes + Self.footerBytes
            guard try fill(total) else {
                outcome.truncatedTailBytes = end - start
                break
            }
            let index = outcome.recordCount
            outcome.recordCount += 1
            let dataStart = start + Self.headerBytes
            start += total
            let data = UnsafeRawBufferPointer(rebasing: buffer[dataStart..<(dataStart + dataBytes)])
            guard CRC32C.masked(data)
                == buffer.loadUnaligned(fromByteOffset: dataStart + dataBytes, as: UInt32.self).littleEndian
            else {
                outcome.corruptRecordCount += 1
                findings.add(
                    Finding(.warning, "record data checksum does not match; record skipped",
                            location: InputLocation(path: displayPath, record: index, byteOffset: offset)),
                    kind: "tfrecord-crc-\(displayPath)", summary: "records with bad checksums in \(displayPath)")
                continue
            }
            try body(data, index, offset)
        }
        if let skippedFrom = resyncStart, outcome.truncatedTailBytes == 0 {
            findings.add(Finding(.warning, "no intact record after byte \(skippedFrom); the rest of the file was skipped",
                                 location: InputLocation(path: displayPath, byteOffset: skippedFrom)))
        }
        if outcome.truncatedTailBytes > 0 {
            findings.add(Finding(.note, "ends in a partial record of \(outcome.truncatedTailBytes) B (a file still being written, or cut short); read up to it",
                                 location: InputLocation(path: displayPath, record: outcome.recordCount,
                                                         byteOffset: bufferOffset + start)))
        }
        return outcome
    }

    /// Makes at least `count` bytes available from `start`; false when the stream ends first.
    private func fill(_ count: Int) throws(FootprintError) -> Bool {
        while end - start < count {
            if isAtEnd { return false }
            if buffer.count - end < Self.readChunkBytes / 4 || buffer.count - start < count {
                let kept = end - start
                if start > 0 {
                    _ = memmove(buffer.baseAddress!, buffer.baseAddress! + start, kept)
                    bufferOffset += start
                    start = 0
                    end = kept
                }
                if buffer.count - end < Self.readChunkBytes / 4 || buffer.count < count {
                    let grown = UnsafeMutableRawBufferPointer.allocate(
                        byteCount: max(buffer.count * 2, count + Self.readChunkBytes), alignment: 16)
                    grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                    buffer.deallocate()
                    buffer = grown
                }
            }
            let got = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if got == 0 { isAtEnd = true } else { end += got }
        }
        return true
    }
}

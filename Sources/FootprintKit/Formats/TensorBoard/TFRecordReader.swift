/// Walks the TFRecord framing of a byte stream: `uint64 length · uint32 masked CRC-32C of the length · data ·
/// uint32 masked CRC-32C of the data`, both checksums checked.
///
/// Memory is one buffer of about a megabyte, grown only to fit the largest record (bounded by
/// `maximumRecordBytes`). Damage is located and survived:
/// - a bad data checksum skips that record (its length is trustworthy) with a warning;
/// - a bad length checksum or an absurd length means the framing is lost: the reader scans forward byte by byte
///   for the next header whose length checksum holds, and says how many bytes it skipped;
/// - a partial last record (a file still being written, or cut short) ends the file with a note.
struct TFRecordReader {
    static let readChunkBytes = 1 << 20
    private static let headerBytes = 12
    private static let footerBytes = 4
    /// The bytes around a record's data: its header (length and its CRC) and its footer (the data's CRC).
    static let framingBytes = headerBytes + footerBytes

    private let displayPath: String
    private let maximumRecordBytes: Int
    private let input: StreamBuffer

    init(stream: any ByteStream, displayPath: String, maximumRecordBytes: Int) {
        self.displayPath = displayPath
        self.maximumRecordBytes = maximumRecordBytes
        input = StreamBuffer(stream: stream, chunkBytes: Self.readChunkBytes)
    }

    /// Calls `body` with each intact record's data (valid only during the call), its 0-based index and the byte
    /// offset of its header.
    func forEachRecord(
        findings: inout FindingLog,
        _ body: (_ data: ByteView, _ index: Int, _ byteOffset: Int) throws(FootprintError) -> Void
    ) throws(FootprintError) -> TFRecordCounts {
        var outcome = TFRecordCounts()
        var resyncStart: Int?
        while true {
            guard try input.fill(atLeast: Self.headerBytes) else {
                outcome.truncatedTailBytes = input.count
                break
            }
            let offset = input.offset
            let (length, lengthIsIntact) = input.withUnreadBytes { bytes in
                (
                    bytes.littleEndianUInt64(at: 0),
                    CRC32C.masked(bytes.extracting(0..<8)) == bytes.littleEndianUInt32(at: 8)
                )
            }
            guard lengthIsIntact, length <= UInt64(maximumRecordBytes) else {
                if resyncStart == nil {
                    resyncStart = offset
                    let problem =
                        lengthIsIntact
                        ? "record length \(length) B is above the limit of \(maximumRecordBytes) B (raise it with --max-record-bytes if the file really holds such records)"
                        : "record header checksum does not match: the framing is damaged"
                    findings.add(
                        Finding(
                            .warning, .inputDamaged, problem + "; looking for the next intact record",
                            location: InputLocation(path: displayPath, record: outcome.recordCount, byteOffset: offset)),
                        kind: "tfrecord-framing-\(displayPath)", summary: "framing problems in \(displayPath)")
                }
                input.consume(1)
                outcome.skippedBytes += 1
                continue
            }
            if let skippedFrom = resyncStart {
                findings.add(
                    Finding(
                        .warning, .inputDamaged,
                        "skipped \(offset - skippedFrom) B of damaged data; reading resumes here",
                        location: InputLocation(path: displayPath, record: outcome.recordCount, byteOffset: offset)),
                    kind: "tfrecord-framing-\(displayPath)", summary: "framing problems in \(displayPath)")
                resyncStart = nil
            }
            let dataBytes = Int(length)
            let total = Self.headerBytes + dataBytes + Self.footerBytes
            guard try input.fill(atLeast: total) else {
                outcome.truncatedTailBytes = input.count
                break
            }
            let index = outcome.recordCount
            outcome.recordCount += 1
            let dataEnd = Self.headerBytes + dataBytes
            try input.withUnreadBytes { (bytes) throws(FootprintError) in
                let data = bytes.extracting(Self.headerBytes..<dataEnd)
                guard CRC32C.masked(data) == bytes.littleEndianUInt32(at: dataEnd) else {
                    outcome.corruptRecordCount += 1
                    findings.add(
                        Finding(
                            .warning, .inputDamaged, "record data checksum does not match; record skipped",
                            location: InputLocation(path: displayPath, record: index, byteOffset: offset)),
                        kind: "tfrecord-crc-\(displayPath)", summary: "records with bad checksums in \(displayPath)")
                    return
                }
                try body(data, index, offset)
            }
            input.consume(total)
        }
        if let skippedFrom = resyncStart, outcome.truncatedTailBytes == 0 {
            findings.add(
                Finding(
                    .warning, .inputDamaged,
                    "no intact record after byte \(skippedFrom); the rest of the file was skipped",
                    location: InputLocation(path: displayPath, byteOffset: skippedFrom)))
        }
        if outcome.truncatedTailBytes > 0 {
            findings.add(
                Finding(
                    .note, .inputDamaged,
                    "ends in a partial record of \(outcome.truncatedTailBytes) B (a file still being written, or cut short); read up to it",
                    location: InputLocation(
                        path: displayPath, record: outcome.recordCount,
                        byteOffset: input.offset)))
        }
        return outcome
    }
}

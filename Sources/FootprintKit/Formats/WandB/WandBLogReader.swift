/// Walks the framing of a W&B transaction log (`run-<id>.wandb`) and hands out its records.
///
/// Accepts the 7-byte file header (`:W&B`, uint16 LE 0xBEE1, a version byte) and then LevelDB-log framing on a
/// grid of 32 KiB blocks at absolute file offsets: chunks of `uint32 LE CRC-32 · uint16 LE length · uint8 type`
/// and a payload, FULL (1) or FIRST (2), MIDDLE (3)…, LAST (4); a block's last 6 bytes or fewer, and an all-zero
/// chunk header, are padding to the next block. The checksum is the CRC-32/IEEE of the type byte and the payload,
/// unmasked (W&B's choice, not LevelDB's masked CRC-32C).
///
/// Damage is located by byte offset and survived the way W&B's own reader survives it: a chunk with a bad
/// checksum, an impossible length or an unknown type drops the record it belongs to, and reading resumes at the
/// next block's first FULL or FIRST chunk (a warning); a file that ends inside a chunk or a record (a run still
/// being written, or killed) keeps every record before it (a warning). Memory is the read buffer and one record
/// being assembled, bounded by `maximumRecordBytes`.
struct WandBLogReader {
    static let blockBytes = 32 * 1024
    static let headerBytes = 7
    private static let chunkHeaderBytes = 7
    private static let magic: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE]

    private let displayPath: String
    private let maximumRecordBytes: Int
    private let input: StreamBuffer

    init(stream: any ByteStream, displayPath: String, maximumRecordBytes: Int) {
        self.displayPath = displayPath
        self.maximumRecordBytes = maximumRecordBytes
        input = StreamBuffer(stream: stream, chunkBytes: 4 * Self.blockBytes)
    }

    /// Whether `head` starts with the W&B transaction log's file header.
    static func hasHeader(_ head: [UInt8]) -> Bool { head.starts(with: magic) }

    /// Calls `body` with each intact record's payload (valid only during the call), its 0-based index and the
    /// byte offset of its first chunk's header, and the findings to add to.
    ///
    /// - Throws: ``FootprintError`` when the file does not start with the W&B header, or cannot be read.
    func forEachRecord(
        findings: inout FindingLog,
        _ body: (_ payload: ByteView, _ index: Int, _ byteOffset: Int, _ findings: inout FindingLog) -> Void
    ) throws(FootprintError) {
        guard try input.fill(atLeast: Self.headerBytes),
            input.withUnreadBytes({ Self.hasHeader(Array($0.extracting(0..<6))) })
        else {
            throw FootprintError(
                .unreadableInput, "not a W&B transaction log: no ':W&B' header",
                location: InputLocation(path: displayPath, byteOffset: 0))
        }
        input.consume(Self.headerBytes)
        var recordCount = 0
        var pending: [UInt8]?
        var pendingOffset = 0
        var recovering = false
        /// Drops the record being assembled and skips to the next block, with a warning about `problem`.
        func abandon(_ problem: String, at offset: Int, findings: inout FindingLog) throws(FootprintError) {
            findings.add(
                Finding(
                    .warning, .inputDamaged,
                    problem
                        + (pending == nil ? "" : "; the record begun at byte \(pendingOffset) is dropped")
                        + "; reading resumes at the next block",
                    location: InputLocation(path: displayPath, record: recordCount, byteOffset: offset)),
                kind: "wandb-framing-\(displayPath)", summary: "damaged chunks in \(displayPath)")
            pending = nil
            recovering = true
            try skipToNextBlock()
        }
        while true {
            let offset = input.offset
            let left = Self.blockBytes - offset % Self.blockBytes
            if left < Self.chunkHeaderBytes {
                guard try skipToNextBlock() else { break }
                continue
            }
            guard try input.fill(atLeast: Self.chunkHeaderBytes) else {
                if input.count > 0, input.withUnreadBytes({ $0.contains { $0 != 0 } }) {
                    cutShort(at: offset, pending: pending.map { _ in pendingOffset }, findings: &findings)
                    return
                }
                break
            }
            let (checksum, length, type) = input.withUnreadBytes { bytes in
                (bytes.littleEndianUInt32(at: 0), Int(bytes.littleEndianUInt16(at: 4)), bytes[6])
            }
            if checksum == 0 && length == 0 && type == 0 {
                guard try skipToNextBlock() else { break }
                continue
            }
            guard Self.chunkHeaderBytes + length <= left, (1...4).contains(type) else {
                try abandon(
                    type > 4 || type == 0
                        ? "chunk of unknown type \(type)" : "chunk of \(length) B does not fit in its block",
                    at: offset, findings: &findings)
                continue
            }
            guard try input.fill(atLeast: Self.chunkHeaderBytes + length) else {
                cutShort(at: offset, pending: pending.map { _ in pendingOffset }, findings: &findings)
                return
            }
            let intact = input.withUnreadBytes { bytes in
                CRC32.checksum(prefix: type, bytes.extracting(Self.chunkHeaderBytes..<(Self.chunkHeaderBytes + length)))
                    == checksum
            }
            guard intact else {
                try abandon("chunk checksum does not match", at: offset, findings: &findings)
                continue
            }
            switch type {
            case 1:
                recovering = false
                if pending != nil {
                    orphan("a record begun at byte \(pendingOffset) has no last chunk", at: offset, &findings)
                    pending = nil
                }
                input.withUnreadBytes { bytes in
                    body(
                        bytes.extracting(Self.chunkHeaderBytes..<(Self.chunkHeaderBytes + length)), recordCount, offset,
                        &findings)
                }
                recordCount &+= 1
            case 2:
                recovering = false
                if pending != nil {
                    orphan("a record begun at byte \(pendingOffset) has no last chunk", at: offset, &findings)
                }
                pending = input.withUnreadBytes {
                    Array($0.extracting(Self.chunkHeaderBytes..<(Self.chunkHeaderBytes + length)))
                }
                pendingOffset = offset
            default:
                guard var assembled = pending else {
                    // After damage, the rest of the dropped record's chunks are expected.
                    if !recovering { orphan("a chunk continues no record", at: offset, &findings) }
                    break
                }
                pending = nil
                guard assembled.count + length <= maximumRecordBytes else {
                    findings.add(
                        Finding(
                            .warning, .inputLimit,
                            "record is longer than \(maximumRecordBytes) B; skipped (raise --max-record-bytes if it is real data)",
                            location: InputLocation(path: displayPath, record: recordCount, byteOffset: pendingOffset)))
                    recovering = true
                    break
                }
                input.withUnreadBytes { bytes in
                    assembled.append(
                        contentsOf: bytes.extracting(Self.chunkHeaderBytes..<(Self.chunkHeaderBytes + length)))
                }
                if type == 4 {
                    assembled.withByteView { body($0, recordCount, pendingOffset, &findings) }
                    recordCount &+= 1
                } else {
                    pending = assembled
                }
            }
            input.consume(Self.chunkHeaderBytes + length)
        }
        if pending != nil { cutShort(at: input.offset, pending: pendingOffset, findings: &findings) }
        return
    }

    /// Consumes the rest of the current block; false when the stream ends first.
    @discardableResult
    private func skipToNextBlock() throws(FootprintError) -> Bool {
        let left = Self.blockBytes - input.offset % Self.blockBytes
        guard try input.fill(atLeast: left) else {
            input.consume(input.count)
            return false
        }
        input.consume(left)
        return true
    }

    /// A chunk that does not belong where it is: the records around it are kept.
    private func orphan(_ problem: String, at offset: Int, _ findings: inout FindingLog) {
        findings.add(
            Finding(
                .warning, .inputDamaged, problem + "; skipped",
                location: InputLocation(path: displayPath, byteOffset: offset)),
            kind: "wandb-framing-\(displayPath)", summary: "damaged chunks in \(displayPath)")
    }

    /// The file ends inside a chunk, or inside the record begun at `pending`.
    private func cutShort(at offset: Int, pending: Int?, findings: inout FindingLog) {
        let start = pending ?? offset
        findings.add(
            Finding(
                .warning, .inputDamaged,
                "ends inside a record begun at byte \(start) (a run still being written, or killed); read up to it",
                location: InputLocation(path: displayPath, byteOffset: start)))
    }
}

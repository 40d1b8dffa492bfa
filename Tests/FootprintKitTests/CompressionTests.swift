import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

struct CompressionTests {
    // MARK: - gzip

    @Test func readsEveryMemberOfAMultiMemberFile() throws {
        let (stream, encoding) = try InputOpener.open(
            path: TestPaths.fixture("gzip/two-members.txt.gz"), limits: InputLimits())
        let bytes = try readAll(stream)
        #expect(encoding.isGzip)
        #expect(bytes.count == Int(exactly: ExpectedValue.number(in: "expected.json", "gzip", "text_bytes")))
        #expect(String(decoding: bytes.suffix(10), as: UTF8.self) == "line 4999\n")
        #expect(stream.notes.isEmpty)
    }

    @Test func truncatedStreamYieldsTheDataBeforeTheCutAndANote() throws {
        let (stream, _) = try InputOpener.open(path: TestPaths.fixture("gzip/truncated.txt.gz"), limits: InputLimits())
        let bytes = try readAll(stream)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.count > 1000)
        #expect(text.hasPrefix("line 0\nline 1\n"))
        #expect(stream.notes.contains { $0.contains("truncated") })
    }

    @Test func trailingGarbageIsIgnoredWithANote() throws {
        let (stream, _) = try InputOpener.open(
            path: TestPaths.fixture("gzip/trailing-garbage.txt.gz"), limits: InputLimits())
        let bytes = try readAll(stream)
        #expect(bytes.count == Int(exactly: ExpectedValue.number(in: "expected.json", "gzip", "text_bytes")))
        #expect(stream.notes.contains { $0.contains("after the end") })
    }

    @Test func inflatedOutputIsBounded() throws {
        var limits = InputLimits()
        limits.maximumInflatedBytes = 1 << 20
        let (stream, _) = try InputOpener.open(path: TestPaths.fixture("gzip/zeros-64MiB.gz"), limits: limits)
        let bytes = try readAll(stream, chunk: 1 << 16)
        #expect(bytes.count == 1 << 20)
        #expect(stream.notes.contains { $0.contains("--max-inflated-bytes") })
    }

    /// A gzip member written by hand: the optional header fields (extra, name, comment) and the
    /// text in one stored deflate block, then the CRC-32 and length (`damage` alters the CRC-32).
    private func handMadeMember(_ text: String, damage: UInt32 = 0) -> [UInt8] {
        let data = Array(text.utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc = ~crc ^ damage
        let le16 = { (value: Int) -> [UInt8] in [UInt8(value & 0xFF), UInt8(value >> 8)] }
        let le32 = { (value: UInt32) -> [UInt8] in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        var member: [UInt8] = [0x1f, 0x8b, 8, 0x1c, 0, 0, 0, 0, 0, 3]  // FEXTRA | FNAME | FCOMMENT
        member += le16(4) + [0x41, 0x42, 0, 0]
        member += Array("gpu.csv".utf8) + [0] + Array("written by hand".utf8) + [0]
        member += [1] + le16(data.count) + le16(~data.count & 0xFFFF) + data
        return member + le32(crc) + le32(UInt32(data.count))
    }

    @Test func headerFieldsAreSkippedAndTheChecksumIsChecked() throws {
        let text = "timestamp, power.draw [W]\n2024/03/05 14:00:00, 100 W\n"
        let good = TestPaths.write(handMadeMember(text) + handMadeMember(text), named: "fields.gz")
        let (stream, encoding) = try InputOpener.open(path: good, limits: InputLimits())
        #expect(encoding.isGzip)
        #expect(try readAll(stream) == Array((text + text).utf8))
        #expect(stream.notes.isEmpty)
        let bad = TestPaths.write(handMadeMember(text, damage: 1), named: "bad-crc.gz")
        let (damaged, _) = try InputOpener.open(path: bad, limits: InputLimits())
        _ = try readAll(damaged)
        #expect(damaged.notes == ["the gzip data is corrupt (CRC-32 or length mismatch): read up to the damage"])
    }

    @Test func plainFilesPassThroughUnchanged() throws {
        let path = TestPaths.write("a,b\n1,2\n", named: "plain.csv")
        let (stream, encoding) = try InputOpener.open(path: path, limits: InputLimits())
        #expect(!encoding.isGzip)
        #expect(try readAll(stream) == Array("a,b\n1,2\n".utf8))
    }

    // MARK: - UTF-16

    @Test func utf16WithByteOrderMarkBecomesUTF8() throws {
        let text = "timestamp, power.draw [W]\r\n2024/03/05 14:02:11.517, 287.45 W\r\nµ😀\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = TestPaths.write(bytes, named: "utf16.txt")
        let (stream, encoding) = try InputOpener.open(path: path, limits: InputLimits())
        #expect(encoding.isUTF16LE)
        #expect(String(decoding: try readAll(stream, chunk: 7), as: UTF8.self) == text)
    }

    /// Unpaired surrogates where a character of three bytes follows (six bytes of UTF-8 from one code unit), at
    /// the end, and a last odd byte, read in pieces of every size from one byte: what Swift's own UTF-16 decoder
    /// gives, U+FFFD for each unpaired surrogate, and nothing past what was written.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 64])
    func utf16UnpairedSurrogatesInPiecesOfAnySize(chunk: Int) throws {
        let units: [UInt16] = [
            0x41, 0xD83D, 0xFFFF, 0xD83D, 0xDE00, 0xDC00, 0x20AC, 0xD800, 0xD800, 0x0800, 0xD83D, 0x7F, 0xDBFF,
        ]
        let expected = Array(String(decoding: units, as: UTF16.self).utf8)
        // By hand: A 1, U+FFFD and U+FFFF 6, 😀 4, U+FFFD 3, € 3, U+FFFD twice and U+0800 9, U+FFFD and DEL 4,
        // U+FFFD 3.
        #expect(expected.count == 33)
        let bytes: [UInt8] = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x41]
        let stream = UTF16LEByteStream(source: PrefixedByteStream(prefix: bytes, rest: EmptyStream()))
        #expect(try readAll(stream, chunk: chunk) == expected)
        var after = [UInt8](repeating: 0, count: 8)
        #expect(try after.withUnsafeMutableBytes { try stream.read(into: $0) } == 0)
    }

    // MARK: - Inflation ahead of the reader

    /// A source that gives its bytes in pieces of 1 byte to 96 KiB (as the inflater returns less than asked at the
    /// end of its input), then fails or ends, with a note.
    private final class PiecewiseStream: ByteStream {
        let bytes: [UInt8]
        let failsAtEnd: Bool
        var offset = 0
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var notes: [String] { offset == bytes.count ? ["source note"] : [] }

        init(_ bytes: [UInt8], failsAtEnd: Bool) {
            self.bytes = bytes
            self.failsAtEnd = failsAtEnd
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int {
            if offset == bytes.count {
                if failsAtEnd { throw FootprintError(.unreadableInput, "source failed") }
                return 0
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = min(buffer.count, bytes.count - offset, 1 + Int(state >> 33) % (96 << 10))
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            return count
        }
    }

    /// Every byte arrives in order across chunks that the source fills in many pieces, whether it ends within a
    /// chunk or on a chunk's end; a failure comes after every byte read before it; the source's notes are passed on.
    @Test(arguments: [0, 1, 3 * PipelinedByteStream.chunkBytes, 3 * PipelinedByteStream.chunkBytes + 12_345])
    func inflationAheadKeepsEveryByteBeforeTheEndOrAFailure(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        let ended = PipelinedByteStream(source: PiecewiseStream(bytes, failsAtEnd: false))
        #expect(try readAll(ended, chunk: 100_003) == bytes)
        #expect(ended.notes == ["source note"])

        let failing = PipelinedByteStream(source: PiecewiseStream(bytes, failsAtEnd: true))
        var read: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        do {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try failing.read(into: $0) }
                #expect(count > 0)
                read.append(contentsOf: buffer[0..<count])
            }
        } catch {
            #expect((error as? FootprintError)?.message == "source failed")
        }
        #expect(read == bytes)
    }

    // MARK: - Lines

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func splitsLinesAcrossChunkBoundaries(chunk: Int) throws {
        let text = "first\r\nsecond\n\nfourth line is longer\nlast without newline"
        let stream = PrefixedByteStream(prefix: Array(text.utf8), rest: EmptyStream())
        var reader = LineReader(stream: stream, maximumLineBytes: 1024, chunkBytes: chunk)
        var lines: [(String, Int, Bool)] = []
        try reader.forEachLine { line in
            lines.append((String(decoding: line.bytes, as: UTF8.self), line.number, line.isTerminated))
            return true
        }
        #expect(lines.map(\.0) == ["first", "second", "", "fourth line is longer", "last without newline"])
        #expect(lines.map(\.1) == [1, 2, 3, 4, 5])
        #expect(lines.map(\.2) == [true, true, true, true, false])
    }

    @Test func skipsOverlongLinesWithoutBufferingThem() throws {
        let long = String(repeating: "x", count: 5000)
        let text = "short\n\(long)\nafter\n"
        let stream = PrefixedByteStream(prefix: Array(text.utf8), rest: EmptyStream())
        var reader = LineReader(stream: stream, maximumLineBytes: 100, chunkBytes: 64)
        var lines: [String] = []
        try reader.forEachLine { line in
            lines.append(String(decoding: line.bytes, as: UTF8.self) + "@\(line.number)")
            return true
        }
        #expect(lines == ["short@1", "after@3"])
        #expect(reader.overlongLines.numbers == [2])
        #expect(reader.overlongLines.count == 1)
    }
}

/// A stream with nothing in it.
final class EmptyStream: ByteStream {
    let notes: [String] = []
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int { 0 }
}

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
        #expect(reader.overlongLines == [2])
    }
}

/// A stream with nothing in it.
final class EmptyStream: ByteStream {
    let notes: [String] = []
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FootprintError) -> Int { 0 }
}

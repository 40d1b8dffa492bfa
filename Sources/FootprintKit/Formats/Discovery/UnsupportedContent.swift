/// Why a file's first bytes cannot be read as a log when they are recognisably something else: another
/// compression, gzip inside gzip, UTF-16 that is not read, or line ends that are not read. Each reason says how
/// to make the file readable.
enum UnsupportedContent {
    /// The reason for `head` (after gzip and UTF-16LE were undone, as `encoding` says), or nil when nothing is
    /// recognised.
    static func reason(_ head: [UInt8], encoding: InputEncoding) -> String? {
        if encoding.isGzip, head.starts(with: [0x1F, 0x8B]) {
            return "gzip inside gzip, which is not read: decompress the outer layer (gunzip -c FILE > FILE.inner)"
        }
        if let format = compression(head) {
            return "\(format.name)-compressed, which is not supported: decompress it first (\(format.command))"
        }
        if head.starts(with: [0xFE, 0xFF]) || isUTF16(head, zeroAt: 0) {
            return
                "UTF-16BE text\(head.starts(with: [0xFE, 0xFF]) ? "" : " without a byte-order mark"), which is not read (UTF-8 and UTF-16LE with a byte-order mark are): convert it with iconv -f UTF-16BE -t UTF-8"
        }
        if isUTF16(head, zeroAt: 1) {
            return
                "UTF-16LE text without a byte-order mark, which is not read: convert it with iconv -f UTF-16LE -t UTF-8"
        }
        if RawDeflateProbe.isDeflatedText(head) {
            return
                "a raw deflate stream (compressed, without a gzip or zlib header), which is not supported: decompress it first (python3 -c 'import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read(), -15))' < FILE)"
        }
        if head.contains(0x0D), !head.contains(0x0A) {
            return
                "lines end in a carriage return alone (classic Mac OS), which is not read: convert them with tr '\\r' '\\n'"
        }
        return nil
    }

    /// A compression format recognised by its magic bytes, with the command that undoes it.
    private static func compression(_ head: [UInt8]) -> (name: String, command: String)? {
        if head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return ("zstd", "zstd -d FILE") }
        if head.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return ("xz", "xz -d FILE") }
        if head.count >= 4, head.starts(with: Array("BZh".utf8)), (0x31...0x39).contains(head[3]) {
            return ("bzip2", "bunzip2 FILE")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return ("zip", "unzip FILE") }
        // A zlib header: deflate with a 32 KiB window, one of the four standard levels (the check bits hold).
        if head.count >= 2, head[0] == 0x78, [0x01, 0x5E, 0x9C, 0xDA].contains(head[1]) {
            return (
                "zlib",
                "python3 -c 'import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))' < FILE"
            )
        }
        return nil
    }

    /// Whether the first 32 bytes (at least 8) are UTF-16 ASCII text: a zero byte at every even (`zeroAt` 0,
    /// big-endian) or odd (1, little-endian) offset, a printable or white-space character at the others.
    private static func isUTF16(_ head: [UInt8], zeroAt: Int) -> Bool {
        let sample = head.prefix(32)
        guard sample.count >= 8 else { return false }
        return sample.indices.allSatisfy { index in
            let byte = sample[index]
            return index % 2 == zeroAt
                ? byte == 0 : (byte >= 0x20 && byte < 0x7F) || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
    }
}

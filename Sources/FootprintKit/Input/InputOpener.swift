/// Opens a file as a stream of plain UTF-8 bytes, undoing gzip and UTF-16LE by content, not by name.
enum InputOpener {
    /// Opens `path`; `progress`, when given, follows how much of the file has been read and inflated.
    static func open(path: String, limits: InputLimits, progress: ReadProgress? = nil) throws(FootprintError) -> (
        stream: any ByteStream, encoding: InputEncoding
    ) {
        let file = try FileByteStream(path: path, progress: progress)
        let magic = try PrefixedByteStream.readAhead(2, from: file)
        var stream: any ByteStream = PrefixedByteStream(prefix: magic, rest: file)
        let isGzip = magic == [0x1f, 0x8b]
        if isGzip {
            // Inflation runs on its own thread, a few chunks ahead of the parser.
            stream = PipelinedByteStream(
                source: GzipByteStream(
                    source: stream, maximumInflatedBytes: limits.maximumInflatedBytes, progress: progress))
        }
        let mark = try PrefixedByteStream.readAhead(3, from: stream)
        var isUTF16LE = false
        if mark.starts(with: [0xFF, 0xFE]) {
            isUTF16LE = true
            stream = UTF16LEByteStream(source: PrefixedByteStream(prefix: Array(mark.dropFirst(2)), rest: stream))
        } else if mark == [0xEF, 0xBB, 0xBF] {
            // A UTF-8 byte-order mark carries no information: drop it.
        } else {
            stream = PrefixedByteStream(prefix: mark, rest: stream)
        }
        return (stream, InputEncoding(isGzip: isGzip, isUTF16LE: isUTF16LE))
    }

    /// The first `maximumBytes` of a file's plain content, for sniffing its format, with the stream's notes when
    /// it ended sooner (why a gzip stream gave nothing, say).
    static func head(path: String, maximumBytes: Int, limits: InputLimits) throws(FootprintError) -> (
        bytes: [UInt8], encoding: InputEncoding, notes: [String]
    ) {
        let (stream, encoding) = try open(path: path, limits: limits)
        let bytes = try PrefixedByteStream.readAhead(maximumBytes, from: stream)
        return (bytes, encoding, bytes.count < maximumBytes ? stream.notes : [])
    }
}
